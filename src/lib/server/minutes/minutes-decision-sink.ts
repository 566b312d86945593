import type { Tx } from '../db/types';
import { appendMinutesDecision } from '../decisions/decision.repository';
import type { DecisionSink } from './minutes-approval';

/** The board's decision log (decisions area): entries from minutes link back to the minutes paper. */
export const decisionLogSink: DecisionSink = {
	async recordedByVote(tx: Tx, itemId: string) {
		const rows = await tx.query(
			`select 1 from public.decision_entries where source = 'meeting' and source_id = $1 limit 1`,
			[itemId]
		);
		return rows.length > 0;
	},
	async append(tx, input) {
		// The database takes title, text and visibility from the minutes' own rows (approved text only).
		await appendMinutesDecision(tx, { minutesId: input.minutesId, itemId: input.itemId });
	}
};
