import { meetingService } from '$lib/server/services';
import { settingsSchema } from '$lib/server/meetings/meeting.schema';
import { boardFormAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Office only: the route guard (hooks.server.ts, rule 'board.configure') refused everyone else already.
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { settings: await meetingService(locals).settings(board) };
};

export const actions: Actions = {
	save: (event) =>
		boardFormAction({
			event,
			schema: settingsSchema,
			done: 'save',
			message: 'meetings.settings.saved',
			run: (board, data) => meetingService(event.locals).saveSettings(board, data)
		})
};
