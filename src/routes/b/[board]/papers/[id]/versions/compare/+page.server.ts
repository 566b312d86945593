import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { boardPage, idParam } from '$lib/server/http';
import { versionService } from '$lib/server/services';
import { compareSchema } from '$lib/server/versions/version.schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	return boardPage(event, (board) => {
		const parsed = compareSchema.safeParse({
			a: url.searchParams.get('a'),
			b: url.searchParams.get('b'),
			suggestions: url.searchParams.get('suggestions')
		});
		if (!parsed.success) error(404, translate(locals.locale, 'comments.version.error.unknown'));
		return versionService(locals).compare(board, { paperId: idParam(locals, event.params.id), ...parsed.data });
	});
};
