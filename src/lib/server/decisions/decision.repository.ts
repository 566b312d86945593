import type { Tx } from '../db/types';
import type { DecisionEntry, NewDecision } from '$lib/types/decision.types';

const COLUMNS = `id, board_id as "boardId", seq::int as seq, year, number, revision, previous_id as "previousId", change,
	title, resolution, meeting_id as "meetingId", agenda_item_id as "agendaItemId", kind, vote_result::text as "voteResult",
	status, superseded_by as "supersededBy", supersedes, responsible, due_date::text as "dueDate",
	paper_ids::text[] as "paperIds", source, source_id as "sourceId", is_public as "isPublic",
	recorded_by as "recordedBy", to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt",
	prev_hash as "prevHash", hash`;

type Row = Omit<DecisionEntry, 'voteResult'> & { voteResult: string };

function toEntry(row: Row): DecisionEntry {
	return { ...row, seq: Number(row.seq), voteResult: JSON.parse(row.voteResult) as DecisionEntry['voteResult'] };
}

async function selectEntries(tx: Tx, text: string, params: readonly unknown[]): Promise<DecisionEntry[]> {
	return (await tx.query<Row>(text, params)).map(toEntry);
}

/** What the log's functions return: the entry written (or, for a known source id, the one already there). */
async function written<T extends { id: string; number: string }>(
	tx: Tx,
	text: string,
	params: readonly unknown[]
): Promise<T> {
	const [row] = await tx.query<T>(text, params);
	if (!row) throw new Error('decisions: the log returned no entry');
	return row;
}

/**
 * Appends a new decision to the board's log inside the caller's transaction (office/chair under RLS,
 * or a named system task) through public.decision_record: the database places the entry, numbers it
 * and computes its hash. Sources 'manual' and 'meeting' only; circular votes and minutes have their
 * own functions. Idempotent per source + sourceId and per form token: a second call returns the first
 * entry with `created` false.
 */
export function appendDecision(
	tx: Tx,
	input: NewDecision & { supersedes?: string | null; formToken?: string | null }
): Promise<{ id: string; number: string; created: boolean }> {
	const entry = {
		title: input.title.trim(),
		resolution: input.resolution.trim(),
		meetingId: input.meetingId ?? null,
		agendaItemId: input.agendaItemId ?? null,
		kind: input.kind,
		voteResult: input.voteResult,
		status: input.status,
		supersedes: input.supersedes ?? null,
		responsible: input.responsible?.trim() || null,
		dueDate: input.dueDate || null,
		paperIds: input.paperIds ?? [],
		source: input.source,
		sourceId: input.sourceId ?? null,
		isPublic: input.isPublic
	};
	return written(
		tx,
		`select decision_id as id, decision_number as number, created from public.decision_record($1, $2::text::jsonb, $3)`,
		[input.boardId, JSON.stringify(entry), input.formToken ?? null]
	);
}

/** The number of the decision a create form's token recorded in this board, or null. */
export async function numberOfFormToken(
	tx: Tx,
	boardId: string,
	formToken: string | undefined
): Promise<string | null> {
	if (!formToken) return null;
	const [row] = await tx.query<{ number: string }>(
		`select number from public.decision_entries where board_id = $1 and form_token = $2`,
		[boardId, formToken]
	);
	return row?.number ?? null;
}

/** The decision of an agenda item in approved minutes, built by the database from the minutes' own rows. */
export function appendMinutesDecision(
	tx: Tx,
	input: { minutesId: string; itemId: string }
): Promise<{ id: string; number: string }> {
	return written(tx, `select decision_id as id, decision_number as number from public.decision_from_minutes($1, $2)`, [
		input.minutesId,
		input.itemId
	]);
}

/** A change to an existing decision: a new entry with the same number and the next revision. */
export interface Revision {
	change: 'amended' | 'status' | 'superseded';
	title?: string;
	resolution?: string;
	status?: DecisionEntry['status'];
	responsible?: string | null;
	dueDate?: string | null;
	supersededBy?: string | null;
}

/**
 * Appends `revision` to the decision whose latest entry is `current`. public.decision_revise builds the
 * entry from the latest row itself and refuses the change when `current` is no longer the latest.
 */
export function appendRevision(
	tx: Tx,
	current: DecisionEntry,
	revision: Revision
): Promise<{ id: string; number: string }> {
	const { change, ...fields } = revision;
	return written(
		tx,
		`select decision_id as id, decision_number as number from public.decision_revise($1, $2, $3, $4, $5::text::jsonb)`,
		[current.boardId, current.number, current.id, change, JSON.stringify(fields)]
	);
}

/** All entries of one decision, oldest first (its history). */
export async function findEntries(tx: Tx, boardId: string, number: string): Promise<DecisionEntry[]> {
	return selectEntries(
		tx,
		`select ${COLUMNS} from public.decision_entries where board_id = $1 and number = $2 order by revision`,
		[boardId, number]
	);
}

/** Every entry of a board in append order (verification; callers see what RLS lets them). */
export function chainEntries(tx: Tx, boardId: string): Promise<DecisionEntry[]> {
	return selectEntries(tx, `select ${COLUMNS} from public.decision_entries where board_id = $1 order by seq`, [
		boardId
	]);
}

export interface DecisionFilter {
	status?: string;
	year?: number;
	meetingId?: string;
	responsible?: string;
	q?: string;
}

/** The current state of each decision (latest revision), filtered, newest number first. */
export function listCurrent(tx: Tx, boardId: string, filter: DecisionFilter): Promise<DecisionEntry[]> {
	return selectEntries(
		tx,
		`select * from (
			select distinct on (number) ${COLUMNS} from public.decision_entries
			where board_id = $1 order by number, revision desc
		) cur
		where ($2::text is null or status = $2) and ($3::int is null or year = $3)
			and ($4::uuid is null or "meetingId" = $4) and ($5::text is null or responsible ilike '%' || $5 || '%')
			and ($6::text is null or title ilike '%' || $6 || '%' or resolution ilike '%' || $6 || '%')
		order by year desc, seq desc`,
		[
			boardId,
			filter.status ?? null,
			filter.year ?? null,
			filter.meetingId ?? null,
			filter.responsible ?? null,
			filter.q ?? null
		]
	);
}
