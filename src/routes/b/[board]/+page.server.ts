import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The board's start page is its first working area. */
export const load: PageServerLoad = ({ params }) => redirect(303, `/b/${params.board}/members`);
