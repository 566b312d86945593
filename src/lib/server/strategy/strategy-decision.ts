import type { Tx } from '../db/types';
import { ServiceError, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import * as repo from './strategy.repository';
import * as write from './strategy-write.repository';
import { linkDecision } from './strategy-links.repository';
import type { DecisionMeasureInput } from './strategy.schema';

// A decision that starts or changes a measure (#16): called by the decision service inside the transaction
// that appends the decision, so the log entry and the measure are written together or not at all.

/** Refuses an incomplete choice before anything is written. */
export function checkDecisionMeasure(board: BoardContext, input: DecisionMeasureInput): void {
	if (input.measureAction === 'none') return;
	if (!allowed(board, 'strategy.edit')) throw new ServiceError(403, 'error.forbidden');
	if (input.measureAction === 'update' && (!input.measureId || !input.measureStatus))
		throw new ServiceError(400, 'strategy.error.decisionMeasure');
	if (input.measureAction === 'create' && (!input.measureGoalId || !input.measureTitle))
		throw new ServiceError(400, 'strategy.error.decisionMeasure');
}

/** Creates or updates the measure and links it to decision `number` (same transaction as the decision). */
export async function applyDecisionMeasure(
	tx: Tx,
	input: DecisionMeasureInput & {
		/** The board of the decision. */
		board: BoardContext;
		/** The decision just recorded. */
		number: string;
	}
): Promise<string | null> {
	const { board, number } = input;
	if (input.measureAction === 'none') return null;
	if (input.measureAction === 'update') {
		if (!(await write.setMeasureStatus(tx, board.id, input.measureId!, input.measureStatus!))) throw notFound();
		const effect = input.measureStatus === 'running' ? 'started' : 'changed';
		await linkDecision(tx, { boardId: board.id, measureId: input.measureId!, number, effect });
		return input.measureId!;
	}
	if (!(await repo.goalExists(tx, board.id, input.measureGoalId!))) throw notFound();
	const { id } = await write.insertMeasure(tx, {
		boardId: board.id,
		goalId: input.measureGoalId!,
		title: input.measureTitle!,
		description: '',
		ownerKind: 'office',
		ownerId: null,
		ownerText: '',
		status: input.measureStatus ?? 'running',
		startsOn: null,
		endsOn: null,
		budgetNote: ''
	});
	await linkDecision(tx, { boardId: board.id, measureId: id, number, effect: 'started' });
	return id;
}
