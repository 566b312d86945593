import type { Tx } from '../db/types';
import { entryHash, formatNumber, type HashedEntry } from './decision-hash';
import type { DecisionEntry, NewDecision } from './decision.types';

export type { NewDecision } from './decision.types';

const COLUMNS = `id, board_id as "boardId", seq::int as seq, year, number, revision, previous_id as "previousId", change,
	title, resolution, meeting_id as "meetingId", agenda_item_id as "agendaItemId", kind, vote_result::text as "voteResult",
	status, superseded_by as "supersededBy", supersedes, responsible, due_date::text as "dueDate",
	paper_ids::text[] as "paperIds", source, source_id as "sourceId", is_public as "isPublic",
	recorded_by as "recordedBy", to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt",
	prev_hash as "prevHash", hash`;

/** Entry fields a caller chooses; the chain fields are filled in under the board's lock. */
type EntryBody = Omit<HashedEntry, 'boardId' | 'seq' | 'number' | 'prevHash' | 'recordedBy' | 'recordedAt'>;

interface Reserved {
	seq: string | number | null;
	number_in_year: number | null;
	prev_hash: string | null;
	existing_id: string | null;
	existing_number: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid[] literal passed as text: both drivers then agree (no driver-side array or JSON encoding). */
function uuidArray(ids: readonly string[]): string {
	if (!ids.every((id) => UUID.test(id))) throw new Error('invalid paper id');
	return `{${ids.join(',')}}`;
}

type Row = Omit<DecisionEntry, 'voteResult'> & { voteResult: string };

function toEntry(row: Row): DecisionEntry {
	return { ...row, seq: Number(row.seq), voteResult: JSON.parse(row.voteResult) as DecisionEntry['voteResult'] };
}

async function selectEntries(tx: Tx, text: string, params: readonly unknown[]): Promise<DecisionEntry[]> {
	return (await tx.query<Row>(text, params)).map(toEntry);
}

function berlinYear(date: Date): number {
	return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(date));
}

async function insertEntry(tx: Tx, boardId: string, number: string | null, body: EntryBody): Promise<{ id: string; number: string }> {
	const now = new Date();
	const year = number ? Number(number.slice(0, 4)) : berlinYear(now);
	const [reserved] = (await tx.query<Reserved>(
		`select * from public.decision_reserve($1, $2, $3, $4, $5)`,
		[boardId, year, number === null, body.source, body.sourceId]
	)) as [Reserved];
	if (reserved.existing_id) return { id: reserved.existing_id, number: reserved.existing_number ?? '' };
	const [me] = await tx.query<{ uid: string | null }>(`select auth.uid()::text as uid`);
	const entry: HashedEntry = {
		...body,
		boardId,
		seq: Number(reserved.seq),
		number: number ?? formatNumber(year, Number(reserved.number_in_year)),
		prevHash: reserved.prev_hash ?? 'genesis',
		recordedBy: me?.uid ?? null,
		recordedAt: now.toISOString()
	};
	const numberInYear = Number(entry.number.slice(5));
	const [row] = (await tx.query<{ id: string }>(
		`insert into public.decision_entries (board_id, seq, year, number_in_year, number, revision, previous_id, change,
			title, resolution, meeting_id, agenda_item_id, kind, vote_result, status, superseded_by, supersedes, responsible,
			due_date, paper_ids, source, source_id, is_public, recorded_by, recorded_at, prev_hash, hash)
		values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::text::jsonb,$15,$16,$17,$18,$19::date,$20::text::uuid[],$21,$22,$23,$24,$25::timestamptz,$26,$27)
		returning id`,
		[entry.boardId, entry.seq, year, numberInYear, entry.number, entry.revision, entry.previousId, entry.change,
			entry.title, entry.resolution, entry.meetingId, entry.agendaItemId, entry.kind, JSON.stringify(entry.voteResult),
			entry.status, entry.supersededBy, entry.supersedes, entry.responsible, entry.dueDate, uuidArray(entry.paperIds), entry.source,
			entry.sourceId, entry.isPublic, entry.recordedBy, entry.recordedAt, entry.prevHash, entryHash(entry)]
	)) as [{ id: string }];
	return { id: row.id, number: entry.number };
}

function cleanVote(vote: NewDecision['voteResult']): Record<string, number | boolean> {
	const out: Record<string, number | boolean> = {};
	for (const key of ['yes', 'no', 'abstain'] as const) if (typeof vote[key] === 'number') out[key] = vote[key];
	if (vote.unanimous) out.unanimous = true;
	if (vote.consensus) out.consensus = true;
	return out;
}

/**
 * Appends a new decision to the board's log inside the caller's transaction (office/chair under RLS,
 * or a named system task). Idempotent per source + sourceId: a second call returns the first entry.
 */
export function appendDecision(tx: Tx, input: NewDecision & { supersedes?: string | null }): Promise<{ id: string; number: string }> {
	return insertEntry(tx, input.boardId, null, {
		revision: 0,
		previousId: null,
		change: 'recorded',
		title: input.title.trim(),
		resolution: input.resolution.trim(),
		meetingId: input.meetingId ?? null,
		agendaItemId: input.agendaItemId ?? null,
		kind: input.kind,
		voteResult: cleanVote(input.voteResult),
		status: input.status,
		supersededBy: null,
		supersedes: input.supersedes ?? null,
		responsible: input.responsible?.trim() || null,
		dueDate: input.dueDate || null,
		paperIds: input.paperIds ?? [],
		source: input.source,
		sourceId: input.sourceId ?? null,
		isPublic: input.isPublic
	});
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

export function appendRevision(tx: Tx, current: DecisionEntry, revision: Revision): Promise<{ id: string; number: string }> {
	return insertEntry(tx, current.boardId, current.number, {
		revision: current.revision + 1,
		previousId: current.id,
		change: revision.change,
		title: revision.title ?? current.title,
		resolution: revision.resolution ?? current.resolution,
		meetingId: current.meetingId,
		agendaItemId: current.agendaItemId,
		kind: current.kind,
		voteResult: current.voteResult as Record<string, number | boolean>,
		status: revision.status ?? current.status,
		supersededBy: revision.supersededBy ?? current.supersededBy,
		supersedes: current.supersedes,
		responsible: revision.responsible === undefined ? current.responsible : revision.responsible,
		dueDate: revision.dueDate === undefined ? current.dueDate : revision.dueDate,
		paperIds: current.paperIds,
		source: 'manual',
		sourceId: null,
		isPublic: current.isPublic
	});
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
	return selectEntries(tx, `select ${COLUMNS} from public.decision_entries where board_id = $1 order by seq`, [boardId]);
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
		[boardId, filter.status ?? null, filter.year ?? null, filter.meetingId ?? null, filter.responsible ?? null, filter.q ?? null]
	);
}
