import { newFormToken } from '$lib/server/form-token';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import { commentService } from '$lib/server/services';
import { createThreadSchema, editSchema, replySchema, resolveSchema } from '$lib/server/comments/comment.schema';
import type { Actions, PageServerLoad } from './$types';

// The comments of a paper on one page: what the side panel beside the editor shows, and the form
// actions the panel posts to (so every form also works without JavaScript).

export const load: PageServerLoad = async (event) => {
	const comments = await boardPage(event, (board) =>
		commentService(event.locals).list(board, idParam(event.locals, event.params.id))
	);
	// Each thread's reply form gets its own one-time token; every load (after a reply too) makes new ones.
	const replyTokens: Record<string, string> = Object.fromEntries(
		comments.threads.map((thread) => [thread.id, newFormToken()])
	);
	return { ...comments, replyTokens };
};

export const actions: Actions = {
	create: (event) =>
		boardFormAction({
			event,
			schema: createThreadSchema,
			done: 'create',
			run: (board, data) => commentService(event.locals).createThread(board, { paperId: event.params.id, ...data }),
			message: 'comments.panel.saved',
			extra: ({ threadId }) => ({ threadId }),
			keep: ({ body }) => ({ body })
		}),

	reply: (event) =>
		boardFormAction({
			event,
			schema: replySchema,
			done: 'reply',
			run: (board, data) => commentService(event.locals).reply(board, data),
			message: 'comments.panel.saved',
			extra: (_result, data) => ({ threadId: data.threadId }),
			keep: ({ body }) => ({ body })
		}),

	edit: (event) =>
		boardFormAction({
			event,
			schema: editSchema,
			done: 'edit',
			run: (board, data) => commentService(event.locals).edit(board, data),
			message: 'comments.panel.saved',
			keep: ({ body }) => ({ body })
		}),

	resolve: (event) =>
		boardFormAction({
			event,
			schema: resolveSchema,
			done: 'resolve',
			run: (board, data) => commentService(event.locals).setResolved(board, { threadId: data.threadId, resolved: true })
		}),

	reopen: (event) =>
		boardFormAction({
			event,
			schema: resolveSchema,
			done: 'reopen',
			run: (board, data) =>
				commentService(event.locals).setResolved(board, { threadId: data.threadId, resolved: false })
		})
};
