import { withSystem, type ScopedDb } from '../db/scoped';
import type { Database } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import type { Mailer } from '../mail/port';
import { voteOpenedMail } from '../mail/vote-templates';
import { createNotifier } from '../notifications/notifier';
import { allowed, isVotingRole, type BoardContext } from '../boards/policy';
import * as meetings from '../meetings/meeting.repository';
import * as repo from './vote.repository';
import { closeCircular, mailResult, voteLink, type ClosedVote } from './vote-close';
import type { CircularInput } from './vote.schema';

export interface VoteServiceDeps {
	db: ScopedDb;
	/** The app database, for the one system task: counting a vote after its last ballot or its move to a meeting. */
	systemDb: Database;
	mailer: Mailer;
	origin: string;
	actor: { userId: string };
	now?: () => Date;
}

const isFullMember = (board: BoardContext) => allowed(board, 'votes.read');
export const canRunVotes = (board: BoardContext) => allowed(board, 'votes.run');
/** Board people who have a vote. */
const votingPeople = <P extends { role: string }>(people: P[]) => people.filter((person) => isVotingRole(person.role));

export function createVoteService(deps: VoteServiceDeps) {
	const { db, mailer, origin, actor } = deps;
	const now = deps.now ?? (() => new Date());
	const requireMember = (board: BoardContext) => {
		if (!isFullMember(board)) throw forbidden();
	};
	const voteOr404 = async (tx: Parameters<Parameters<ScopedDb['run']>[0]>[0], board: BoardContext, voteId: string) => {
		const vote = await repo.findVote(tx, { boardId: board.id, voteId });
		if (!vote || vote.kind !== 'circular') throw notFound();
		return vote;
	};
	const finish = async (closed: ClosedVote | null) => {
		if (closed) await mailResult({ mailer, origin, closed });
	};

	return {
		async list(board: BoardContext) {
			requireMember(board);
			return db.run(async (tx) => ({
				votes: await repo.listVotes(tx, board.id),
				canManage: canRunVotes(board),
				people: canRunVotes(board) ? votingPeople(await meetings.listBoardPeople(tx, board.id)) : []
			}));
		},

		async create(board: BoardContext, input: CircularInput): Promise<string> {
			if (!canRunVotes(board)) throw forbidden();
			if (input.deadline.getTime() <= now().getTime()) throw new ServiceError(400, 'votes.error.deadlineInPast');
			const created = await db.run(async (tx) => {
				const voting = votingPeople(await meetings.listBoardPeople(tx, board.id));
				const chosen = input.voters.length > 0 ? [...new Set(input.voters)] : voting.map((p) => p.userId);
				if (chosen.some((id) => !voting.some((p) => p.userId === id)))
					throw new ServiceError(400, 'votes.error.notVoting');
				if (chosen.length === 0) throw new ServiceError(400, 'votes.error.noVoters');
				const vote = await repo.insertVote(tx, {
					boardId: board.id,
					kind: 'circular',
					meetingId: null,
					itemId: null,
					...input
				});
				if (!vote.created) return { voteId: vote.id, people: [] };
				await repo.insertVoters(tx, { voteId: vote.id, boardId: board.id, userIds: chosen });
				return { voteId: vote.id, people: voting.filter((p) => chosen.includes(p.userId)) };
			});
			// A repeated form (same token) opened nothing new and tells nobody again.
			if (created.people.length === 0) return created.voteId;
			const link = voteLink(origin, board.slug, created.voteId);
			await createNotifier({ mailer, run: db.run }).notify({
				kind: 'vote-opened',
				boardId: board.id,
				event: created.voteId,
				path: link.slice(origin.length),
				params: { board: board.name, subject: input.motion, date: input.deadline.toISOString() },
				recipients: created.people,
				mail: (person) =>
					voteOpenedMail({
						locale: person.locale,
						name: person.displayName,
						boardName: board.name,
						motion: input.motion,
						deadline: input.deadline,
						link
					})
			});
			return created.voteId;
		},

		/** The vote page: counts for all full members, named choices only for office/chair and open votes. */
		async get(board: BoardContext, voteId: string) {
			requireMember(board);
			return db.run(async (tx) => {
				const vote = await voteOr404(tx, board, voteId);
				const voters = await repo.listVoters(tx, voteId);
				const choices = await repo.listChoices(tx, voteId);
				const me = voters.find((v) => v.userId === actor.userId && !v.excluded);
				const voted = (await repo.participants(tx, voteId)).includes(actor.userId);
				const open = vote.status === 'open' && vote.deadline!.getTime() > now().getTime();
				return {
					vote,
					tally: await repo.tally(tx, voteId),
					voters: voters.map(({ userId, displayName, role, discussionRequested }) => ({
						userId,
						displayName,
						role,
						discussionRequested
					})),
					named: canRunVotes(board) && !vote.secret ? choices : [],
					myChoice: choices.find((c) => c.userId === actor.userId)?.choice ?? null,
					voted,
					canVote: open && !!me && !(vote.secret && voted),
					canRequestDiscussion: open && !!me && !me.discussionRequested,
					canClose: open && canRunVotes(board)
				};
			});
		},

		async vote(board: BoardContext, voteId: string, choice: repo.VoteChoice): Promise<void> {
			requireMember(board);
			await db.run(async (tx) => {
				const vote = await voteOr404(tx, board, voteId);
				if (vote.status !== 'open' || vote.deadline!.getTime() <= now().getTime())
					throw new ServiceError(409, 'votes.error.closed');
				try {
					if (!(await repo.castVote(tx, voteId, choice))) throw new ServiceError(403, 'votes.error.notAsked');
				} catch (error) {
					if ((error as { code?: string }).code === '23505') throw new ServiceError(409, 'votes.error.alreadyVoted');
					throw error;
				}
			});
			await finish(
				await withSystem(deps.systemDb, 'votes', async (tx) =>
					(await repo.dueForClosing(tx, now())).includes(voteId) ? closeCircular(tx, voteId) : null
				)
			);
		},

		/**
		 * A request for discussion; the one that reaches the threshold ends the procedure and tells everyone.
		 * The counts of the moved vote are taken on the system path after the move committed, so the person
		 * asking never reads a secret vote's counts in their own transaction.
		 */
		async requestDiscussion(board: BoardContext, voteId: string): Promise<repo.VoteStatus> {
			requireMember(board);
			const status = await db.run(async (tx) => {
				await voteOr404(tx, board, voteId);
				const status = await repo.requestDiscussion(tx, voteId);
				if (!status) throw new ServiceError(409, 'votes.error.cannotRequest');
				return status;
			});
			if (status === 'moved') await finish(await withSystem(deps.systemDb, 'votes', (tx) => closeCircular(tx, voteId)));
			return status;
		},

		/** Office or chair ends the vote early; the result counts what has been cast. */
		async close(board: BoardContext, voteId: string): Promise<void> {
			if (!canRunVotes(board)) throw forbidden();
			const closed = await db.run(async (tx) => {
				await voteOr404(tx, board, voteId);
				const result = await closeCircular(tx, voteId);
				if (!result) throw new ServiceError(409, 'votes.error.closed');
				return result;
			});
			await finish(closed);
		}
	};
}

export type VoteService = ReturnType<typeof createVoteService>;
