import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { reminderMail } from '../mail/meeting-templates';
import { claimDueReminders } from './reminder.repository';
import { meetingLink } from './meeting-mail';

const DAY = 86_400_000;

/**
 * Sends due meeting reminders (per board: offsets in days before the start). Claiming and sending are
 * separate: the claim commits first, so a crash between them loses a reminder rather than doubling it.
 * Returns the number of mails sent.
 */
export async function sendDueReminders(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	now?: Date;
}): Promise<number> {
	const now = input.now ?? new Date();
	const due = await withSystem(input.db, 'meeting-reminders', (tx) => claimDueReminders(tx, now));
	for (const reminder of due) {
		const link = meetingLink(input.origin, reminder.boardSlug, reminder.meetingId);
		const mail = reminderMail({
			locale: reminder.locale,
			boardName: reminder.boardName,
			days: Math.max(1, Math.ceil((reminder.startsAt.getTime() - now.getTime()) / DAY)),
			meeting: {
				title: reminder.title,
				startsAt: reminder.startsAt,
				endsAt: reminder.endsAt,
				location: reminder.location,
				onlineUrl: reminder.onlineUrl,
				link
			}
		});
		await input.mailer.send({ to: reminder.email, kind: 'meeting-reminder', boardId: reminder.boardId, ...mail });
	}
	return due.length;
}

/** The periodic job (every few minutes, unref'd so it never keeps the process alive). */
export function startReminderJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	intervalMs?: number;
}): () => void {
	const timer = setInterval(
		() => {
			sendDueReminders(input).catch((error: unknown) => console.warn('meetings: reminder run failed:', String(error)));
		},
		input.intervalMs ?? 5 * 60_000
	);
	timer.unref();
	return () => clearInterval(timer);
}
