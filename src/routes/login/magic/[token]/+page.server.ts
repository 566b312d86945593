import { redirect } from '@sveltejs/kit';
import { authService } from '$lib/server/services';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// The link only shows a button: mail scanners that open links must not use up the token.
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: (event) =>
		formAction({
			event,
			done: 'redeem',
			run: (locals) => authService(locals).redeemMagicLink({ session: locals.auth, token: event.params.token }),
			redirect: () => '/'
		})
};
