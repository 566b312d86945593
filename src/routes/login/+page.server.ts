import { redirect } from '@sveltejs/kit';
import { authService } from '$lib/server/services';
import { emailFormSchema, signInSchema } from '$lib/server/auth/auth.schema';
import { ssoFailureSchema } from '$lib/server/auth/sso.schema';
import { formAction } from '$lib/server/http';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin));
	const ssoFailure = ssoFailureSchema.safeParse(url.searchParams.get('sso'));
	return {
		signedOut: url.searchParams.has('signedOut'),
		// Single sign-on (#17): the provider's name for the link, and why the last attempt did not sign in.
		sso: locals.app.config.sso?.label ?? null,
		ssoFailure: ssoFailure.success ? ssoFailure.data : null
	};
};

export const actions: Actions = {
	password: (event) =>
		formAction({
			event,
			schema: signInSchema,
			done: 'password',
			run: (locals, { email, password }) =>
				authService(locals).signIn({ session: locals.auth, email, password, ip: event.getClientAddress() }),
			keep: ({ email }) => ({ email }),
			redirect: (_result, _locals, data) => safeRedirectTarget(data.redirectTo, event.url.origin)
		}),

	magic: (event) =>
		formAction({
			event,
			schema: emailFormSchema,
			done: 'magic',
			run: (locals, { email }) => authService(locals).requestMagicLink({ email, locale: locals.locale }),
			// The same answer whether or not the address has an account.
			message: 'login.magic.sent',
			extra: (_result, { email }) => ({ values: { email } }),
			keep: ({ email }) => ({ email })
		})
};
