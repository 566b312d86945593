import type { Tx } from '../db/types';
import { appendDecision } from '../decisions/decision.repository';
import type { DecisionSink } from './minutes-approval';

/** The board's decision log (decisions area): entries from minutes link back to the minutes paper. */
export const decisionLogSink: DecisionSink = {
	async recordedByVote(tx: Tx, itemId: string) {
		const rows = await tx.query(`select 1 from public.decision_entries where source = 'meeting' and source_id = $1 limit 1`, [itemId]);
		return rows.length > 0;
	},
	async append(tx, input) {
		await appendDecision(tx, {
			boardId: input.boardId,
			title: input.title.slice(0, 200),
			resolution: input.text,
			meetingId: input.meetingId,
			agendaItemId: input.itemId,
			kind: 'resolution',
			voteResult: {},
			status: 'adopted',
			paperIds: [input.paperId],
			source: 'minutes',
			sourceId: input.sourceId,
			isPublic: input.isPublic
		});
	}
};
