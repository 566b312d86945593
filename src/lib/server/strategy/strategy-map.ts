import type { StrategyField, StrategyGoal, StrategyMeasure } from '$lib/types/strategy.types';
import type { FieldRow, GoalRow, IndicatorRow, MeasureRow } from './strategy.repository';
import { countStatuses, progressOf, sumProgress } from './strategy-rollup';

/** The map as a tree, with progress rolled up from measures to goals to fields. */
export function buildMap(rows: {
	fields: FieldRow[];
	goals: GoalRow[];
	measures: MeasureRow[];
	indicators: IndicatorRow[];
}): StrategyField[] {
	const measuresOf = new Map<string, StrategyMeasure[]>();
	for (const { taskStatuses, ...m } of rows.measures) {
		const list = measuresOf.get(m.goalId) ?? [];
		list.push({ ...m, progress: progressOf(taskStatuses) });
		measuresOf.set(m.goalId, list);
	}
	const goalsOf = new Map<string, StrategyGoal[]>();
	for (const g of rows.goals) {
		const measures = measuresOf.get(g.id) ?? [];
		const goal: StrategyGoal = {
			...g,
			measures,
			indicators: rows.indicators.filter((i) => i.goalId === g.id),
			progress: sumProgress(measures.map((m) => m.progress))
		};
		goalsOf.set(g.fieldId, [...(goalsOf.get(g.fieldId) ?? []), goal]);
	}
	return rows.fields.map((f) => {
		const goals = goalsOf.get(f.id) ?? [];
		return {
			...f,
			goals,
			progress: sumProgress(goals.map((g) => g.progress)),
			statusCounts: countStatuses(goals.flatMap((g) => g.measures.map((m) => m.status)))
		};
	});
}
