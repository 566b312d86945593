import { liveService } from '$lib/server/services';
import { boardPage, idParam } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// The room screen (#19): the same picture as meeting mode, read-only, in large type, names only.
export const load: PageServerLoad = async (event) => {
	event.depends('live:meeting');
	return boardPage(event, (board) => liveService(event.locals).page(board, idParam(event.locals, event.params.id)));
};
