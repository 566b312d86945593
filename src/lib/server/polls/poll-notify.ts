import { berlinDay } from '$lib/format';
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { pollInvitationMail, pollReminderMail } from '../mail/meeting-templates';
import { createNotifier, type RunInTransaction } from '../notifications/notifier';
import * as repo from './poll.repository';

/** Reminders go out within this span before the deadline. */
const REMIND_WITHIN_MS = 24 * 3_600_000;

const pollPath = (boardSlug: string, pollId: string) => `/b/${boardSlug}/polls/${pollId}`;

/** Tells the people asked that a poll waits for their answer: in-app, and by mail to those who want it now. */
export async function notifyPollInvitation(input: {
	mailer: Mailer;
	/** The acting person's transaction (RLS-scoped). */
	run: RunInTransaction;
	origin: string;
	board: { id: string; slug: string; name: string };
	poll: { id: string; title: string; deadline: Date; slots: Date[] };
	people: repo.Participant[];
}): Promise<number> {
	const { board, poll } = input;
	const path = pollPath(board.slug, poll.id);
	const { told } = await createNotifier({ mailer: input.mailer, run: input.run }).notify({
		kind: 'poll-invitation',
		boardId: board.id,
		event: poll.id,
		path,
		params: { board: board.name, subject: poll.title, date: berlinDay(poll.deadline) },
		recipients: input.people.filter((person) => person.email),
		mail: (person) =>
			pollInvitationMail({
				locale: person.locale,
				boardName: board.name,
				pollTitle: poll.title,
				deadline: poll.deadline,
				link: `${input.origin}${path}`,
				slots: poll.slots
			})
	});
	return told;
}

/**
 * One run: everyone asked who has not answered an open poll ending within a day is reminded. The
 * notification key (kind + poll, per person) keeps it to one reminder per person, however often it runs.
 */
export async function sendPollReminders(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	now?: Date;
}): Promise<number> {
	const now = input.now ?? new Date();
	const run: RunInTransaction = (fn) => withSystem(input.db, 'poll-reminders', fn);
	const notifier = createNotifier({ mailer: input.mailer, run });
	let mailed = 0;
	for (const poll of await run((tx) => repo.pollsNearDeadline(tx, { now, withinMs: REMIND_WITHIN_MS }))) {
		const people = await run((tx) => repo.listUnanswered(tx, { pollId: poll.id, boardId: poll.boardId }));
		const path = pollPath(poll.boardSlug, poll.id);
		const result = await notifier.notify({
			kind: 'poll-reminder',
			boardId: poll.boardId,
			event: poll.id,
			path,
			params: { board: poll.boardName, subject: poll.title, date: berlinDay(poll.deadline) },
			recipients: people,
			mail: (person) =>
				pollReminderMail({
					locale: person.locale,
					boardName: poll.boardName,
					pollTitle: poll.title,
					deadline: poll.deadline,
					link: `${input.origin}${path}`
				})
		});
		mailed += result.mailed;
	}
	return mailed;
}

/** The periodic job (every few minutes, unref'd so it never keeps the process alive). */
export function startPollReminderJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	intervalMs?: number;
}): () => void {
	const timer = setInterval(
		() => {
			sendPollReminders(input).catch((error: unknown) => console.warn('polls: reminder run failed:', String(error)));
		},
		input.intervalMs ?? 5 * 60_000
	);
	timer.unref();
	return () => clearInterval(timer);
}
