import type { Tx } from '../db/types';
import type { IcsMeeting } from './ics';

/** Replaces the caller's feed secret (the old one stops working at once). */
export async function saveToken(tx: Tx, tokenHash: string): Promise<void> {
	await tx.query(
		`insert into public.calendar_tokens (user_id, token_hash) values ((select auth.uid()), $1)
		 on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()`,
		[tokenHash]
	);
}

export async function tokenCreatedAt(tx: Tx): Promise<Date | null> {
	const [row] = await tx.query<{ createdAt: Date }>(
		`select created_at as "createdAt" from public.calendar_tokens where user_id = (select auth.uid())`
	);
	return row?.createdAt ?? null;
}

/** System task calendar-feed: the active account behind a secret, or null. */
export async function findTokenOwner(tx: Tx, tokenHash: string): Promise<{ userId: string; email: string } | null> {
	const [row] = await tx.query<{ userId: string; email: string }>(
		`select t.user_id as "userId", p.email from public.calendar_tokens t join public.profiles p on p.user_id = t.user_id
		 where t.token_hash = $1 and public.account_is_active(t.user_id)`,
		[tokenHash]
	);
	return row ?? null;
}

export interface FeedMeeting extends Omit<IcsMeeting, 'link'> {
	boardSlug: string;
	boardName: string;
}

/** Meetings the current user may see (RLS), from `since` on. */
export async function listFeedMeetings(tx: Tx, since: Date): Promise<FeedMeeting[]> {
	return tx.query<FeedMeeting>(
		`select m.id, b.slug as "boardSlug", b.name as "boardName", m.title, m.description, m.starts_at as "startsAt",
			m.ends_at as "endsAt", m.location, m.online_url as "onlineUrl", m.status, m.sequence, m.updated_at as "updatedAt"
		 from public.meetings m join public.boards b on b.id = m.board_id
		 where m.ends_at >= $1 order by m.starts_at`,
		[since]
	);
}
