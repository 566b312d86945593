import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import { isAssignee, listAssignees } from '../tasks/task.repository';
import * as repo from './strategy.repository';
import * as write from './strategy-write.repository';
import * as links from './strategy-links.repository';
import { buildMap } from './strategy-map';
import { progressOf } from './strategy-rollup';
import {
	ownerOf,
	type FieldForm,
	type FieldUpdate,
	type GoalForm,
	type GoalUpdate,
	type LinkInput,
	type MeasureForm,
	type MeasureUpdate
} from './strategy.schema';

// The strategy map (#16): full members read and comment, office/chair/deputy build and change it
// (policy 'strategy.read' / 'strategy.edit' / 'strategy.comment'); RLS enforces the same underneath.

export interface StrategyServiceDeps {
	db: ScopedDb;
	actor: { userId: string };
}

/** The whole map (or one field's part) as a tree with rolled-up progress. */
export async function readMap(tx: Tx, scope: repo.Scope) {
	const [fields, goals, measures, indicators] = await Promise.all([
		repo.listFields(tx, scope),
		repo.listGoals(tx, scope),
		repo.listMeasures(tx, scope),
		repo.listIndicators(tx, scope)
	]);
	const visible = new Set(fields.map((f) => f.id));
	const goalsShown = goals.filter((g) => visible.has(g.fieldId));
	const goalIds = new Set(goalsShown.map((g) => g.id));
	return buildMap({
		fields,
		goals: goalsShown,
		measures: measures.filter((m) => goalIds.has(m.goalId)),
		indicators: indicators.filter((i) => goalIds.has(i.goalId))
	});
}

/** A measure's owner as the form gives it, checked against the board's members. */
async function measureFields(tx: Tx, board: BoardContext, input: MeasureUpdate): Promise<write.MeasureFields> {
	const owner = ownerOf(input.owner);
	if (owner.ownerId && !(await isAssignee(tx, board.id, owner.ownerId)))
		throw new ServiceError(400, 'strategy.error.owner');
	return { ...input, ...owner };
}

