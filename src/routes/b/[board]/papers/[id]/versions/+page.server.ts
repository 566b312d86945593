import { translate } from '$lib/i18n';
import { newFormToken } from '$lib/server/form-token';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import { versionService } from '$lib/server/services';
import { namedVersionSchema } from '$lib/server/versions/version.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const versions = await boardPage(event, (board) =>
		versionService(event.locals).list(board, idParam(event.locals, event.params.id))
	);
	return { ...versions, formToken: newFormToken() };
};

export const actions: Actions = {
	create: (event) =>
		boardFormAction({
			event,
			schema: namedVersionSchema,
			done: 'create',
			run: (board, data) =>
				versionService(event.locals).createNamed(board, { paperId: idParam(event.locals, event.params.id), ...data }),
			message: (version) => translate(event.locals.locale, 'comments.version.saved', { number: version.number }),
			keep: ({ name }) => ({ name })
		})
};
