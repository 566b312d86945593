import { deviceVoteService } from '$lib/server/services';
import {
	castDeviceVoteSchema,
	closeDeviceVoteSchema,
	openDeviceVoteSchema
} from '$lib/server/votes/device-vote.schema';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Votes in the meeting on people's own devices (#19): plain forms, so voting works without JavaScript.
// The route's rules (route-access.ts): the page for full members, open/close for office, chair and
// deputies, cast for voting members; the database decides who is present and who has a conflict.

export const load: PageServerLoad = async (event) => {
	// The live channel's 'vote' events invalidate this (the page reads turnout, never counts of an open vote).
	event.depends('meeting:votes');
	return boardPage(event, (board) =>
		deviceVoteService(event.locals).state(board, idParam(event.locals, event.params.id))
	);
};

const meetingOf = (event: { locals: App.Locals; params: { id: string } }) => idParam(event.locals, event.params.id);

export const actions: Actions = {
	open: (event) =>
		boardFormAction({
			event,
			schema: openDeviceVoteSchema,
			done: 'open',
			message: 'votes.live.opened',
			keep: (data) => ({ itemId: data.itemId }),
			run: (board, data) => deviceVoteService(event.locals).open(board, meetingOf(event), data)
		}),

	cast: (event) =>
		boardFormAction({
			event,
			schema: castDeviceVoteSchema,
			done: 'cast',
			message: 'votes.live.saved',
			run: (board, data) => deviceVoteService(event.locals).cast(board, meetingOf(event), data)
		}),

	close: (event) =>
		boardFormAction({
			event,
			schema: closeDeviceVoteSchema,
			done: 'close',
			message: 'votes.live.closed',
			run: (board, data) => deviceVoteService(event.locals).close(board, meetingOf(event), data)
		})
};
