import { error } from '@sveltejs/kit';
import { loadBoard } from '$lib/server/http';
import { areasFor } from '$lib/server/boards/board-areas';
import type { LayoutServerLoad } from './$types';

// Not a guard: hooks.server.ts checked this request against the route's rule already. It only shows the
// guard's refusal of a page render as the app's error page.
export const load: LayoutServerLoad = async ({ params, locals }) => {
	if (locals.refusal) error(locals.refusal.status, locals.refusal.message);
	const board = await loadBoard(locals, params.board);
	return { board, areas: areasFor(locals.user, board) };
};
