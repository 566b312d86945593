import { fail, redirect } from '@sveltejs/kit';
import { loadBoard } from '$lib/server/boards/board-context';
import { voteService } from '$lib/server/services';
import { circularSchema } from '$lib/server/votes/vote.schema';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { newFormToken } from '$lib/server/form-token';
import { fieldErrors, formObject, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await orErrorPage(locals, voteService(locals).list(board))), formToken: newFormToken() };
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		const raw = { ...formObject(data), voters: data.getAll('voter').map(String) };
		const back = { values: { ...raw, voters: undefined }, chosen: raw.voters };
		const parsed = circularSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { ...back, errors: fieldErrors(parsed.error, locals.locale) });
		let id: string;
		try {
			id = await voteService(locals).create(board, parsed.data);
		} catch (error) {
			const failure = serviceFailure(error, locals.locale);
			return fail(failure.status, { ...back, message: failure.data.message });
		}
		redirect(303, `/b/${board.slug}/votes/${id}`);
	}
};
