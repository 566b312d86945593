import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import { ServiceError } from '../errors';
import type { IndicatorValue, StrategyMeasure } from '$lib/types/strategy.types';
import type { TaskStatusLike } from './strategy-rollup';

// SQL reading the strategy map's structure (the map, the reports, existence checks). Writes:
// strategy-write.repository.ts; links, status history and comments: strategy-links.repository.ts.

export type StrategyTable =
	'strategy_fields' | 'strategy_goals' | 'strategy_measures' | 'strategy_indicators' | 'strategy_comments';

/**
 * Inserts a row made by a create form: a repeat of the same token returns the first row (`created` false).
 * The id is made here because RETURNING would need the select policy to see the statement's own row.
 */
export async function insertWithToken(
	tx: Tx,
	input: { table: StrategyTable; formToken: string | null | undefined; insert: (id: string) => Promise<unknown> }
): Promise<{ id: string; created: boolean }> {
	const id = randomUUID();
	await input.insert(id);
	if (!input.formToken) return { id, created: true };
	const [row] = await tx.query<{ id: string }>(`select id from public.${input.table} where form_token = $1`, [
		input.formToken
	]);
	if (!row) throw new ServiceError(409, 'form.error.tokenUsed');
	return { id: row.id, created: row.id === id };
}

export interface FieldRow {
	id: string;
	title: string;
	description: string;
	isPublic: boolean;
}
export interface GoalRow {
	id: string;
	fieldId: string;
	title: string;
	description: string;
}
/** A measure as read: the page's shape, with its tasks' statuses in place of the rolled-up progress. */
export type MeasureRow = Omit<StrategyMeasure, 'progress'> & { taskStatuses: TaskStatusLike[] };
export interface IndicatorRow {
	id: string;
	goalId: string;
	name: string;
	unit: string;
	source: string;
	baseline: number | null;
	baselineOn: string | null;
	target: number | null;
	targetOn: string | null;
	latest: IndicatorValue | null;
}

/** Which part of the map: one field, only the published fields, or all. */
export interface Scope {
	boardId: string;
	fieldId?: string | null;
	/** Signed out (anon): no people, no action items (their columns are not granted to anon). */
	public?: boolean;
}

export function listFields(tx: Tx, scope: Scope): Promise<FieldRow[]> {
	return tx.query<FieldRow>(
		`select id, title, description, is_public as "isPublic" from public.strategy_fields
		where board_id = $1 and ($2::uuid is null or id = $2) and (not $3 or is_public)
		order by position, title`,
		[scope.boardId, scope.fieldId ?? null, scope.public ?? false]
	);
}

export function listGoals(tx: Tx, scope: Scope): Promise<GoalRow[]> {
	return tx.query<GoalRow>(
		`select id, field_id as "fieldId", title, description from public.strategy_goals
		where board_id = $1 and ($2::uuid is null or field_id = $2) order by position, title`,
		[scope.boardId, scope.fieldId ?? null]
	);
}

const MEASURE_COLUMNS = `m.id, m.goal_id as "goalId", m.title, m.description, m.owner_kind as "ownerKind",
	m.status, m.starts_on::text as "startsOn", m.ends_on::text as "endsOn", m.budget_note as "budgetNote"`;

export async function listMeasures(tx: Tx, scope: Scope & { measureId?: string }): Promise<MeasureRow[]> {
	const filter = `m.board_id = $1 and ($2::uuid is null or g.field_id = $2) and ($3::uuid is null or m.id = $3)`;
	const params = [scope.boardId, scope.fieldId ?? null, scope.measureId ?? null];
	if (scope.public)
		return tx.query<MeasureRow>(
			`select ${MEASURE_COLUMNS}, null as "ownerId", m.owner_text as "ownerName", '{}'::text[] as "taskStatuses"
			from public.strategy_measures m join public.strategy_goals g on g.id = m.goal_id
			where ${filter} order by m.starts_on nulls last, m.title`,
			params
		);
	return tx.query<MeasureRow>(
		`select ${MEASURE_COLUMNS}, m.owner_id as "ownerId",
			case m.owner_kind when 'member' then coalesce(p.display_name, '') when 'organisation' then m.owner_text else '' end as "ownerName",
			coalesce((select array_agg(t.status order by t.id) from public.strategy_measure_tasks mt
				join public.tasks t on t.id = mt.task_id where mt.measure_id = m.id), '{}') as "taskStatuses"
		from public.strategy_measures m join public.strategy_goals g on g.id = m.goal_id
		left join public.profiles p on p.user_id = m.owner_id
		where ${filter} order by m.starts_on nulls last, m.title`,
		params
	);
}

