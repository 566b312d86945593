import { translate } from '$lib/i18n';
import { meetingService, publicationService, twoFactorSettingsService } from '$lib/server/services';
import { settingsSchema } from '$lib/server/meetings/meeting.schema';
import { switchSchema, termSchema } from '$lib/server/publication/publication.schema';
import { boardFormAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Office only: the route guard (hooks.server.ts, rule 'board.configure') refused everyone else already.
export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return {
		settings: await meetingService(locals).settings(board),
		publication: await publicationService(locals).boardStatus(board),
		twoFactorRequired: await twoFactorSettingsService(locals).boardRequired(board)
	};
};

export const actions: Actions = {
	save: (event) =>
		boardFormAction({
			event,
			schema: settingsSchema,
			done: 'save',
			message: 'meetings.settings.saved',
			run: (board, data) => meetingService(event.locals).saveSettings(board, data)
		}),
	publish: (event) =>
		boardFormAction({
			event,
			schema: switchSchema,
			done: 'publish',
			policy: 'publication.manage',
			message: (_result, data) =>
				translate(
					event.locals.locale,
					data.on ? 'meetings.settings.public.switchedOn' : 'meetings.settings.public.switchedOff'
				),
			run: (board, data) => publicationService(event.locals).setBoardPublic(board, data.on)
		}),
	twoFactor: (event) =>
		boardFormAction({
			event,
			schema: switchSchema,
			done: 'twoFactor',
			message: (_result, data) =>
				translate(event.locals.locale, data.on ? 'twoFactor.settings.switchedOn' : 'twoFactor.settings.switchedOff'),
			run: (board, data) => twoFactorSettingsService(event.locals).setBoard(board, data.on)
		}),
	term: (event) =>
		boardFormAction({
			event,
			schema: termSchema,
			done: 'term',
			policy: 'publication.manage',
			message: 'meetings.settings.term.saved',
			run: (board, data) => publicationService(event.locals).setBoardTerm(board, data)
		})
};
