import { error, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { ssoStartSchema } from '$lib/server/auth/sso.schema';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import { ssoService } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Single sign-on, step 1 (#17): the link on the sign-in page. Sends the browser to the provider with a new
// flow (state, nonce, PKCE in an httpOnly cookie); writes nothing to the database.
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	if (!locals.app.config.sso) error(404, translate(locals.locale, 'error.notFound'));
	const query = ssoStartSchema.safeParse(Object.fromEntries(url.searchParams));
	const redirectTo = safeRedirectTarget(query.success ? query.data.redirectTo : undefined, url.origin);
	if (locals.user) redirect(303, redirectTo);
	const outcome = await ssoService(locals).start({ session: locals.auth, cookies, redirectTo });
	redirect(303, outcome.ok ? outcome.location : `/login?sso=${outcome.failure}`);
};
