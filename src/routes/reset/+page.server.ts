import { authService } from '$lib/server/services';
import { emailFormSchema, resetSchema } from '$lib/server/auth/auth.schema';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') });

export const actions: Actions = {
	request: (event) =>
		formAction({
			event,
			schema: emailFormSchema,
			done: 'request',
			message: 'reset.sent',
			run: (locals, { email }) => authService(locals).requestPasswordReset({ email, locale: locals.locale }),
			keep: ({ email }) => ({ email })
		}),

	reset: (event) =>
		formAction({
			event,
			schema: resetSchema,
			done: 'reset',
			run: (locals, data) => authService(locals).resetPassword({ session: locals.auth, ...data }),
			redirect: () => '/?passwordReset=1'
		})
};