type RawIndicator = Omit<IndicatorRow, 'baseline' | 'target' | 'latest'> & {
	baseline: string | null;
	target: string | null;
	latestOn: string | null;
	latestValue: string | null;
};

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export async function listIndicators(tx: Tx, scope: Scope & { indicatorId?: string }): Promise<IndicatorRow[]> {
	const rows = await tx.query<RawIndicator>(
		`select i.id, i.goal_id as "goalId", i.name, i.unit, i.source, i.baseline::text as baseline,
			i.baseline_on::text as "baselineOn", i.target::text as target, i.target_on::text as "targetOn",
			l.observed_on::text as "latestOn", l.value::text as "latestValue"
		from public.strategy_indicators i join public.strategy_goals g on g.id = i.goal_id
		left join lateral (select v.observed_on, v.value from public.strategy_indicator_values v
			where v.indicator_id = i.id order by v.observed_on desc limit 1) l on true
		where i.board_id = $1 and ($2::uuid is null or g.field_id = $2) and ($3::uuid is null or i.id = $3)
		order by i.name`,
		[scope.boardId, scope.fieldId ?? null, scope.indicatorId ?? null]
	);
	return rows.map(({ latestOn, latestValue, ...row }) => ({
		...row,
		baseline: num(row.baseline),
		target: num(row.target),
		latest: latestOn && latestValue !== null ? { observedOn: latestOn, value: Number(latestValue) } : null
	}));
}

/** An indicator's whole series, oldest first. */
export async function listValues(tx: Tx, boardId: string, indicatorId: string): Promise<IndicatorValue[]> {
	const rows = await tx.query<{ observedOn: string; value: string }>(
		`select observed_on::text as "observedOn", value::text as value from public.strategy_indicator_values
		where board_id = $1 and indicator_id = $2 order by observed_on`,
		[boardId, indicatorId]
	);
	return rows.map((r) => ({ observedOn: r.observedOn, value: Number(r.value) }));
}

// Existence checks (under RLS: what the reader sees) ---------------------------------------------------

export async function goalExists(tx: Tx, boardId: string, goalId: string): Promise<boolean> {
	return (
		(await tx.query(`select 1 from public.strategy_goals where board_id = $1 and id = $2`, [boardId, goalId])).length >
		0
	);
}

export async function measureExists(tx: Tx, boardId: string, id: string): Promise<boolean> {
	return (
		(await tx.query(`select 1 from public.strategy_measures where board_id = $1 and id = $2`, [boardId, id])).length > 0
	);
}

export async function decisionExists(tx: Tx, boardId: string, number: string): Promise<boolean> {
	return (
		(
			await tx.query(`select 1 from public.decision_entries where board_id = $1 and number = $2 limit 1`, [
				boardId,
				number
			])
		).length > 0
	);
}

/** A goal with its field (for a measure's or an indicator's page). */
export async function goalOf(tx: Tx, goalId: string) {
	const [goal] = await tx.query<{ id: string; title: string; fieldId: string; fieldTitle: string }>(
		`select g.id, g.title, f.id as "fieldId", f.title as "fieldTitle" from public.strategy_goals g
		join public.strategy_fields f on f.id = g.field_id where g.id = $1`,
		[goalId]
	);
	if (!goal) throw new ServiceError(404, 'error.notFound');
	return goal;
}
