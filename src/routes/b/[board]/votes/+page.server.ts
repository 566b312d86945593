import { fail, redirect } from '@sveltejs/kit';
import { voteService } from '$lib/server/services';
import { circularSchema } from '$lib/server/votes/vote.schema';
import { newFormToken } from '$lib/server/form-token';
import { attempt, boardPage, customBoardAction, fieldErrors, formObject, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => voteService(event.locals).list(board))),
	formToken: newFormToken()
});

export const actions: Actions = {
	// Voters are a repeated field: the form comes back with the chosen ones beside the values.
	create: (event) =>
		customBoardAction(event, async (board) => {
			const { locals } = event;
			const data = await readForm(event.request, locals.locale);
			const raw = { ...formObject(data), voters: data.getAll('voter').map(String) };
			const back = { values: { ...raw, voters: undefined }, chosen: raw.voters };
			const parsed = circularSchema.safeParse(raw);
			if (!parsed.success) return fail(400, { ...back, errors: fieldErrors(parsed.error, locals.locale) });
			const created = await attempt(locals.locale, () => voteService(locals).create(board, parsed.data));
			if (!created.ok) return fail(created.status, { ...back, message: created.message });
			redirect(303, `/b/${board.slug}/votes/${created.value}`);
		})
};
