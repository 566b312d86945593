import type { Locale } from '$lib/i18n';
import type { App as BeiratApp } from './app';
import type { AuthSession } from './auth/port';
import type { BoardContext } from './boards/policy';
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
	/** Every query of this request runs through here: one transaction each, under the user's RLS. */
	db: ScopedDb;
	locale: Locale;
	/** The board of a `/b/<board>` address, resolved and checked by the route guard in hooks.server.ts. */
	board: BoardContext | null;
}
