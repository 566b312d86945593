import { error, json, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { DEFAULT_LOCALE, isLocale, translate, type Locale } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { scopedDb } from '$lib/server/db/scoped';
import { LOCALE_COOKIE } from '$lib/server/locale';
import { guardRoute, refusedByLayout } from '$lib/server/boards/route-guard';
import { isClientAbort } from '$lib/server/client-abort';
import { readRequestPerson } from '$lib/server/auth/request-person';
import { gateRedirect, twoFactorGate } from '$lib/server/auth/two-factor-gate';
import { logger } from '$lib/server/observability/log';
import { observeRequests, requestIdOf } from '$lib/server/observability/request';

/** Starts the app (config, database, migrations, demo data) when the server starts, not at the first request. */
export const init: ServerInit = async () => {
	await getApp();
};

const context: Handle = async ({ event, resolve }) => {
	// Liveness probes answer from their own route, without sessions or an error page.
	if (event.url.pathname === '/healthz') return resolve(event);
	const app = await getApp();
	const auth = app.auth.forRequest({
		cookies: event.cookies,
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent') ?? undefined
	});
	const verified = await auth.getRequestClaims();
	let claims = verified?.claims ?? null;
	// A page (GET, not an API) also shows the header's unread badge (root layout): read in the same
	// transaction as the person, instead of a transaction of its own (bench/pages/README.md).
	const page = event.request.method === 'GET' && !event.url.pathname.startsWith('/api/');
	// The two-factor gate (local factors and Supabase Auth's auth.mfa_factors): asked only of sessions that
	// have not passed a second factor.
	const askTwoFactor = verified?.claims.aal !== 'aal2';
	const keep = app.config.snapshotCache;
	const read = verified ? await readRequestPerson(app.db, verified, { page, askTwoFactor }, keep) : null;
	const signedIn = read?.person ?? null;
	let user = signedIn?.current ?? null;
	// Signed out elsewhere, expired, deactivated everywhere (or never finished joining): the session ends here.
	if (claims && (!user || (!user.isAdmin && user.boards.length === 0))) {
		await auth.signOut();
		claims = null;
		user = null;
	}
	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	const locale: Locale = user?.locale ?? (isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE);
	const unreadNotifications = user ? (signedIn?.unread ?? null) : null;
	Object.assign(event.locals, {
		app,
		auth,
		claims,
		user,
		unreadNotifications,
		// GET requests only: a form action's page render must see what the action wrote (the handle asks the
		// database again after any own transaction, too).
		db: scopedDb(app.db, claims, keep && claims && event.request.method === 'GET' ? read?.snapshot : undefined),
		locale,
		board: null,
		refusal: null
	});

	const gate = user ? twoFactorGate(signedIn?.twoFactor ?? null, claims?.aal) : null;
	const detour = gate && gateRedirect(gate, event.url.pathname, event.url.search);
	if (detour) {
		if (event.url.pathname.startsWith('/api/'))
			return json({ message: translate(locale, `twoFactor.gate.${gate}`) }, { status: 403 });
		redirect(303, detour);
	}

	// Every request passes the route's rule here, pages, __data.json, actions and endpoints alike:
	// SvelteKit may skip a layout's load, never this hook.
	const verdict = await guardRoute(event);
	if (verdict === 'sign-in') {
		// APIs answer scripts, not people: a plain 401 instead of a redirect to the sign-in page.
		if (event.url.pathname.startsWith('/api/'))
			return json({ message: translate(locale, 'error.unauthenticated') }, { status: 401 });
		const target = event.url.pathname + event.url.search;
		redirect(303, target === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(target)}`);
	}
	if (verdict !== 'ok') {
		const refusal = {
			status: verdict === 'forbidden' ? 403 : 404,
			message: translate(locale, `error.${verdict}`)
		} as const;
		if (event.url.pathname.startsWith('/api/')) return json({ message: refusal.message }, { status: refusal.status });
		if (!refusedByLayout(event)) error(refusal.status, refusal.message);
		// A person opening the page gets the app's error page, with its header and navigation.
		event.locals.refusal = refusal;
	}
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (!event.locals.app?.config.isLocalhost)
		headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// Personal pages and responses that set session cookies must never sit in a shared cache.
	if ((event.locals.user || headers.has('set-cookie')) && !headers.has('cache-control'))
		headers.set('cache-control', 'private, no-store');
	return response;
};

// observeRequests first: it times and logs every request, also those a later hook refuses or redirects.
export const handle = sequence(observeRequests, securityHeaders, context);

/** Unexpected errors are logged with their stack here and shown to the user as one plain sentence. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	// Error lines (level error) count as unexpected in the e2e run (tests/e2e/server-log.ts); a browser's
	// cancel is a warning.
	// By route id, not path (a path may hold a token); the request id links it to the request's line.
	const context = { reqId: requestIdOf(event.request), method: event.request.method, route: event.route.id };
	if (isClientAbort(error, event.request)) logger().warn(context, 'cancelled by the browser');
	else if (status !== 404) logger().error({ ...context, status, err: error }, 'unexpected error');
	const locale = event.locals.locale ?? DEFAULT_LOCALE;
	return { message: translate(locale, status === 404 ? 'error.notFound' : 'error.unexpected') };
};
