import type { Tx } from '../db/types';
import type { SearchKind } from '$lib/types/search.types';

/**
 * The search query, run as the signed-in person. `public.search_hits` finds the best matches the person may
 * read through the GIN indexes and returns that page with its texts (see the search migrations for why a
 * function, and how it asks the person's role once instead of a policy function per row); snippets
 * (ts_headline, the expensive part) are made here for those few rows only. Files are searched directly under
 * RLS (their table belongs to the files area).
 */

/** Highlight markers: Private Use Area characters, never typed by people, split on in the app (no HTML). */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
const TITLE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_STOP}`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** Long texts are quoted from their beginning only: ts_headline's cost grows with the text (search_hits does the same). */
const SNIPPET_SOURCE_CHARS = 20_000;
/**
 * A snippet is made from the text's first SNIPPET_HEAD_CHARS characters (cut after the last whole word) when
 * they hold a hit, else from the rest of the text (up to SNIPPET_SOURCE_CHARS), else it is the beginning as
 * before. ts_headline parses and stems every word it is given and its passage search grows faster than the
 * text, so most snippets no longer pay for the whole text (#13, bench/search).
 */
export const SNIPPET_HEAD_CHARS = 1_000;

// Columns: kind, id, rank, at, title, body, ref (meeting or paper id), number, context.
const FILE_HITS = `select 'file', f.id, ts_rank(f.search_vector, q.query), f.updated_at as at,
	null::text, null::text, f.agenda_item_id, null::text, null::text from public.files f, q
	where f.board_id = $2 and f.search_vector @@ q.query and (cardinality($3::text[]) = 0 or 'file' = any($3::text[]))
	and ($4::date is null or (f.updated_at at time zone 'Europe/Berlin')::date >= $4::date)
	and ($5::date is null or (f.updated_at at time zone 'Europe/Berlin')::date <= $5::date)`;

// A file hit's texts, read under RLS for the page's files only.
const FOUND_WITH_FILES = `
	select * from top t where t.kind <> 'file'
	union all
	select t.kind, t.id, t.rank, t.at, f.name, left(f.search_text, ${SNIPPET_SOURCE_CHARS}), t.ref, t.number, t.context
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
		hits (kind, id, rank, at, title, body, ref, number, context) as (
			select * from public.search_hits($2, $1, $3, $4, $5, $6)
			${files ? `union all (${FILE_HITS})` : ''}
		),
		top as (select * from hits order by rank desc, at desc limit $6),
		found as (${files ? FOUND_WITH_FILES : 'select * from top'}),
		texts as (select found.*, coalesce(found.body, '') as text from found),
		-- The head: the first $9 characters, cut after the last whitespace (the whole text when it is shorter).
		cut as (select t.*, case when length(t.text) <= $9 then length(t.text)
			else $9 + 1 - strpos(reverse(translate(left(t.text, $9 + 1), E'\\n\\r\\t', '   ')), ' ') end as head_length
			from texts t),
		headed as (select c.*, ts_headline('german', left(c.text, c.head_length), q.query, $8) as head_snippet
			from cut c, q offset 0),
		-- The rest, only when the head holds no hit.
		rested as (select h.*, case when h.head_length < length(h.text) and strpos(h.head_snippet, '${MARK_START}') = 0
			then ts_headline('german', substr(h.text, h.head_length + 1), q.query, $8) end as rest_snippet
			from headed h, q offset 0)
		select h.kind, h.id::text, ts_headline('german', h.title, q.query, $7) as title,
			case when strpos(h.rest_snippet, '${MARK_START}') > 0 then h.rest_snippet else h.head_snippet end as snippet,
			h.rank::float8 as rank, h.at, h.ref::text, h.number, h.context
		from rested h, q order by h.rank desc, h.at desc`,
		[
			input.q,
			input.boardId,
			input.kinds,
			input.from,
			input.to,
			input.limit,
			TITLE_OPTIONS,
			SNIPPET_OPTIONS,
			SNIPPET_HEAD_CHARS
		]
	);
}

/** Whether the files area's table exists in this database. */
export async function hasFilesTable(tx: Tx): Promise<boolean> {
	const [row] = await tx.query<{ found: boolean }>(`select to_regclass('public.files') is not null as found`);
	return row?.found ?? false;
}
