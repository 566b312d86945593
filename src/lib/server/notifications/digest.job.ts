import { berlinDay } from '$lib/format';
import { berlinTime } from '../calendar/berlin-local';
import { withSystem } from '../db/scoped';
import type { Database, Tx } from '../db/types';
import { digestMail } from '../mail/digest-templates';
import { insertOutbox } from '../mail/outbox.repository';
import { notificationText } from './notification-text';
import * as repo from './digest.repository';

/** Local hour (Europe/Berlin) from which the day's digest goes out; the job checks hourly. */
export const DIGEST_HOUR = 7;

/** The Berlin calendar day (YYYY-MM-DD) and hour of an instant. */
export function berlinDayHour(now: Date): { day: string; hour: number } {
	return { day: berlinDay(now), hour: berlinTime(now).hour };
}

/** Thrown to roll back a claim that found nothing to send (another run took the items). */
class NothingToSend extends Error {}

/**
 * One person's digest in one transaction: claim the day (unique key), lock the items (skip locked),
 * write the mail to the outbox and mark the items — all or nothing, so it is sent exactly once.
 * The outbox row goes out by SMTP through the outbox's retry loop.
 */
async function digestOne(tx: Tx, input: { userId: string; day: string; now: Date; origin: string }): Promise<boolean> {
	if (!(await repo.claimDigest(tx, { userId: input.userId, day: input.day }))) return false;
	const items = await repo.lockDigestItems(tx, { userId: input.userId, before: input.now });
	const person = await repo.digestRecipient(tx, input.userId);
	if (items.length === 0 || !person) throw new NothingToSend();
	const mail = digestMail({
		locale: person.locale,
		recipientName: person.displayName,
		origin: input.origin,
		lines: items.map((item) => ({
			text: notificationText(person.locale, item.kind, item.params),
			boardName: item.params.board,
			createdAt: item.createdAt,
			link: `${input.origin}${item.link}`
		}))
	});
	await insertOutbox(tx, { to: person.email, kind: 'notification-digest', ...mail });
	await repo.markDigested(tx, { userId: input.userId, day: input.day, ids: items.map((item) => item.id) });
	return true;
}

/** One run: from DIGEST_HOUR on, everyone with waiting items who has had no digest today gets one. */
export async function runDigestJob(input: { db: Database; origin: string; now?: Date }): Promise<number> {
	const now = input.now ?? new Date();
	const { day, hour } = berlinDayHour(now);
	if (hour < DIGEST_HOUR) return 0;
	const people = await withSystem(input.db, 'notifications', (tx) => repo.digestCandidates(tx, { day, before: now }));
	let sent = 0;
	for (const userId of people) {
		try {
			if (
				await withSystem(input.db, 'notifications', (tx) => digestOne(tx, { userId, day, now, origin: input.origin }))
			)
				sent += 1;
		} catch (error) {
			if (!(error instanceof NothingToSend)) throw error;
		}
	}
	return sent;
}

/** The hourly job (unref'd so it never keeps the process alive). */
export function startDigestJob(input: { db: Database; origin: string; intervalMs?: number }): () => void {
	const timer = setInterval(() => {
		runDigestJob(input).catch((error: unknown) => console.warn('notifications: digest run failed:', String(error)));
	}, input.intervalMs ?? 3_600_000);
	timer.unref();
	return () => clearInterval(timer);
}
