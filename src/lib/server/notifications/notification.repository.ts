import type { Tx } from '../db/types';
import type {
	NotificationChannel,
	NotificationKind,
	NotificationParams,
	NotificationTopic
} from './notification-kinds';

/** Records one notification through the security-definer entry point; null when the key already existed. */
export async function recordNotification(
	tx: Tx,
	input: {
		userId: string;
		boardId: string;
		kind: NotificationKind;
		topic: NotificationTopic;
		params: NotificationParams;
		link: string;
		dedupeKey: string;
	}
): Promise<NotificationChannel | null> {
	const [row] = await tx.query<{ channel: NotificationChannel | null }>(
		`select public.notification_record($1, $2, $3, $4, $5::text::jsonb, $6, $7) as channel`,
		[input.userId, input.boardId, input.kind, input.topic, JSON.stringify(input.params), input.link, input.dedupeKey]
	);
	return row?.channel ?? null;
}

export interface NotificationRow {
	id: string;
	kind: NotificationKind;
	params: NotificationParams;
	link: string;
	createdAt: Date;
	readAt: Date | null;
}

/** The reader's own notifications (RLS shows nothing else), newest first. */
export async function listNotifications(tx: Tx, limit: number): Promise<NotificationRow[]> {
	return tx.query<NotificationRow>(
		`select id, kind, params, link, created_at as "createdAt", read_at as "readAt"
		 from public.notifications where user_id = (select auth.uid()) order by created_at desc, id limit $1`,
		[limit]
	);
}

export async function countUnread(tx: Tx): Promise<number> {
	const [row] = await tx.query<{ count: number }>(
		`select count(*)::int as count from public.notifications where user_id = (select auth.uid()) and read_at is null`
	);
	return row?.count ?? 0;
}

/** Marks one (own) notification read; false when it is not the reader's or does not exist. */
export async function markRead(tx: Tx, id: string): Promise<boolean> {
	const rows = await tx.query(
		`update public.notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = (select auth.uid()) returning 1`,
		[id]
	);
	return rows.length > 0;
}

/** Marks one of the person's own notifications read and returns where it points (null: not theirs or unknown). */
export async function openNotification(tx: Tx, id: string): Promise<string | null> {
	const [row] = await tx.query<{ link: string }>(
		`update public.notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = (select auth.uid()) returning link`,
		[id]
	);
	return row?.link ?? null;
}

export async function markAllRead(tx: Tx): Promise<number> {
	const rows = await tx.query(
		`update public.notifications set read_at = now() where user_id = (select auth.uid()) and read_at is null returning 1`
	);
	return rows.length;
}

export async function listPreferences(tx: Tx): Promise<{ topic: NotificationTopic; channel: NotificationChannel }[]> {
	return tx.query(`select topic, channel from public.notification_preferences where user_id = (select auth.uid())`);
}

export async function savePreference(
	tx: Tx,
	input: { topic: NotificationTopic; channel: NotificationChannel }
): Promise<void> {
	await tx.query(
		`insert into public.notification_preferences (user_id, topic, channel) values ((select auth.uid()), $1, $2)
		 on conflict (user_id, topic) do update set channel = excluded.channel, updated_at = now()`,
		[input.topic, input.channel]
	);
}

/** Address and language of a person the actor shares a board with (RLS decides who that is). */
export async function recipientProfile(
	tx: Tx,
	userId: string
): Promise<{ userId: string; email: string; displayName: string; locale: 'de' | 'en' } | undefined> {
	const [row] = await tx.query<{ userId: string; email: string; displayName: string; locale: 'de' | 'en' }>(
		`select user_id as "userId", email, display_name as "displayName", locale from public.profiles where user_id = $1`,
		[userId]
	);
	return row;
}
