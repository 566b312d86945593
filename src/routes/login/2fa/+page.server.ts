import { twoFactorService } from '$lib/server/services';
import { verifyCodeSchema } from '$lib/server/auth/two-factor.schema';
import { formAction } from '$lib/server/http';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

// The second step of signing in: hooks.server.ts sends a session that has not passed its
// second factor here and nowhere else.

export const load: PageServerLoad = ({ url, locals }) => ({
	redirectTo: url.searchParams.get('redirectTo') ?? '',
	// Supabase Auth issues no recovery codes.
	hasRecoveryCodes: locals.app.auth.kind === 'local'
});

export const actions: Actions = {
	default: (event) =>
		formAction({
			event,
			schema: verifyCodeSchema,
			done: 'verify',
			run: (locals, { code }) =>
				twoFactorService(locals, { ip: event.getClientAddress(), cookies: event.cookies }).verify(code),
			redirect: (_result, _locals, data) => safeRedirectTarget(data.redirectTo, event.url.origin)
		})
};
