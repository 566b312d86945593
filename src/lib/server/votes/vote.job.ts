import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { voteReminderMail } from '../mail/vote-templates';
import { createNotifier } from '../notifications/notifier';
import * as repo from './vote.repository';
import { closeCircular, mailResult, voteLink } from './vote-close';

const REMIND_WITHIN_MS = 24 * 3_600_000;

/**
 * One run: reminders once per vote (claimed in its own commit, so a crash loses a reminder instead of
 * doubling it) to those who have not voted, then closing of votes past the deadline or fully voted.
 */
export async function runVoteJob(input: {
	db: Database;
	mailer: Mailer;
	origin: string;
	now?: Date;
}): Promise<{ reminded: number; closed: number }> {
	const now = input.now ?? new Date();
	let reminded = 0;
	const claimed = await withSystem(input.db, 'votes', (tx) => repo.claimReminders(tx, now, REMIND_WITHIN_MS));
	for (const voteId of claimed) reminded += await remind(input, voteId);
	const due = await withSystem(input.db, 'votes', (tx) => repo.dueForClosing(tx, now));
	let closed = 0;
	for (const voteId of due) {
		const result = await withSystem(input.db, 'votes', (tx) => closeCircular(tx, voteId));
		if (!result) continue;
		closed += 1;
		await mailResult({ mailer: input.mailer, origin: input.origin, closed: result });
	}
	return { reminded, closed };
}

async function remind(input: { db: Database; mailer: Mailer; origin: string }, voteId: string): Promise<number> {
	const data = await withSystem(input.db, 'votes', async (tx) => {
		const vote = (await repo.findVoteById(tx, voteId))!;
		const voted = new Set(await repo.participants(tx, voteId));
		const voters = (await repo.listVoters(tx, voteId)).filter((v) => !v.excluded && !voted.has(v.userId));
		return { vote, voters, board: await repo.boardOf(tx, vote.boardId) };
	});
	const link = voteLink(input.origin, data.board.slug, voteId);
	const deadline = data.vote.deadline!;
	// The reminder is claimed once per vote above; the notification key keeps it once per person as well.
	await createNotifier({ mailer: input.mailer, run: (fn) => withSystem(input.db, 'notifications', fn) }).notify({
		kind: 'vote-reminder',
		boardId: data.vote.boardId,
		event: voteId,
		path: link.slice(input.origin.length),
		params: { board: data.board.name, subject: data.vote.motion, date: deadline.toISOString() },
		recipients: data.voters,
		mail: (voter) =>
			voteReminderMail({
				locale: voter.locale,
				name: voter.displayName,
				boardName: data.board.name,
				motion: data.vote.motion,
				deadline,
				link
			})
	});
	return data.voters.length;
}

/** The periodic job (every minute, unref'd so it never keeps the process alive). */
export function startVoteJob(input: { db: Database; mailer: Mailer; origin: string; intervalMs?: number }): () => void {
	const timer = setInterval(() => {
		runVoteJob(input).catch((error: unknown) => console.warn('votes: job run failed:', String(error)));
	}, input.intervalMs ?? 60_000);
	timer.unref();
	return () => clearInterval(timer);
}
