import { deviceVoteService, liveService } from '$lib/server/services';
import { allowed } from '$lib/server/boards/policy';
import { boardPage, idParam } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// The room screen (#19): the same picture as meeting mode, read-only, in large type, names only.
export const load: PageServerLoad = async (event) => {
	event.depends('live:meeting');
	// The running vote's turnout and the last result (DeviceVoteProjector: title, counts, outcome; no names).
	event.depends('meeting:votes');
	return boardPage(event, async (board) => {
		const id = idParam(event.locals, event.params.id);
		const page = await liveService(event.locals).page(board, id);
		const votes = allowed(board, 'votes.read') ? await deviceVoteService(event.locals).state(board, id) : null;
		return { ...page, votes };
	});
};