export function createStrategyService({ db }: StrategyServiceDeps) {
	const mayRead = (board: BoardContext) => allowed(board, 'strategy.read');
	const mayEdit = (board: BoardContext) => allowed(board, 'strategy.edit');
	const requireRead = (board: BoardContext) => {
		if (!mayRead(board)) throw forbidden();
	};
	const requireEdit = (board: BoardContext) => {
		if (!mayEdit(board)) throw forbidden();
	};

	return {
		async map(board: BoardContext, fieldId?: string) {
			requireRead(board);
			return db.run(async (tx) => {
				const fields = await readMap(tx, { boardId: board.id, fieldId });
				if (fieldId && fields.length === 0) throw notFound();
				const edit = mayEdit(board);
				return {
					fields,
					canEdit: edit,
					assignees: edit ? await listAssignees(tx, board.id) : []
				};
			});
		},

		async createField(board: BoardContext, input: FieldForm) {
			requireEdit(board);
			return db.run((tx) => write.insertField(tx, { ...input, boardId: board.id }));
		},

		async updateField(board: BoardContext, id: string, input: FieldUpdate) {
			requireEdit(board);
			await db.run(async (tx) => {
				if (!(await write.updateField(tx, board.id, id, input))) throw notFound();
			});
		},

		async removeField(board: BoardContext, id: string) {
			requireEdit(board);
			await db.run(async (tx) => {
				if (!(await write.deleteField(tx, board.id, id))) throw notFound();
			});
		},

		async createGoal(board: BoardContext, input: GoalForm) {
			requireEdit(board);
			return db.run(async (tx) => {
				if ((await repo.listFields(tx, { boardId: board.id, fieldId: input.fieldId })).length === 0) throw notFound();
				return write.insertGoal(tx, { ...input, boardId: board.id });
			});
		},

		async updateGoal(board: BoardContext, input: GoalUpdate) {
			requireEdit(board);
			await db.run(async (tx) => {
				if (!(await write.updateGoal(tx, board.id, input.goalId, input))) throw notFound();
			});
		},

		/** Deletes a goal, a measure or an indicator with what hangs below it. */
		async remove(board: BoardContext, kind: 'goal' | 'measure' | 'indicator', id: string) {
			requireEdit(board);
			const table = (
				{ goal: 'strategy_goals', measure: 'strategy_measures', indicator: 'strategy_indicators' } as const
			)[kind];
			await db.run(async (tx) => {
				if (!(await write.deleteRow(tx, { table, boardId: board.id, id }))) throw notFound();
			});
		},

		async createMeasure(board: BoardContext, input: MeasureForm) {
			requireEdit(board);
			return db.run(async (tx) => {
				if (!(await repo.goalExists(tx, board.id, input.goalId))) throw notFound();
				const fields = await measureFields(tx, board, input);
				return write.insertMeasure(tx, {
					...fields,
					boardId: board.id,
					goalId: input.goalId,
					formToken: input.formToken
				});
			});
		},

		async updateMeasure(board: BoardContext, id: string, input: MeasureUpdate) {
			requireEdit(board);
			await db.run(async (tx) => {
				const fields = await measureFields(tx, board, input);
				if (!(await write.updateMeasure(tx, board.id, id, fields))) throw notFound();
			});
		},

		/** A measure's page: the measure, its goal and field, history, tasks, papers, comments. */
		async measure(board: BoardContext, id: string) {
			requireRead(board);
			return db.run(async (tx) => {
				const [row] = await repo.listMeasures(tx, { boardId: board.id, measureId: id });
				if (!row) throw notFound();
				const { taskStatuses, ...measure } = row;
				const goal = await repo.goalOf(tx, row.goalId);
				const edit = mayEdit(board);
				return {
					measure: { ...measure, progress: progressOf(taskStatuses) },
					goal,
					decisions: await links.measureDecisions(tx, board.id, id),
					tasks: await links.measureTasks(tx, board.id, id),
					papers: await links.measurePapers(tx, board.id, id),
					history: await links.statusHistory(tx, board.id, id),
					comments: await links.listComments(tx, board.id, id),
					canEdit: edit,
					canComment: allowed(board, 'strategy.comment'),
					assignees: edit ? await listAssignees(tx, board.id) : [],
					options: edit ? await links.linkOptions(tx, board.id) : { decisions: [], tasks: [], papers: [] }
				};
			});
		},

		async link(board: BoardContext, measureId: string, input: LinkInput) {
			requireEdit(board);
			await db.run(async (tx) => {
				if (!(await repo.measureExists(tx, board.id, measureId))) throw notFound();
				const base = { boardId: board.id, measureId };
				if (input.kind === 'decision') {
					if (!(await repo.decisionExists(tx, board.id, input.key))) throw notFound();
					await links.linkDecision(tx, { ...base, number: input.key, effect: 'linked' });
				} else if (input.kind === 'task') await links.linkTask(tx, { ...base, taskId: input.key });
				else await links.linkPaper(tx, { ...base, paperId: input.key });
			});
		},

		async unlink(board: BoardContext, measureId: string, input: LinkInput) {
			requireEdit(board);
			await db.run(async (tx) => {
				if (!(await links.unlink(tx, { boardId: board.id, measureId, ...input }))) throw notFound();
			});
		},

		async comment(board: BoardContext, measureId: string, input: { body: string; formToken?: string }) {
			if (!allowed(board, 'strategy.comment')) throw forbidden();
			return db.run(async (tx) => {
				if (!(await repo.measureExists(tx, board.id, measureId))) throw notFound();
				return links.insertComment(tx, { boardId: board.id, measureId, ...input });
			});
		},

		/** The measures a decision started, changed or is linked to (none for those who may not read the map). */
		async forDecision(board: BoardContext, number: string) {
			if (!mayRead(board)) return [];
			return db.run((tx) => links.measuresOfDecision(tx, board.id, number));
		},

		/** Goals and measures to choose from in the decision form (empty for those who may not edit). */
		async choices(board: BoardContext) {
			if (!mayEdit(board)) return { goals: [], measures: [] };
			return db.run(async (tx) => ({
				goals: await links.goalChoices(tx, board.id),
				measures: await links.measureChoices(tx, board.id)
			}));
		}
	};
}

export type StrategyService = ReturnType<typeof createStrategyService>;
