import type { RequestEvent } from '@sveltejs/kit';
import { can } from './policy';
import { actionName, actionRule, routeAccess } from './route-access';
import { findBoardForCurrentUser } from './board.repository';

/** What the guard decided: go on, send to sign-in, or refuse (403 / 404). */
export type Verdict = 'ok' | 'sign-in' | 'forbidden' | 'notFound';

/** A refusal to show as the app's error page, by the layout load of the refused route's area. */
export interface Refusal {
	status: 403 | 404;
	message: string;
}

/** Endpoints (+server.ts) by route id: refused at once, since no layout load runs before them. */
const ENDPOINTS = new Set(
	Object.keys(import.meta.glob('/src/routes/**/+server.ts')).map(
		(file) => file.slice('/src/routes'.length, -'/+server.ts'.length) || '/'
	)
);

/** Layouts whose load turns `locals.refusal` into the app's error page (see their +layout.server.ts). */
const REFUSING_LAYOUTS = ['/b/[board]', '/admin'];

/**
 * Whether a refusal can be shown as the app's own error page: a full page render (not __data.json, not an
 * action, not an endpoint) below a layout that throws it. Every server load of such a render runs, the
 * layout's included, and the layout's error wins over its page's; anything else is refused in the hook.
 */
export function refusedByLayout(event: Pick<RequestEvent, 'route' | 'request' | 'isDataRequest'>): boolean {
	const id = event.route.id;
	if (id === null || event.request.method !== 'GET' || event.isDataRequest || ENDPOINTS.has(id)) return false;
	return REFUSING_LAYOUTS.some((layout) => id === layout || id.startsWith(`${layout}/`));
}

/** Board addresses as boards are created (board.service.ts); anything else cannot name a board. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Applies the route's rule (route-access.ts) to this request. For board routes it resolves the
 * board under the person's RLS once and leaves it on `locals.board` for loads and actions.
 */
export async function guardRoute(
	event: Pick<RequestEvent, 'route' | 'params' | 'locals' | 'request' | 'url'>
): Promise<Verdict> {
	const access = routeAccess(event.route.id);
	if (access.kind === 'public') return 'ok';
	const { user } = event.locals;
	if (!user) return 'sign-in';
	if (access.kind === 'signed-in') return 'ok';
	if (access.kind === 'platform') return can(user, access.action) ? 'ok' : 'forbidden';
	const slug = event.params.board ?? '';
	// A board of the person's own memberships is on `user` already (the same row, read under the same RLS
	// a moment ago): no transaction of its own. Others (a platform admin's look at any board) are read.
	const own = user.boards.find((b) => b.slug === slug);
	const board = own ?? (SLUG.test(slug) ? await event.locals.db.run((tx) => findBoardForCurrentUser(tx, slug)) : null);
	// Another board's address is "not found": whether it exists is not the visitor's business.
	if (!board || (board.role === null && !user.isAdmin)) return 'notFound';
	event.locals.board = board;
	if (!can(user, access.action, board)) return 'forbidden';
	const action = event.request.method === 'POST' ? actionRule(event.route.id, actionName(event.url)) : undefined;
	return !action || can(user, action, board) ? 'ok' : 'forbidden';
}
