import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { voteService } from '$lib/server/services';
import { choiceSchema } from '$lib/server/votes/vote.schema';
import { boardFormAction, boardPage, customBoardAction, formObject, idParam, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	boardPage(event, (board) => voteService(event.locals).get(board, idParam(event.locals, event.params.id)));

export const actions: Actions = {
	// A ballot refused by its form answers with one message (the page has no fields to mark).
	vote: (event) =>
		customBoardAction(event, async (board) => {
			const { locals, params } = event;
			const parsed = choiceSchema.safeParse(formObject(await readForm(event.request, locals.locale)));
			if (!parsed.success) return fail(400, { message: translate(locals.locale, 'validation.invalid') });
			await voteService(locals).vote(board, idParam(locals, params.id), parsed.data.choice);
			return { done: 'vote', message: translate(locals.locale, 'votes.saved') };
		}),

	discuss: (event) =>
		boardFormAction({
			event,
			done: 'discuss',
			run: (board) => voteService(event.locals).requestDiscussion(board, idParam(event.locals, event.params.id))
		}),

	close: (event) =>
		boardFormAction({
			event,
			done: 'close',
			run: (board) => voteService(event.locals).close(board, idParam(event.locals, event.params.id))
		})
};
