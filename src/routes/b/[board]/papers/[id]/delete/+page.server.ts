import { paperService } from '$lib/server/services';
import { forbidden } from '$lib/server/errors';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// A page of its own: deleting asks for confirmation, with or without JavaScript.

export const load: PageServerLoad = async (event) => {
	const paper = await boardPage(event, async (board) => {
		const found = await paperService(event.locals).get(board, idParam(event.locals, event.params.id));
		if (!found.canManage) throw forbidden();
		return found;
	});
	return { paper };
};

export const actions: Actions = {
	default: (event) =>
		boardFormAction({
			event,
			done: 'delete',
			run: (board) => paperService(event.locals).remove(board, idParam(event.locals, event.params.id)),
			redirect: (_result, board) => `/b/${board.slug}/papers?deleted=1`
		})
};
