import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import type { BoardContext } from '../members/member.service';
import * as meetings from '../meetings/meeting.repository';
import { appendDecision } from '../decisions/decision.repository';
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
 * Results of decision items in a meeting, recorded by office. A result is recorded once (unique
 * item_id on votes); corrections go through the decision log's amendment, not through here.
 */
export function createMeetingVoteService({ db }: MeetingVoteServiceDeps) {
	return {
		async panel(board: BoardContext, meetingId: string) {
			if (board.role === null || board.role === 'guest') throw forbidden();
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
				return { meeting: { id: meeting.id, title: meeting.title }, items: results, canRecord: board.role === 'office' };
			});
		},

		async record(board: BoardContext, meetingId: string, input: MeetingResultInput): Promise<repo.VoteStatus> {
			if (board.role !== 'office') throw forbidden();
			return db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const item = (await mrepo.decisionItems(tx, meeting.id)).find((i) => i.id === input.itemId);
				if (!item) throw notFound();
				if (item.voteId) throw new ServiceError(409, 'votes.error.alreadyRecorded');
				const present = await mrepo.presentVoters(tx, { meetingId: meeting.id, boardId: board.id });
				const conflicted = new Set((await mrepo.conflicts(tx, meeting.id)).filter((c) => c.itemId === item.id).map((c) => c.userId));
				const eligible = present.filter((p) => !conflicted.has(p.userId));
				if (input.mode === 'named' && input.named.some((n) => conflicted.has(n.userId))) throw new ServiceError(400, 'votes.error.conflicted');
				if (input.mode === 'named' && input.named.some((n) => !eligible.some((p) => p.userId === n.userId))) throw new ServiceError(400, 'votes.error.notPresent');
				const counts = input.mode === 'named' ? mrepo.countChoices(input.named) : input;
				if (counts.yes + counts.no + counts.abstain > Math.max(eligible.length, 1) && present.length > 0) throw new ServiceError(400, 'votes.error.tooMany');
				const status = counts.yes > counts.no ? 'adopted' : 'rejected';
				const voteId = await repo.insertVote(tx, {
					boardId: board.id, kind: 'meeting', meetingId: meeting.id, itemId: item.id, motion: item.description || item.title,
					secret: false, majority: 'cast', minParticipation: 0, discussionThreshold: 0, deadline: null
				});
				await repo.insertVoters(tx, { voteId, boardId: board.id, userIds: present.map((p) => p.userId), excluded: [...conflicted] });
				if (input.mode === 'named') await repo.insertNamedChoices(tx, { voteId, boardId: board.id, choices: input.named });
				await mrepo.setCounts(tx, { voteId, ...counts, eligible: eligible.length, status });
				await appendDecision(tx, {
					boardId: board.id, title: item.title, resolution: item.description || item.title, meetingId: meeting.id, agendaItemId: item.id,
					kind: 'resolution', voteResult: { yes: counts.yes, no: counts.no, abstain: counts.abstain }, status,
					source: 'meeting', sourceId: item.id, isPublic: item.isPublic
				});
				return status;
			});
		}
	};
}

export type MeetingVoteService = ReturnType<typeof createMeetingVoteService>;
