import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The board's start page is its first area this person may use. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { areas } = await parent();
	redirect(303, `/b/${params.board}/${areas[0]?.path ?? 'members'}`);
};
