import { translate } from '$lib/i18n';
import { newFormToken } from '$lib/server/form-token';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import { versionService } from '$lib/server/services';
import { suggestionService } from '$lib/server/suggestions/suggestion-request';
import { namedVersionSchema } from '$lib/server/versions/version.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const versions = await boardPage(event, async (board) => {
		const paperId = idParam(event.locals, event.params.id);
		const list = await versionService(event.locals).list(board, paperId);
		// Who accepted or rejected whose suggestion, and when (the trace the editor's decisions leave).
		return { ...list, decisions: await suggestionService(event.locals).history(board, paperId) };
	});
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
