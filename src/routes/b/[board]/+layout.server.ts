import { loadBoard } from '$lib/server/boards/board-context';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, locals }) => ({ board: await loadBoard(locals, params.board) });
