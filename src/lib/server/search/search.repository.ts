import type { Tx } from '../db/types';
import type { SearchKind } from './search.types';

/**
 * The search query, run as the signed-in person. `public.search_hits` finds the best matches the person may
 * read through the GIN indexes (see the search migration for why a function); the rows are then read here
 * under RLS, so the policies remain the gate, and snippets (ts_headline, the expensive part) are made for
 * those few rows only. Files are searched directly (their table belongs to the files area).
 */

/** Highlight markers: Private Use Area characters, never typed by people, split on in the app (no HTML). */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
const TITLE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_STOP}`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** Long texts are quoted from their beginning only: ts_headline's cost grows with the text. */
const SNIPPET_SOURCE_CHARS = 20_000;

const FILE_HITS = `select 'file', f.id, ts_rank(f.search_vector, q.query), f.updated_at as at from public.files f, q
	where f.board_id = $2 and f.search_vector @@ q.query and (cardinality($3::text[]) = 0 or 'file' = any($3::text[]))
	and ($4::date is null or (f.updated_at at time zone 'Europe/Berlin')::date >= $4::date)
	and ($5::date is null or (f.updated_at at time zone 'Europe/Berlin')::date <= $5::date)`;

// Every hit's row read again under RLS; columns: kind, id, title, body, rank, at, ref (meeting or paper id), number, context.
const ROWS = `
	select t.kind, t.id, m.title, m.description, t.rank, t.at, null::text, null::text, m.location
	from top t join public.meetings m on t.kind = 'meeting' and m.id = t.id
	union all
	select t.kind, t.id, i.title, i.description, t.rank, t.at, m.id::text, null, m.title
	from top t join public.agenda_items i on t.kind = 'agenda_item' and i.id = t.id join public.meetings m on m.id = i.meeting_id
	union all
	select t.kind, t.id, p.title, left(p.search_text, ${SNIPPET_SOURCE_CHARS}), t.rank, t.at, mi.meeting_id::text, null, mm.title
	from top t join public.papers p on t.kind in ('paper', 'minutes') and p.id = t.id
	left join public.minutes mi on mi.paper_id = p.id left join public.meetings mm on mm.id = mi.meeting_id
	union all
	select t.kind, t.id, d.title, d.resolution, t.rank, t.at, null, d.number, null
	from top t join public.decision_entries d on t.kind = 'decision' and d.id = t.id
	union all
	select t.kind, t.id, p.title, c.body, t.rank, t.at, p.id::text, null, p.title
	from top t join public.comments c on t.kind = 'comment' and c.id = t.id
	join public.comment_threads th on th.id = c.thread_id join public.papers p on p.id = th.paper_id`;

const FILE_ROWS = `
	union all
	select t.kind, t.id, f.name, left(f.search_text, ${SNIPPET_SOURCE_CHARS}), t.rank, t.at, f.agenda_item_id::text, null, null
	from top t join public.files f on t.kind = 'file' and f.id = t.id`;

export interface SearchRow {
	kind: SearchKind;
	id: string;
	title: string;
	snippet: string;
	rank: number;
	at: Date;
	ref: string | null;
	number: string | null;
	context: string | null;
}

export interface SearchQuery {
	/** The person's words (websearch_to_tsquery syntax). */
	q: string;
	boardId: string;
	kinds: readonly SearchKind[];
	/** Inclusive Berlin calendar dates, YYYY-MM-DD. */
	from: string | null;
	to: string | null;
	limit: number;
	/** Whether public.files exists (the files area may not be installed). */
	withFiles: boolean;
}

export async function search(tx: Tx, input: SearchQuery): Promise<SearchRow[]> {
	const files = input.withFiles;
	return tx.query<SearchRow>(
		`with q as (select public.search_tsquery($1) as query),
		hits (kind, id, rank, at) as (
			select * from public.search_hits($2, $1, $3, $4, $5, $6)
			${files ? `union all (${FILE_HITS})` : ''}
		),
		top as (select * from hits order by rank desc, at desc limit $6),
		found (kind, id, title, body, rank, at, ref, number, context) as (${ROWS}${files ? FILE_ROWS : ''})
		select found.kind, found.id::text, ts_headline('german', found.title, q.query, $7) as title,
			ts_headline('german', coalesce(found.body, ''), q.query, $8) as snippet,
			found.rank::float8 as rank, found.at, found.ref, found.number, found.context
		from found, q order by found.rank desc, found.at desc`,
		[input.q, input.boardId, input.kinds, input.from, input.to, input.limit, TITLE_OPTIONS, SNIPPET_OPTIONS]
	);
}

/** Whether the files area's table exists in this database. */
export async function hasFilesTable(tx: Tx): Promise<boolean> {
	const [row] = await tx.query<{ found: boolean }>(`select to_regclass('public.files') is not null as found`);
	return row?.found ?? false;
}
