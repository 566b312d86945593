import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { RequestContext } from '../context';
import type { BoardContext } from '../boards/policy';
import { findBoardForCurrentUser } from '../boards/board.repository';

/**
 * The board behind a `/b/<board>` address, as the current person may see it (RLS): another
 * board's slug is simply "not found". Layout loads and form actions both use this, because
 * actions do not run the layout's load.
 */
export async function loadBoard(locals: RequestContext, slug: string): Promise<BoardContext> {
	// The route guard in hooks.server.ts resolved it already for this request.
	if (locals.board?.slug === slug) return locals.board;
	const board = await locals.db.run((tx) => findBoardForCurrentUser(tx, slug));
	if (!board) error(404, translate(locals.locale, 'error.notFound'));
	return board;
}
