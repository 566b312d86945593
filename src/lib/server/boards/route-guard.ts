import type { RequestEvent } from '@sveltejs/kit';
import { can } from './policy';
import { actionName, actionRule, routeAccess } from './route-access';
import { findBoardForCurrentUser } from './board.repository';

/** What the guard decided: go on, send to sign-in, or refuse (403 / 404). */
export type Verdict = 'ok' | 'sign-in' | 'forbidden' | 'notFound';

/** Board addresses as boards are created (board.service.ts); anything else cannot name a board. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Applies the route's rule (route-access.ts) to this request. For board routes it resolves the
 * board under the person's RLS once and leaves it on `locals.board` for loads and actions.
 */
export async function guardRoute(event: Pick<RequestEvent, 'route' | 'params' | 'locals' | 'request' | 'url'>): Promise<Verdict> {
	const access = routeAccess(event.route.id);
	if (access.kind === 'public') return 'ok';
	const { user } = event.locals;
	if (!user) return 'sign-in';
	if (access.kind === 'signed-in') return 'ok';
	if (access.kind === 'platform') return can(user, access.action) ? 'ok' : 'forbidden';
	const slug = event.params.board ?? '';
	const board = SLUG.test(slug) ? await event.locals.db.run((tx) => findBoardForCurrentUser(tx, slug)) : null;
	// Another board's address is "not found": whether it exists is not the visitor's business.
	if (!board || (board.role === null && !user.isAdmin)) return 'notFound';
	event.locals.board = board;
	if (!can(user, access.action, board)) return 'forbidden';
	const action = event.request.method === 'POST' ? actionRule(event.route.id, actionName(event.url)) : undefined;
	return !action || can(user, action, board) ? 'ok' : 'forbidden';
}
