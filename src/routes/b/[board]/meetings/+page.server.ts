import { meetingService } from '$lib/server/services';
import { createMeetingSchema } from '$lib/server/meetings/meeting.schema';
import { newFormToken } from '$lib/server/form-token';
import { boardFormAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await meetingService(locals).list(board)), formToken: newFormToken() };
};

export const actions: Actions = {
	create: (event) =>
		boardFormAction({
			event,
			schema: createMeetingSchema,
			done: 'create',
			run: (board, data) => meetingService(event.locals).create(board, { ...data, status: 'planned' }),
			keep: 'form',
			redirect: (id, board) => `/b/${board.slug}/meetings/${id}`
		})
};
