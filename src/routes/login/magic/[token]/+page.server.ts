import { redirect } from '@sveltejs/kit';
import { authService } from '$lib/server/services';
import { serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// The link only shows a button: mail scanners that open links must not use up the token.
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ params, locals }) => {
		try {
			await authService(locals).redeemMagicLink({ session: locals.auth, token: params.token });
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		redirect(303, '/');
	}
};
