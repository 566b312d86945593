import type { Database } from '$lib/server/db/types';
import type { BoardContext } from '$lib/server/boards/policy';
import { strategyService, indicatorService } from '$lib/server/strategy/strategy-services';
import type { TestBoard, TestUser } from './index';
import { requestTo } from '../support/app-context';

let sequence = 0;

/** The board as the person sees it with `role`. */
export const asBoard = (board: TestBoard, role: BoardContext['role']): BoardContext => ({
	id: board.id,
	slug: board.slug,
	name: board.name,
	role
});

/**
 * A field with one goal, one measure (owned by the office) and one indicator, made through the services by
 * `by` (office or chair); the parts it makes are returned with their ids.
 */
export async function createStrategy(
	db: Database,
	input: { board: TestBoard; by: TestUser; role?: 'office' | 'chair'; unit?: string; isPublic?: boolean }
) {
	const n = ++sequence;
	const context = await requestTo(db, input.by);
	const board = asBoard(input.board, input.role ?? 'office');
	const strategy = strategyService(context);
	const field = await strategy.createField(board, { title: `Handlungsfeld ${n}`, description: '' });
	if (input.isPublic)
		await strategy.updateField(board, field.id, { title: `Handlungsfeld ${n}`, description: '', isPublic: true });
	const goal = await strategy.createGoal(board, { fieldId: field.id, title: `Ziel ${n}`, description: '' });
	const measure = await strategy.createMeasure(board, {
		goalId: goal.id,
		title: `Maßnahme ${n}`,
		description: '',
		owner: 'office',
		ownerText: '',
		status: 'planned',
		startsOn: null,
		endsOn: null,
		budgetNote: ''
	});
	const indicator = await indicatorService(context).create(board, {
		goalId: goal.id,
		name: `Indikator ${n}`,
		unit: input.unit ?? 'Personen',
		source: 'Statistik',
		baseline: 100,
		baselineOn: '2020-12-31',
		target: 150,
		targetOn: '2030-12-31'
	});
	return { fieldId: field.id, goalId: goal.id, measureId: measure.id, indicatorId: indicator.id };
}
