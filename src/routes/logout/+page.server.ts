import { redirect } from '@sveltejs/kit';
import { authService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
};

export const actions: Actions = {
	default: async ({ locals }) => {
		await authService(locals).signOut(locals.auth);
		redirect(303, '/login?signedOut=1');
	}
};
