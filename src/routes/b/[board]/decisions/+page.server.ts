import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { decisionService } from '$lib/server/services';
import { parseForm, serviceFailure } from '$lib/server/http';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { parseFilter, recordSchema } from '$lib/server/decisions/decision.schema';
import { numberToSlug } from '$lib/server/decisions/decision-hash';
import { newFormToken } from '$lib/server/form-token';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { board } = await parent();
	const filter = parseFilter(url.searchParams);
	const list = await orErrorPage(locals, decisionService(locals).list(board, filter));
	return { ...list, filter, query: url.searchParams.toString(), formToken: newFormToken() };
};

export const actions: Actions = {
	record: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(recordSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			const { number } = await decisionService(locals).record(board, parsed.data);
			return { done: 'record', number, slug: numberToSlug(number), message: translate(locals.locale, 'decisions.recorded', { number }) };
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
	},

	verify: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			const verdict = await decisionService(locals).verify(board);
			const message = verdict.ok
				? translate(locals.locale, 'decisions.verify.ok', { count: verdict.count })
				: translate(locals.locale, 'decisions.verify.broken', { number: verdict.brokenNumber, revision: verdict.brokenRevision });
			return { done: 'verify', ok: verdict.ok, message };
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
	}
};
