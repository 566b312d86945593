import { redirect } from '@sveltejs/kit';
import { loadBoard } from '$lib/server/boards/board-context';
import { paperService } from '$lib/server/services';
import { paperPage } from '$lib/server/papers/paper-route';
import { forbidden } from '$lib/server/errors';
import { serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// A page of its own: deleting asks for confirmation, with or without JavaScript.

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const paper = await paperPage(locals, params.id, async (id) => {
		const found = await paperService(locals).get(board, id);
		if (!found.canManage) throw forbidden();
		return found;
	});
	return { paper };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			await paperPage(locals, params.id, (id) => paperService(locals).remove(board, id));
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		redirect(303, `/b/${board.slug}/papers?deleted=1`);
	}
};
