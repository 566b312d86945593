import type { Tx } from '../db/types';
import type { IndicatorValue, MeasureStatus, OwnerKind } from '$lib/types/strategy.types';
import { insertWithToken } from './strategy.repository';

// All SQL that writes the strategy map's structure: fields, goals, measures, indicators and their values.

export interface FieldInput {
	title: string;
	description: string;
}

export function insertField(tx: Tx, input: FieldInput & { boardId: string; formToken?: string | null }) {
	return insertWithToken(tx, {
		table: 'strategy_fields',
		formToken: input.formToken,
		insert: (id) =>
			tx.query(
				`insert into public.strategy_fields (id, board_id, title, description, position, form_token)
				values ($1, $2, $3, $4, (select coalesce(max(position), 0) + 1 from public.strategy_fields where board_id = $2), $5)
				on conflict (form_token) do nothing`,
				[id, input.boardId, input.title, input.description, input.formToken ?? null]
			)
	});
}

export async function updateField(tx: Tx, boardId: string, id: string, input: FieldInput & { isPublic: boolean }) {
	const rows = await tx.query(
		`update public.strategy_fields set title = $3, description = $4, is_public = $5, updated_at = now()
		where board_id = $1 and id = $2 returning 1`,
		[boardId, id, input.title, input.description, input.isPublic]
	);
	return rows.length > 0;
}

export async function deleteField(tx: Tx, boardId: string, id: string) {
	return (
		(await tx.query(`delete from public.strategy_fields where board_id = $1 and id = $2 returning 1`, [boardId, id]))
			.length > 0
	);
}

export function insertGoal(
	tx: Tx,
	input: FieldInput & { boardId: string; fieldId: string; formToken?: string | null }
) {
	return insertWithToken(tx, {
		table: 'strategy_goals',
		formToken: input.formToken,
		insert: (id) =>
			tx.query(
				`insert into public.strategy_goals (id, board_id, field_id, title, description, position, form_token)
				values ($1, $2, $3, $4, $5, (select coalesce(max(position), 0) + 1 from public.strategy_goals where field_id = $3), $6)
				on conflict (form_token) do nothing`,
				[id, input.boardId, input.fieldId, input.title, input.description, input.formToken ?? null]
			)
	});
}

export interface MeasureFields {
	title: string;
	description: string;
	ownerKind: OwnerKind;
	ownerId: string | null;
	ownerText: string;
	status: MeasureStatus;
	startsOn: string | null;
	endsOn: string | null;
	budgetNote: string;
}

const measureParams = (m: MeasureFields) => [
	m.title,
	m.description,
	m.ownerKind,
	m.ownerKind === 'member' ? m.ownerId : null,
	m.ownerKind === 'organisation' ? m.ownerText : '',
	m.status,
	m.startsOn,
	m.endsOn,
	m.budgetNote
];

export function insertMeasure(
	tx: Tx,
	input: MeasureFields & { boardId: string; goalId: string; formToken?: string | null }
) {
	return insertWithToken(tx, {
		table: 'strategy_measures',
		formToken: input.formToken,
		insert: (id) =>
			tx.query(
				`insert into public.strategy_measures (id, board_id, goal_id, title, description, owner_kind, owner_id, owner_text,
					status, starts_on, ends_on, budget_note, form_token)
				values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11::date, $12, $13) on conflict (form_token) do nothing`,
				[id, input.boardId, input.goalId, ...measureParams(input), input.formToken ?? null]
			)
	});
}

export async function updateMeasure(tx: Tx, boardId: string, id: string, input: MeasureFields) {
	const rows = await tx.query(
		`update public.strategy_measures set title = $3, description = $4, owner_kind = $5, owner_id = $6, owner_text = $7,
			status = $8, starts_on = $9::date, ends_on = $10::date, budget_note = $11, updated_at = now()
		where board_id = $1 and id = $2 returning 1`,
		[boardId, id, ...measureParams(input)]
	);
	return rows.length > 0;
}

/** A status change alone (a decision that starts or ends a measure). */
export async function setMeasureStatus(tx: Tx, boardId: string, id: string, status: MeasureStatus) {
	const rows = await tx.query(
		`update public.strategy_measures set status = $3, updated_at = now() where board_id = $1 and id = $2 returning 1`,
		[boardId, id, status]
	);
	return rows.length > 0;
}

export interface IndicatorFields {
	name: string;
	unit: string;
	source: string;
	baseline: number | null;
	baselineOn: string | null;
	target: number | null;
	targetOn: string | null;
}

const indicatorParams = (i: IndicatorFields) => [
	i.name,
	i.unit,
	i.source,
	i.baseline,
	i.baselineOn,
	i.target,
	i.targetOn
];

export function insertIndicator(
	tx: Tx,
	input: IndicatorFields & { boardId: string; goalId: string; formToken?: string | null }
) {
	return insertWithToken(tx, {
		table: 'strategy_indicators',
		formToken: input.formToken,
		insert: (id) =>
			tx.query(
				`insert into public.strategy_indicators (id, board_id, goal_id, name, unit, source, baseline, baseline_on, target,
					target_on, form_token)
				values ($1, $2, $3, $4, $5, $6, $7::numeric, $8::date, $9::numeric, $10::date, $11) on conflict (form_token) do nothing`,
				[id, input.boardId, input.goalId, ...indicatorParams(input), input.formToken ?? null]
			)
	});
}

export async function updateIndicator(tx: Tx, boardId: string, id: string, input: IndicatorFields) {
	const rows = await tx.query(
		`update public.strategy_indicators set name = $3, unit = $4, source = $5, baseline = $6::numeric, baseline_on = $7::date,
			target = $8::numeric, target_on = $9::date, updated_at = now()
		where board_id = $1 and id = $2 returning 1`,
		[boardId, id, ...indicatorParams(input)]
	);
	return rows.length > 0;
}

/** Values of one indicator, all in one statement (an import saves all rows or none). */
export async function insertValues(tx: Tx, boardId: string, indicatorId: string, values: readonly IndicatorValue[]) {
	if (values.length === 0) return;
	await tx.query(
		`insert into public.strategy_indicator_values (indicator_id, board_id, observed_on, value)
		select $1, $2, d::date, v::numeric from unnest($3::text[], $4::text[]) as x(d, v)`,
		[indicatorId, boardId, values.map((v) => v.observedOn), values.map((v) => String(v.value))]
	);
}

/** One value, replacing the one of the same day. */
export async function upsertValue(tx: Tx, boardId: string, indicatorId: string, value: IndicatorValue) {
	await tx.query(
		`insert into public.strategy_indicator_values (indicator_id, board_id, observed_on, value) values ($1, $2, $3::date, $4::numeric)
		on conflict (indicator_id, observed_on) do update set value = excluded.value`,
		[indicatorId, boardId, value.observedOn, String(value.value)]
	);
}

export async function updateGoal(tx: Tx, boardId: string, id: string, input: FieldInput) {
	const rows = await tx.query(
		`update public.strategy_goals set title = $3, description = $4, updated_at = now() where board_id = $1 and id = $2 returning 1`,
		[boardId, id, input.title, input.description]
	);
	return rows.length > 0;
}

/** Deletes a goal, measure or indicator (with what hangs below it); false when there is none to delete. */
export async function deleteRow(
	tx: Tx,
	input: { table: 'strategy_goals' | 'strategy_measures' | 'strategy_indicators'; boardId: string; id: string }
) {
	const rows = await tx.query(`delete from public.${input.table} where board_id = $1 and id = $2 returning 1`, [
		input.boardId,
		input.id
	]);
	return rows.length > 0;
}
