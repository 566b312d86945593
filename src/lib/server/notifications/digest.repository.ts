import type { Locale } from '$lib/i18n';
import type { Tx } from '../db/types';
import type { NotificationKind, NotificationParams } from './notification-kinds';

/** People with digest items waiting who have had no digest on `day` yet. */
export async function digestCandidates(tx: Tx, input: { day: string; before: Date }): Promise<string[]> {
	const rows = await tx.query<{ userId: string }>(
		`select distinct n.user_id as "userId" from public.notifications n
		 where n.channel = 'digest' and n.mailed_at is null and n.created_at <= $2
			and not exists (select 1 from public.notification_digests d where d.user_id = n.user_id and d.day = $1::date)`,
		[input.day, input.before]
	);
	return rows.map((r) => r.userId);
}

/**
 * Claims the person's digest of the day. The primary key makes a concurrent run wait and then find the
 * claim taken, so no two runs ever mail the same person on the same day.
 */
export async function claimDigest(tx: Tx, input: { userId: string; day: string }): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.notification_digests (user_id, day, item_count) values ($1, $2::date, 0) on conflict do nothing returning 1`,
		[input.userId, input.day]
	);
	return rows.length > 0;
}

export interface DigestItem {
	id: string;
	kind: NotificationKind;
	params: NotificationParams;
	link: string;
	createdAt: Date;
}

/** The person's undigested items, locked; rows another run holds are skipped rather than waited for. */
export async function lockDigestItems(tx: Tx, input: { userId: string; before: Date }): Promise<DigestItem[]> {
	return tx.query<DigestItem>(
		`select id, kind, params, link, created_at as "createdAt" from public.notifications
		 where user_id = $1 and channel = 'digest' and mailed_at is null and created_at <= $2
		 order by created_at, id for update skip locked`,
		[input.userId, input.before]
	);
}

export async function digestRecipient(
	tx: Tx,
	userId: string
): Promise<{ email: string; displayName: string; locale: Locale } | undefined> {
	const [row] = await tx.query<{ email: string; displayName: string; locale: Locale }>(
		`select email, display_name as "displayName", locale from public.profiles where user_id = $1`,
		[userId]
	);
	return row;
}

export async function markDigested(tx: Tx, input: { userId: string; day: string; ids: string[] }): Promise<void> {
	await tx.query(`update public.notifications set mailed_at = now() where id = any($1::uuid[])`, [input.ids]);
	await tx.query(`update public.notification_digests set item_count = $3 where user_id = $1 and day = $2::date`, [
		input.userId,
		input.day,
		input.ids.length
	]);
}
