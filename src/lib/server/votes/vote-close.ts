import type { Tx } from '../db/types';
import type { Mailer } from '../mail/port';
import { voteResultMail } from '../mail/vote-templates';
import * as repo from './vote.repository';

export interface ClosedVote {
	vote: repo.VoteRow;
	tally: repo.FinalTally;
	status: repo.VoteStatus;
	voters: repo.Voter[];
	board: { name: string; slug: string };
}

export const voteLink = (origin: string, boardSlug: string, voteId: string) =>
	`${origin}/b/${boardSlug}/votes/${voteId}`;

/**
 * Closes a circular vote that ended (deadline, last ballot, office or chair) or counts one moved to a
 * meeting: the database counts, applies the rules, stores the outcome and, when adopted, appends it to
 * the decision log in the same transaction (public.close_circular_vote). Its row lock and status check
 * make a second call (job and office at once) a no-op, so the decision is logged exactly once.
 */
export async function closeCircular(tx: Tx, voteId: string): Promise<ClosedVote | null> {
	const closed = await repo.closeCircularVote(tx, voteId);
	if (!closed) return null;
	const vote = (await repo.findVoteById(tx, voteId))!;
	return {
		vote,
		tally: closed.tally,
		status: closed.status,
		voters: await repo.listVoters(tx, voteId),
		board: await repo.boardOf(tx, vote.boardId)
	};
}

/** The result mail to every voter (also those excluded), each in their language. */
export async function mailResult(input: { mailer: Mailer; origin: string; closed: ClosedVote }): Promise<void> {
	const { closed } = input;
	const link = voteLink(input.origin, closed.board.slug, closed.vote.id);
	for (const voter of closed.voters) {
		if (!voter.email) continue;
		const mail = voteResultMail({
			locale: voter.locale,
			name: voter.displayName,
			boardName: closed.board.name,
			motion: closed.vote.motion,
			deadline: closed.vote.deadline ?? new Date(),
			link,
			status: closed.status,
			...closed.tally
		});
		await input.mailer.send({ to: voter.email, kind: 'vote-result', boardId: closed.vote.boardId, ...mail });
	}
}
