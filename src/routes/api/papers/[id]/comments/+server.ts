import { error, json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard, pageData } from '$lib/server/http';
import { commentService, requireUser } from '$lib/server/services';
import { panelQuerySchema } from '$lib/server/comments/comment.schema';
import type { RequestHandler } from './$types';

/** The paper's threads for the side panel, which refreshes itself after each form it sends. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals);
	const parsed = panelQuerySchema.safeParse({ board: url.searchParams.get('board'), id: params.id });
	if (!parsed.success) error(404, translate(locals.locale, 'error.notFound'));
	const board = await loadBoard(locals, parsed.data.board);
	return json(await pageData(locals, () => commentService(locals).list(board, parsed.data.id)), {
		headers: { 'cache-control': 'no-store' }
	});
};
