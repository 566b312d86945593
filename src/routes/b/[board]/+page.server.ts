import { redirect } from '@sveltejs/kit';
import { areasFor } from '$lib/board-areas';
import type { PageServerLoad } from './$types';

/** The board's start page is its first area this person may use. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { board } = await parent();
	redirect(303, `/b/${params.board}/${areasFor(board.role)[0]?.path ?? 'members'}`);
};
