import { paperService, requireUser, sinceReadService } from '$lib/server/services';
import { suggestionService } from '$lib/server/suggestions/suggestion-request';
import { suggestionDecisionFormSchema } from '$lib/server/suggestions/suggestion.schema';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	const user = requireUser(locals);
	const id = idParam(locals, event.params.id);
	// The paper first: its check answers a paper the person may not open (404) before anything else is read.
	const { paper, sinceRead } = await boardPage(event, async (board) => ({
		paper: await paperService(locals).get(board, id),
		sinceRead: await sinceReadService(locals).view(board, id)
	}));
	return { paper, sinceRead, me: { id: user.userId, name: user.displayName } };
};

export const actions: Actions = {
	/** "Mark as read" (also sent by the page on a person's first visit); anyone who may open the paper. */
	markRead: (event) =>
		boardFormAction({
			event,
			done: 'markRead',
			message: 'papers.sinceRead.marked',
			run: (board) => sinceReadService(event.locals).markRead(board, idParam(event.locals, event.params.id))
		}),
	/** The trace of suggestions accepted or rejected in the editor (the service decides who may). */
	suggestionsDecided: (event) =>
		boardFormAction({
			event,
			schema: suggestionDecisionFormSchema,
			done: 'suggestionsDecided',
			run: (board, data) =>
				suggestionService(event.locals).record(board, idParam(event.locals, event.params.id), data.payload)
		})
};
