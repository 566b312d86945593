import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import type { RunInTransaction } from '../notifications/notifier';
import { flushChanges, sendNotice } from './agenda-notify';
import { settledMeetings } from './agenda-change.repository';
import { findMeeting, lockAgenda } from './agenda.repository';

/** Changes are told once the agenda has been left alone this long. */
export const QUIET_MS = 15 * 60_000;

/**
 * One run: every meeting whose untold agenda changes have been quiet for QUIET_MS gets one batch.
 * The claim commits with the notifications before any mail goes out (a crash loses mails, never doubles them).
 */
export async function sendSettledChanges(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	now?: Date;
}): Promise<number> {
	const now = input.now ?? new Date();
	const run: RunInTransaction = (fn) => withSystem(input.db, 'agenda-change-batches', fn);
	let batches = 0;
	for (const meetingId of await run((tx) => settledMeetings(tx, new Date(now.getTime() - QUIET_MS)))) {
		const notice = await run(async (tx) => {
			const meeting = await findMeeting(tx, meetingId);
			if (!meeting) return null;
			await lockAgenda(tx, meeting.id);
			return flushChanges(tx, meeting);
		});
		if (!notice) continue;
		batches += 1;
		await sendNotice({ mailer: input.mailer, origin: input.origin, notice });
	}
	return batches;
}

/** The periodic job (every minute, unref'd so it never keeps the process alive). */
export function startAgendaChangeJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	intervalMs?: number;
}): () => void {
	const timer = setInterval(() => {
		sendSettledChanges(input).catch((error: unknown) =>
			console.warn('agenda: change batch run failed:', String(error))
		);
	}, input.intervalMs ?? 60_000);
	timer.unref();
	return () => clearInterval(timer);
}
