import type { CollabHub } from '../collab/hub';
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { roundReminderMail } from '../mail/round-templates';
import * as repo from './round-tracker.repository';
import { roundLink } from './round-links';

/** Reminders go out two days before a round ends. */
export const REMIND_BEFORE_MS = 2 * 86_400_000;

/**
 * One run: reminders once per round (claimed in their own commit, so a crash loses a reminder instead of
 * doubling it), then rounds past their deadline: their contributors' collaboration sockets are closed
 * (the database refuses them any access from the deadline on; this ends sockets opened before).
 */
export async function runRoundJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	hub: Pick<CollabHub, 'accessChanged'>;
	now?: Date;
}): Promise<{ reminded: number; expired: number }> {
	const now = input.now ?? new Date();
	let reminded = 0;
	const claimed = await withSystem(input.db, 'paper-rounds', (tx) => repo.claimReminders(tx, now, REMIND_BEFORE_MS));
	for (const roundId of claimed) reminded += await remind(input, roundId);
	const expired = await withSystem(input.db, 'paper-rounds', (tx) => repo.claimExpired(tx, now));
	for (const round of expired)
		for (const userId of round.contributors) input.hub.accessChanged({ paperId: round.paperId, userId });
	return { reminded, expired: expired.length };
}

async function remind(input: { db: Database; mailer: Mailer; origin: string }, roundId: string): Promise<number> {
	const data = await withSystem(input.db, 'paper-rounds', (tx) => repo.reminderData(tx, roundId));
	const link = roundLink(input.origin, { boardSlug: data.boardSlug, paperId: data.paperId, roundId });
	for (const person of data.people) {
		const mail = roundReminderMail({
			locale: person.locale === 'en' ? 'en' : 'de',
			name: person.displayName,
			inviter: '',
			boardName: data.boardName,
			paper: data.paperTitle,
			question: data.question,
			deadline: data.endsAt,
			link
		});
		await input.mailer.send({ to: person.email, kind: 'round-reminder', boardId: data.boardId, ...mail });
	}
	return data.people.length;
}

/**
 * The periodic job (every minute, unref'd). Deadlines due before the next run get a timer of their own,
 * so a contributor's open socket closes at the deadline itself, not up to a minute later.
 */
export function startRoundJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	hub: Pick<CollabHub, 'accessChanged'>;
	intervalMs?: number;
}): () => void {
	const interval = input.intervalMs ?? 60_000;
	const timers = new Set<ReturnType<typeof setTimeout>>();
	const run = () =>
		runRoundJob(input).catch((error: unknown) => console.warn('rounds: job run failed:', String(error)));
	const tick = async () => {
		await run();
		const soon = await withSystem(input.db, 'paper-rounds', (tx) =>
			repo.upcomingDeadlines(tx, new Date(Date.now() + interval))
		).catch(() => [] as Date[]);
		for (const at of soon) {
			const timer = setTimeout(
				() => {
					timers.delete(timer);
					void run();
				},
				Math.max(0, at.getTime() - Date.now()) + 10
			);
			timer.unref();
			timers.add(timer);
		}
	};
	const timer = setInterval(() => void tick(), interval);
	timer.unref();
	return () => {
		clearInterval(timer);
		for (const t of timers) clearTimeout(t);
	};
}
