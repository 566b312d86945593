import { translate } from '$lib/i18n';
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { createNotifier } from '../notifications/notifier';
import { claimDueTaskReminders } from './task-reminder.repository';

/** Days before the due date when the owner gets their one reminder. */
export const TASK_REMINDER_DAYS = 2;

/**
 * Sends each owner one reminder for tasks due within TASK_REMINDER_DAYS. The claim commits before
 * sending, so a crash loses a reminder rather than doubling it. Returns the number of mails sent.
 */
export async function sendDueTaskReminders(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	now?: Date;
}): Promise<number> {
	const due = await withSystem(input.db, 'task-reminders', (tx) =>
		claimDueTaskReminders(tx, input.now ?? new Date(), TASK_REMINDER_DAYS)
	);
	const notifier = createNotifier({ mailer: input.mailer, run: (fn) => withSystem(input.db, 'notifications', fn) });
	for (const r of due) {
		const path = `/b/${r.boardSlug}/tasks`;
		const params = { title: r.title, board: r.boardName, due: r.dueDate, link: `${input.origin}${path}` };
		await notifier.notify({
			kind: 'task-reminder',
			boardId: r.boardId,
			event: `${r.taskId}:${r.dueDate}`,
			path,
			params: { board: r.boardName, subject: r.title, date: r.dueDate },
			recipients: [r],
			mail: (person) => ({
				subject: translate(person.locale, 'tasks.mail.subject', params),
				text: translate(person.locale, 'tasks.mail.body', params)
			})
		});
	}
	return due.length;
}

/** The periodic job (unref'd so it never keeps the process alive). */
export function startTaskReminderJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	intervalMs?: number;
}): () => void {
	const timer = setInterval(
		() => {
			sendDueTaskReminders(input).catch((error: unknown) => console.warn('tasks: reminder run failed:', String(error)));
		},
		input.intervalMs ?? 15 * 60_000
	);
	timer.unref();
	return () => clearInterval(timer);
}
