import { error, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { ssoCallbackSchema } from '$lib/server/auth/sso.schema';
import { ssoService } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Single sign-on, step 2 (#17): the provider sends the browser back here (a GET by the protocol). The flow
// cookie and the single-use state prove it is this browser's flow; then the person is signed in and goes on
// (through the two-factor step where it applies), or back to the sign-in page with the reason.
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	if (!locals.app.config.sso) error(404, translate(locals.locale, 'error.notFound'));
	const params = ssoCallbackSchema.safeParse(Object.fromEntries(url.searchParams));
	const outcome = await ssoService(locals).finish({
		session: locals.auth,
		cookies,
		url,
		params: params.success ? params.data : {},
		locale: locals.locale
	});
	redirect(303, outcome.ok ? outcome.location : `/login?sso=${outcome.failure}`);
};
