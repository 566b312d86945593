import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';

/** Days a mail stays in the outbox (README "Personal data (DSGVO)"): long enough to answer "did it go out?". */
export const OUTBOX_RETENTION_DAYS = 90;

/**
 * Deletes outbox mails older than the retention period, sent or not (an unsent mail that old will
 * never be retried usefully). Returns how many were deleted.
 */
export async function purgeOldMail(input: { db: Database; now?: Date }): Promise<number> {
	const now = input.now ?? new Date();
	return withSystem(input.db, 'personal-data-retention', async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`delete from public.mail_outbox where created_at < $1::timestamptz - make_interval(days => $2) returning id`,
			[now.toISOString(), OUTBOX_RETENTION_DAYS]
		);
		return rows.length;
	});
}

/** The periodic job (unref'd so it never keeps the process alive). */
export function startRetentionJob(input: { db: Database; intervalMs?: number }): () => void {
	const run = () =>
		purgeOldMail(input).catch((error: unknown) => console.warn('personal-data: retention run failed:', String(error)));
	const timer = setInterval(run, input.intervalMs ?? 6 * 3_600_000);
	timer.unref();
	return () => clearInterval(timer);
}
