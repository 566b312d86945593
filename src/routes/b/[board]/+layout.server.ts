import { loadBoard } from '$lib/server/boards/board-context';
import { areasFor } from '$lib/server/boards/board-areas';
import type { LayoutServerLoad } from './$types';

// Not a guard: hooks.server.ts checked this request against the route's rule already.
export const load: LayoutServerLoad = async ({ params, locals }) => {
	const board = await loadBoard(locals, params.board);
	return { board, areas: areasFor(locals.user, board) };
};
