import { liveService } from '$lib/server/services';
import { livePageData } from '$lib/server/live/live-page';
import {
	checkinFormSchema,
	itemFormSchema,
	speakerFormSchema,
	speakingTimeFormSchema,
	turnFormSchema
} from '$lib/server/live/live.schema';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Meeting mode (#19). Every action is one form post that commits, then publishes the new picture on the
// live channel; without JavaScript the page simply reloads with the same picture.

export const load: PageServerLoad = async (event) => {
	// The live channel's `onOpen` invalidates this, so a reconnecting page catches up from the database.
	event.depends('live:meeting');
	// The vote on people's devices (#19) sits in meeting mode too; its 'vote' events invalidate 'meeting:votes'.
	event.depends('meeting:votes');
	return boardPage(event, (board) => livePageData(event.locals, board, idParam(event.locals, event.params.id)));
};

const meetingId = (event: { locals: App.Locals; params: { id: string } }) => idParam(event.locals, event.params.id);

export const actions: Actions = {
	start: (event) =>
		boardFormAction({ event, done: 'start', run: (board) => liveService(event.locals).start(board, meetingId(event)) }),

	end: (event) =>
		boardFormAction({ event, done: 'end', run: (board) => liveService(event.locals).end(board, meetingId(event)) }),

	item: (event) =>
		boardFormAction({
			event,
			schema: itemFormSchema,
			done: 'item',
			run: (board, data) => liveService(event.locals).setItem(board, meetingId(event), data.itemId)
		}),

	checkin: (event) =>
		boardFormAction({
			event,
			schema: checkinFormSchema,
			done: 'checkin',
			run: (board, { mode, userId }) =>
				mode === 'left'
					? liveService(event.locals).checkOut(board, meetingId(event), { userId })
					: liveService(event.locals).checkIn(board, meetingId(event), { userId, mode })
		}),

	hand: (event) =>
		boardFormAction({
			event,
			done: 'hand',
			run: (board) => liveService(event.locals).raiseHand(board, meetingId(event))
		}),

	addSpeaker: (event) =>
		boardFormAction({
			event,
			schema: speakerFormSchema,
			done: 'addSpeaker',
			run: (board, { userId }) => liveService(event.locals).raiseHand(board, meetingId(event), { userId })
		}),

	turn: (event) =>
		boardFormAction({
			event,
			schema: turnFormSchema,
			done: 'turn',
			run: (board, data) => liveService(event.locals).turn(board, meetingId(event), data)
		}),

	speakingTime: (event) =>
		boardFormAction({
			event,
			schema: speakingTimeFormSchema,
			done: 'speakingTime',
			run: (board, { seconds }) => liveService(event.locals).setSpeakingTime(board, meetingId(event), seconds)
		})
};
