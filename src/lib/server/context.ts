import type { Locale } from '$lib/i18n';
import type { App as BeiratApp } from './app';
import type { AuthSession } from './auth/port';
import type { BoardContext } from './boards/policy';
import type { Refusal } from './boards/route-guard';
import type { Claims, ScopedDb } from './db/scoped';
import type { CurrentUser } from './profiles/profile.repository';

/** What hooks.server.ts puts on `event.locals` for every request. */
export interface RequestContext {
	app: BeiratApp;
	/** Auth bound to this request's cookies. */
	auth: AuthSession;
	claims: Claims | null;
	/** The signed-in person with their boards, or null. */
	user: CurrentUser | null;
	/** The person's unread notifications, read with `user` for page requests (null or absent: not read). */
	unreadNotifications?: number | null;
	/** Every query of this request runs through here: one transaction each, under the user's RLS. */
	db: ScopedDb;
	locale: Locale;
	/** The board of a `/b/<board>` address, resolved and checked by the route guard in hooks.server.ts. */
	board: BoardContext | null;
	/** Set by the route guard when a page render is refused: the area's layout load shows it as the error page. */
	refusal: Refusal | null;
}
