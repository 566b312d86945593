import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { voteService } from '$lib/server/services';
import { choiceSchema } from '$lib/server/votes/vote.schema';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { formObject, serviceFailure } from '$lib/server/http';
import type { RequestContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

function voteId(locals: RequestContext, id: string): string {
	if (!z.uuid().safeParse(id).success) error(404, translate(locals.locale, 'error.notFound'));
	return id;
}

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	return orErrorPage(locals, voteService(locals).get(board, voteId(locals, params.id)));
};

export const actions: Actions = {
	vote: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = choiceSchema.safeParse(formObject(await request.formData()));
		if (!parsed.success) return fail(400, { message: translate(locals.locale, 'validation.invalid') });
		try {
			await voteService(locals).vote(board, voteId(locals, params.id), parsed.data.choice);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'vote', message: translate(locals.locale, 'votes.saved') };
	},

	discuss: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			await voteService(locals).requestDiscussion(board, voteId(locals, params.id));
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'discuss' };
	},

	close: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			await voteService(locals).close(board, voteId(locals, params.id));
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'close' };
	}
};
