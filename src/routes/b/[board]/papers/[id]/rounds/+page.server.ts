import { fail, redirect } from '@sveltejs/kit';
import { roundService } from '$lib/server/rounds/round-request';
import { openRoundSchema } from '$lib/server/rounds/round.schema';
import { newFormToken } from '$lib/server/form-token';
import { attempt, boardPage, customBoardAction, fieldErrors, formObject, idParam, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) =>
		roundService(event.locals).list(board, idParam(event.locals, event.params.id))
	)),
	formToken: newFormToken()
});

export const actions: Actions = {
	// Members are a repeated field: the form comes back with the chosen ones beside the values.
	open: (event) =>
		customBoardAction(event, async (board) => {
			const { locals } = event;
			const paperId = idParam(locals, event.params.id);
			const data = await readForm(event.request, locals.locale);
			const raw = { ...formObject(data), members: data.getAll('member').map(String) };
			const back = { values: { ...raw, members: undefined }, chosen: raw.members };
			const parsed = openRoundSchema.safeParse(raw);
			if (!parsed.success) return fail(400, { ...back, errors: fieldErrors(parsed.error, locals.locale) });
			const opened = await attempt(locals.locale, () =>
				roundService(locals).open(board, paperId, { ...parsed.data, locale: locals.locale })
			);
			if (!opened.ok) return fail(opened.status, { ...back, message: opened.message });
			redirect(303, `/b/${board.slug}/papers/${paperId}/rounds/${opened.value.id}?opened=1`);
		})
};
