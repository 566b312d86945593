import { withSystem, withUser, type Claims, type ScopedDb } from '../db/scoped';
import type { Database } from '../db/types';
import { randomSecret, sha256 } from '../auth/tokens';
import { buildCalendar } from './ics';
import * as repo from './calendar.repository';

/** How far back the feed reaches: recent meetings stay in calendars that sync from scratch. */
const FEED_HISTORY_DAYS = 180;

/** A secret looks like what randomSecret() makes; anything else is refused without a database query. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The person's own feed secret (under their RLS). */
export function createCalendarTokenService({ db }: { db: ScopedDb }) {
	return {
		status: () => db.run(repo.tokenCreatedAt),
		/** A new secret; only its hash is kept, so it is shown once. */
		async regenerate(): Promise<string> {
			const token = randomSecret();
			await db.run((tx) => repo.saveToken(tx, sha256(token)));
			return token;
		}
	};
}

/** Claims for reading the feed as its owner: RLS decides, the secret is the proof of identity. */
function feedClaims(owner: { userId: string; email: string }): Claims {
	const now = Math.floor(Date.now() / 1000);
	return {
		sub: owner.userId,
		email: owner.email,
		role: 'authenticated',
		aud: 'authenticated',
		session_id: 'calendar-feed',
		iat: now,
		exp: now + 60
	};
}

/**
 * The personal feed behind a secret, or null (unknown, replaced, or the account is deactivated). Read
 * without a session: the system task only resolves the secret, the meetings are read under the owner's RLS.
 */
export async function calendarFeed(input: {
	db: Database;
	origin: string;
	token: string;
	now?: Date;
}): Promise<string | null> {
	if (!SECRET_SHAPE.test(input.token)) return null;
	const owner = await withSystem(input.db, 'calendar-feed', (tx) => repo.findTokenOwner(tx, sha256(input.token)));
	if (!owner) return null;
	const since = new Date((input.now ?? new Date()).getTime() - FEED_HISTORY_DAYS * 86_400_000);
	const meetings = await withUser(input.db, feedClaims(owner), (tx) => repo.listFeedMeetings(tx, since));
	return buildCalendar({
		name: 'Beirat',
		origin: input.origin,
		meetings: meetings.map((m) => ({ ...m, link: `${input.origin}/b/${m.boardSlug}/meetings/${m.id}` }))
	});
}
