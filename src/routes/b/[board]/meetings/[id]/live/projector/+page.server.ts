import { livePageData } from '$lib/server/live/live-page';
import { boardPage, idParam } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// The room screen (#19): the same picture as meeting mode, read-only, in large type, names only.
export const load: PageServerLoad = async (event) => {
	event.depends('live:meeting');
	// The running vote's turnout and the last result (DeviceVoteProjector: title, counts, outcome; no names).
	event.depends('meeting:votes');
	return boardPage(event, (board) => livePageData(event.locals, board, idParam(event.locals, event.params.id)));
};
