import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { newFormToken } from '$lib/server/form-token';
import { parseForm, serviceFailure } from '$lib/server/http';
import { paperPage } from '$lib/server/papers/paper-route';
import { commentService } from '$lib/server/services';
import { createThreadSchema, editSchema, replySchema, resolveSchema } from '$lib/server/comments/comment.service';
import type { Actions, PageServerLoad } from './$types';

// The comments of a paper on one page: what the side panel beside the editor shows, and the form
// actions the panel posts to (so every form also works without JavaScript).

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const comments = await paperPage(locals, params.id, (id) => commentService(locals).list(board, id));
	// Each thread's reply form gets its own one-time token; every load (after a reply too) makes new ones.
	const replyTokens: Record<string, string> = Object.fromEntries(comments.threads.map((thread) => [thread.id, newFormToken()]));
	return { ...comments, replyTokens };
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(createThreadSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			const { threadId } = await commentService(locals).createThread(board, { paperId: params.id, ...parsed.data });
			return { done: 'create', threadId, message: translate(locals.locale, 'comments.panel.saved') };
		} catch (error) {
			return serviceFailure(error, locals.locale, { body: parsed.data.body });
		}
	},

	reply: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(replySchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await commentService(locals).reply(board, parsed.data);
			return { done: 'reply', threadId: parsed.data.threadId, message: translate(locals.locale, 'comments.panel.saved') };
		} catch (error) {
			return serviceFailure(error, locals.locale, { body: parsed.data.body });
		}
	},

	edit: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(editSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await commentService(locals).edit(board, parsed.data);
			return { done: 'edit', message: translate(locals.locale, 'comments.panel.saved') };
		} catch (error) {
			return serviceFailure(error, locals.locale, { body: parsed.data.body });
		}
	},

	resolve: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(resolveSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await commentService(locals).setResolved(board, { threadId: parsed.data.threadId, resolved: true });
			return { done: 'resolve' };
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
	},

	reopen: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(resolveSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await commentService(locals).setResolved(board, { threadId: parsed.data.threadId, resolved: false });
			return { done: 'reopen' };
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
	}
};
