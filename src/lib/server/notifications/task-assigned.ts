import { translate } from '$lib/i18n';
import type { Mailer } from '../mail/port';
import { createNotifier, type RunInTransaction } from './notifier';
import { recipientProfile } from './notification.repository';

/** Tells a member that a task was assigned to them (a new notice: before, assignment sent nothing). */
export async function notifyTaskAssigned(input: {
	mailer: Mailer;
	origin: string;
	/** The assigning person's transaction (RLS-scoped). */
	run: RunInTransaction;
	board: { id: string; slug: string; name: string };
	task: { id: string; title: string; dueDate: string | null };
	ownerId: string;
	/** Display name of whoever assigned the task. */
	actorName: string;
}): Promise<void> {
	const owner = await input.run((tx) => recipientProfile(tx, input.ownerId));
	if (!owner) return;
	const path = `/b/${input.board.slug}/tasks`;
	await createNotifier({ mailer: input.mailer, run: input.run }).notify({
		kind: 'task-assigned',
		boardId: input.board.id,
		event: `${input.task.id}:${input.ownerId}`,
		path,
		params: {
			board: input.board.name,
			subject: input.task.title,
			actor: input.actorName,
			...(input.task.dueDate ? { date: input.task.dueDate } : {})
		},
		recipients: [owner],
		mail: (person) => {
			const params = {
				title: input.task.title,
				board: input.board.name,
				actor: input.actorName,
				due: input.task.dueDate ?? '–',
				link: `${input.origin}${path}`
			};
			return {
				subject: translate(person.locale, 'notifications.mail.taskAssigned.subject', params)
					.replace(/\s+/g, ' ')
					.trim(),
				text: translate(person.locale, 'notifications.mail.taskAssigned.body', params)
			};
		}
	});
}
