import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { meetingService } from '$lib/server/services';
import { settingsSchema } from '$lib/server/meetings/meeting.schema';
import { parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Office only: the route guard (hooks.server.ts, rule 'board.configure') refused everyone else already.
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { settings: await meetingService(locals).settings(board) };
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(settingsSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await meetingService(locals).saveSettings(board, parsed.data);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'save', message: translate(locals.locale, 'meetings.settings.saved') };
	}
};
