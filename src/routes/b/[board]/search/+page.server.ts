import { translate } from '$lib/i18n';
import { boardPage } from '$lib/server/http';
import { searchService } from '$lib/server/services';
import { parseSearch, searchParamsOf } from '$lib/server/search/search.schema';
import { MAX_RESULTS } from '$lib/server/search/search.schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	return boardPage(event, async (board) => {
		const raw = searchParamsOf(url.searchParams);
		const form = { q: raw.q ?? '', kinds: raw.kinds, from: raw.from ?? '', to: raw.to ?? '' };
		// Opening the page without a query shows the empty form, not an error.
		if (raw.q === undefined) return { form, results: null, errors: [], limit: MAX_RESULTS };
		const parsed = parseSearch(raw);
		if (!parsed.ok)
			return {
				form,
				results: null,
				errors: parsed.errors.map((key) => translate(locals.locale, key)),
				limit: MAX_RESULTS
			};
		return { form, results: await searchService(locals).search(board, parsed.input), errors: [], limit: MAX_RESULTS };
	});
};
