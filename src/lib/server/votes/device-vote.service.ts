import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import * as meetings from '../meetings/meeting.repository';
import * as repo from './device-vote.repository';
import type { CastDeviceVoteInput, CloseDeviceVoteInput, OpenDeviceVoteInput } from './device-vote.schema';
import type { DeviceVoteState, DeviceVoteEvent, MyBallot } from '$lib/types/device-vote.types';

export interface DeviceVoteServiceDeps {
	db: ScopedDb;
	/** Tells every screen of the meeting that its vote changed (the live channel); the payload carries no choice. */
	publish?: (meetingId: string, event: DeviceVoteEvent) => void | Promise<void>;
}

const dbCode = (error: unknown) => (error as { code?: string }).code;

async function meetingOr404(tx: Tx, board: BoardContext, meetingId: string) {
	const meeting = await meetings.findMeeting(tx, { boardId: board.id, meetingId });
	if (!meeting) throw notFound();
	return meeting;
}

/** The reader's own standing in the running vote: what the ballot form shows. */
async function myBallot(tx: Tx, board: BoardContext, vote: { voteId: string; itemId: string; meetingId: string }) {
	if (!allowed(board, 'votes.cast')) return { state: 'notVoting', choice: null } satisfies MyBallot;
	const standing = await repo.myStanding(tx, vote);
	const ballot = await repo.myBallot(tx, vote.voteId);
	if (standing.conflicted) return { state: 'conflicted', choice: null } satisfies MyBallot;
	if (!standing.present && !ballot.voted) return { state: 'notPresent', choice: null } satisfies MyBallot;
	return { state: ballot.voted ? 'voted' : 'canVote', choice: ballot.choice } satisfies MyBallot;
}

/**
 * Votes in the meeting on people's own devices (#19): the chair or office opens a vote on a decision item,
 * present voting members cast it, the chair closes it. The database functions (migration 20261207050000) keep
 * the rules; the result lands on the vote row (item, minutes draft) and in the decision log in one transaction.
 */
export function createDeviceVoteService({ db, publish }: DeviceVoteServiceDeps) {
	const tell = async (meetingId: string, event: DeviceVoteEvent) => {
		// The database is the record: a screen that misses the message catches up on its next load.
		try {
			await publish?.(meetingId, event);
		} catch (error) {
			console.warn('device votes: publish failed', error);
		}
	};

	return {
		/** The meeting's decision items, the running vote with its turnout (never its counts) and the last result. */
		async state(board: BoardContext, meetingId: string): Promise<DeviceVoteState> {
			if (!allowed(board, 'votes.read')) throw forbidden();
			return db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const items = await repo.listItems(tx, meeting.id);
				const open = items.find((item) => item.status === 'open' && item.onDevices);
				const closed = items
					.filter((item) => item.status !== 'open' && item.closedAt)
					.sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime());
				let current: DeviceVoteState['current'] = null;
				if (open) {
					const ids = { voteId: open.voteId!, itemId: open.itemId, meetingId: meeting.id };
					current = {
						...ids,
						title: open.title,
						secret: open.secret,
						...(await repo.turnout(tx, open.voteId!)),
						excluded: await repo.excludedNames(tx, open.voteId!),
						me: await myBallot(tx, board, ids)
					};
				}
				return {
					meeting: { id: meeting.id, title: meeting.title },
					items,
					current,
					latest: closed[0] ?? null,
					canRun: allowed(board, 'votes.run') && meeting.status !== 'cancelled',
					canCast: allowed(board, 'votes.cast')
				};
			});
		},

		async open(board: BoardContext, meetingId: string, input: OpenDeviceVoteInput): Promise<string> {
			if (!allowed(board, 'votes.run')) throw forbidden();
			const voteId = await db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const item = (await repo.listItems(tx, meeting.id)).find((i) => i.itemId === input.itemId);
				if (!item) throw notFound();
				try {
					return await repo.openVote(tx, { itemId: item.itemId, secret: input.secret });
				} catch (error) {
					if (dbCode(error) === '23505')
						throw new ServiceError(409, item.voteId ? 'votes.error.alreadyRecorded' : 'votes.live.error.anotherOpen');
					throw error;
				}
			});
			await tell(meetingId, { type: 'vote', voteId, change: 'opened' });
			return voteId;
		},

		async cast(board: BoardContext, meetingId: string, input: CastDeviceVoteInput): Promise<void> {
			if (!allowed(board, 'votes.cast')) throw forbidden();
			await db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const item = (await repo.listItems(tx, meeting.id)).find((i) => i.voteId === input.voteId);
				if (!item) throw notFound();
				let outcome: repo.CastOutcome;
				try {
					outcome = await repo.castVote(tx, input.voteId, input.choice);
				} catch (error) {
					if (dbCode(error) === '23505') throw new ServiceError(409, 'votes.error.alreadyVoted');
					throw error;
				}
				if (outcome === 'closed') throw new ServiceError(409, 'votes.error.closed');
				if (outcome === 'notPresent') throw new ServiceError(403, 'votes.live.error.notPresent');
				if (outcome === 'conflicted') throw new ServiceError(403, 'votes.error.conflicted');
				if (outcome === 'notVoting') throw new ServiceError(403, 'votes.error.notVoting');
			});
			await tell(meetingId, { type: 'vote', voteId: input.voteId, change: 'cast' });
		},

		/** Closes the running vote; a vote closed already (a second click, another screen) is left as it is. */
		async close(board: BoardContext, meetingId: string, input: CloseDeviceVoteInput) {
			if (!allowed(board, 'votes.run')) throw forbidden();
			const result = await db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				if (!(await repo.listItems(tx, meeting.id)).some((i) => i.voteId === input.voteId)) throw notFound();
				return repo.closeVote(tx, input.voteId);
			});
			if (result) await tell(meetingId, { type: 'vote', voteId: input.voteId, change: 'closed' });
			return result;
		}
	};
}

export type DeviceVoteService = ReturnType<typeof createDeviceVoteService>;
