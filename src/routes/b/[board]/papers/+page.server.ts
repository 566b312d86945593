import { paperService } from '$lib/server/services';
import { createPaperFormSchema, libraryQuerySchema } from '$lib/server/papers/paper.schema';
import { boardFormAction, boardPage } from '$lib/server/http';
import { newFormToken } from '$lib/server/form-token';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const query = libraryQuerySchema.parse(Object.fromEntries(event.url.searchParams));
	return {
		query,
		...(await boardPage(event, (board) => paperService(event.locals).list(board, query))),
		formToken: newFormToken()
	};
};

export const actions: Actions = {
	create: (event) =>
		boardFormAction({
			event,
			schema: createPaperFormSchema,
			done: 'create',
			run: (board, data) => paperService(event.locals).create(board, data),
			keep: (data) => ({ ...data, tags: data.tags.join(', ') }),
			redirect: (created, board) => `/b/${board.slug}/papers/${created.id}`
		})
};
