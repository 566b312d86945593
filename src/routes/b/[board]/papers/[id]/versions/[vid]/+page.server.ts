import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { serviceFailure } from '$lib/server/http';
import { paperPage } from '$lib/server/papers/paper-route';
import { versionService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	return paperPage(locals, params.id, (paperId) => versionService(locals).view(board, { paperId, versionId: params.vid }));
};

export const actions: Actions = {
	/** Restores this version as a new change (the current state is kept as a version first). */
	restore: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			const { restored } = await paperPage(locals, params.id, (paperId) => versionService(locals).restore(board, { paperId, versionId: params.vid }));
			return { done: 'restore', message: translate(locals.locale, 'comments.version.restored', { number: restored }) };
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
	}
};
