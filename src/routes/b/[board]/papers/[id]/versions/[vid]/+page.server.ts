import { translate } from '$lib/i18n';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import { versionService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	boardPage(event, (board) =>
		versionService(event.locals).view(board, {
			paperId: idParam(event.locals, event.params.id),
			versionId: event.params.vid
		})
	);

export const actions: Actions = {
	/** Restores this version as a new change (the current state is kept as a version first). */
	restore: (event) =>
		boardFormAction({
			event,
			done: 'restore',
			run: (board) =>
				versionService(event.locals).restore(board, {
					paperId: idParam(event.locals, event.params.id),
					versionId: event.params.vid
				}),
			message: ({ restored }) => translate(event.locals.locale, 'comments.version.restored', { number: restored })
		})
};
