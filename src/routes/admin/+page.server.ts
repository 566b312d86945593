import { createBoardService } from '$lib/server/boards/board.service';
import { boardFormSchema } from '$lib/server/boards/board.schema';
import { newFormToken } from '$lib/server/form-token';
import { formAction } from '$lib/server/http';
import { requireUser, twoFactorSettingsService } from '$lib/server/services';
import { switchSchema } from '$lib/server/publication/publication.schema';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const boards = (locals: App.Locals) => createBoardService({ db: locals.db, isAdmin: requireUser(locals).isAdmin });

export const load: PageServerLoad = async ({ locals }) => ({
	boards: await boards(locals).list(),
	formToken: newFormToken(),
	twoFactorRequired: await twoFactorSettingsService(locals).platformRequired()
});

export const actions: Actions = {
	twoFactor: (event) =>
		formAction({
			event,
			schema: switchSchema,
			done: 'twoFactor',
			message: (_result, data) =>
				translate(event.locals.locale, data.on ? 'twoFactor.settings.switchedOn' : 'twoFactor.settings.switchedOff'),
			run: (locals, data) => twoFactorSettingsService(locals).setPlatform(data.on)
		}),
	createBoard: (event) =>
		formAction({
			event,
			schema: boardFormSchema,
			done: 'createBoard',
			// A repeat of the same form lands on the board it made.
			run: (locals, data) => boards(locals).create(data),
			keep: ({ name, slug }) => ({ name, slug }),
			redirect: ({ slug }) => `/b/${slug}/members`
		})
};
