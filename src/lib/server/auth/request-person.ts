import type { Database } from '../db/types';
import { scopedDb } from '../db/scoped';
import { SNAPSHOT_SQL, snapshotCacheOf, snapshotIn } from '../db/snapshot-cache';
import { loadCurrentUser, type CurrentUser } from '../profiles/profile.repository';
import { countUnread } from '../notifications/notification.repository';
import { twoFactorState } from './two-factor.repository';
import type { RequestClaims } from './port';

/** The signed-in person as a request needs them: the app shell's data and the two-factor gate's state. */
export interface RequestPerson {
	current: CurrentUser;
	/** Unread notifications (page requests only). */
	unread: number | null;
	/** Asked only of sessions that have not passed a second factor. */
	twoFactor: { enrolled: boolean; required: boolean } | null;
}

export interface RequestPersonQuery {
	/** A page (the header shows the unread badge). */
	page: boolean;
	/** The session has not passed a second factor: the gate needs the person's two-factor state. */
	askTwoFactor: boolean;
}

/**
 * The person behind verified claims, with the session check, in one transaction, kept while the database is
 * unchanged (snapshot-cache.ts): signing out elsewhere, deactivation and every other change are writes, so they
 * take effect at the next request as before. `snapshot` is the one the person was read at: the request's other
 * kept reads pair with it (scoped.ts). `person` is null when the session is over. `keep` false (SNAPSHOT_CACHE=0):
 * read every time.
 */
export async function readRequestPerson(
	db: Database,
	verified: RequestClaims,
	query: RequestPersonQuery,
	keep = true
): Promise<{ snapshot: string; person: RequestPerson | null }> {
	const cache = snapshotCacheOf(db);
	const key = `${JSON.stringify(verified.claims)}\nperson:${query.page}:${query.askTwoFactor}`;
	if (keep) {
		const current = await db.snapshot();
		const kept = cache.get<RequestPerson>(key, current);
		if (kept) return { snapshot: current, person: kept };
	}
	const { snapshot, person } = await scopedDb(db, verified.claims).run(async (tx) => {
		// All at once (one round trip on PostgreSQL), the snapshot first; person and count are dropped unless the
		// session is live.
		const [rows, live, current, unread, twoFactor] = await Promise.all([
			tx.query<{ snapshot: string }>(SNAPSHOT_SQL),
			verified.sessionIsLive ? verified.sessionIsLive(tx) : true,
			loadCurrentUser(tx),
			query.page ? countUnread(tx) : null,
			query.askTwoFactor ? twoFactorState(tx) : null
		]);
		return { snapshot: snapshotIn(rows), person: live && current ? { current, unread, twoFactor } : null };
	});
	// Only a live session is kept: an ended one is asked again (and signed out) every time.
	if (person && keep) cache.set(key, snapshot, person);
	return { snapshot, person };
}
