import type { Tx } from '../db/types';
import type { Mailer } from '../mail/port';
import { voteResultMail } from '../mail/vote-templates';
import { appendDecision } from '../decisions/decision.repository';
import * as repo from './vote.repository';
import { voteOutcome } from './vote-result';

export interface ClosedVote {
	vote: repo.VoteRow;
	tally: repo.Tally;
	status: repo.VoteStatus;
	voters: repo.Voter[];
	board: { name: string; slug: string };
}

export const voteLink = (origin: string, boardSlug: string, voteId: string) => `${origin}/b/${boardSlug}/votes/${voteId}`;

/**
 * Closes an open circular vote: counts on the server, stores the outcome and, when adopted, appends
 * it to the decision log in the same transaction. The row lock and the open-status check make a
 * second close (job and office at once) a no-op, so the decision is logged exactly once.
 */
export async function closeCircular(tx: Tx, voteId: string): Promise<ClosedVote | null> {
	const vote = await repo.findVoteById(tx, voteId, true);
	if (!vote || vote.kind !== 'circular' || vote.status !== 'open') return null;
	const tally = await repo.tally(tx, voteId);
	const status = voteOutcome(vote, tally);
	await repo.closeVote(tx, { voteId, status, tally });
	if (status === 'adopted') {
		await appendDecision(tx, {
			boardId: vote.boardId,
			title: vote.motion.split('\n')[0]!.slice(0, 200),
			resolution: vote.motion,
			kind: 'resolution',
			voteResult: { yes: tally.yes, no: tally.no, abstain: tally.abstain },
			status: 'adopted',
			source: 'circular',
			sourceId: vote.id,
			isPublic: false
		});
	}
	return { vote, tally, status, voters: await repo.listVoters(tx, voteId), board: await repo.boardOf(tx, vote.boardId) };
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
