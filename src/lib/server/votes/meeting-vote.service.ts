import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import * as meetings from '../meetings/meeting.repository';
import * as repo from './vote.repository';
import * as mrepo from './meeting-vote.repository';
import type { MeetingResultInput } from './vote.schema';

export interface MeetingVoteServiceDeps {
	db: ScopedDb;
}

async function meetingOr404(tx: Tx, board: BoardContext, meetingId: string) {
	const meeting = await meetings.findMeeting(tx, { boardId: board.id, meetingId });
	if (!meeting) throw notFound();
	return meeting;
}

/**
 * Results of decision items in a meeting, recorded by office. The checks here name what is wrong; the
 * database function writes the result and the decision-log entry and refuses a second result for an item.
 * Corrections go through the decision log's amendment, not through here.
 */
export function createMeetingVoteService({ db }: MeetingVoteServiceDeps) {
	return {
		async panel(board: BoardContext, meetingId: string) {
			if (!allowed(board, 'votes.read')) throw forbidden();
			return db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const items = await mrepo.decisionItems(tx, meeting.id);
				const present = await mrepo.presentVoters(tx, { meetingId: meeting.id, boardId: board.id });
				const conflicts = await mrepo.conflicts(tx, meeting.id);
				const results = [];
				for (const item of items) {
					const vote = item.voteId ? await repo.findVote(tx, { boardId: board.id, voteId: item.voteId }) : null;
					const excluded = present.filter((p) => conflicts.some((c) => c.itemId === item.id && c.userId === p.userId));
					results.push({ item, vote, excluded, voters: present.filter((p) => !excluded.includes(p)) });
				}
				return {
					meeting: { id: meeting.id, title: meeting.title },
					items: results,
					canRecord: allowed(board, 'votes.record')
				};
			});
		},

		async record(board: BoardContext, meetingId: string, input: MeetingResultInput): Promise<repo.VoteStatus> {
			if (!allowed(board, 'votes.record')) throw forbidden();
			return db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const item = (await mrepo.decisionItems(tx, meeting.id)).find((i) => i.id === input.itemId);
				if (!item) throw notFound();
				if (item.voteId) throw new ServiceError(409, 'votes.error.alreadyRecorded');
				const present = await mrepo.presentVoters(tx, { meetingId: meeting.id, boardId: board.id });
				const conflicted = new Set(
					(await mrepo.conflicts(tx, meeting.id)).filter((c) => c.itemId === item.id).map((c) => c.userId)
				);
				const eligible = present.filter((p) => !conflicted.has(p.userId));
				if (input.mode === 'named' && input.named.some((n) => conflicted.has(n.userId)))
					throw new ServiceError(400, 'votes.error.conflicted');
				if (input.mode === 'named' && input.named.some((n) => !eligible.some((p) => p.userId === n.userId)))
					throw new ServiceError(400, 'votes.error.notPresent');
				const counts = input.mode === 'named' ? mrepo.countChoices(input.named) : input;
				if (counts.yes + counts.no + counts.abstain > Math.max(eligible.length, 1) && present.length > 0)
					throw new ServiceError(400, 'votes.error.tooMany');
				try {
					const named = input.mode === 'named' ? input.named : null;
					return await mrepo.recordMeetingVote(tx, {
						itemId: item.id,
						named,
						yes: counts.yes,
						no: counts.no,
						abstain: counts.abstain
					});
				} catch (error) {
					// Recorded meanwhile (another office tab), or the item's decision is already in the log.
					if ((error as { code?: string }).code === '23505') throw new ServiceError(409, 'votes.error.alreadyRecorded');
					throw error;
				}
			});
		}
	};
}

export type MeetingVoteService = ReturnType<typeof createMeetingVoteService>;
