import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { ServiceError } from '$lib/server/errors';
import { commentService, requireUser } from '$lib/server/services';
import type { RequestHandler } from './$types';

const query = z.object({ board: z.string().min(1).max(100), id: z.uuid() });

/** The paper's threads for the side panel, which refreshes itself after each form it sends. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals);
	const parsed = query.safeParse({ board: url.searchParams.get('board'), id: params.id });
	if (!parsed.success) error(404, translate(locals.locale, 'error.notFound'));
	const board = await loadBoard(locals, parsed.data.board);
	try {
		return json(await commentService(locals).list(board, parsed.data.id), { headers: { 'cache-control': 'no-store' } });
	} catch (cause) {
		if (cause instanceof ServiceError) error(cause.status, translate(locals.locale, cause.messageKey, cause.params));
		throw cause;
	}
};
