import type { Tx } from '../db/types';
import type { AgendaItemKind } from '$lib/types/agenda.types';
import type {
	PublicBoard,
	PublicFile,
	PublicMeeting,
	PublicMember,
	PublicPaperSummary,
	PublicResolution,
	ResolutionFilters
} from '$lib/types/citizens.types';

// All SQL of the citizens' pages (#14). Every statement runs as `anon` (the service's transactions come from
// withAnon): the policies of 20261206020000_publication.sql decide which rows exist, the column grants which
// columns may be named, so these queries name only granted columns and never filter for publication themselves.

/** Resolutions per page of the list. */
export const RESOLUTION_PAGE_SIZE = 25;

/** The public board of a slug; null when there is none or it is not public (RLS). */
export async function findBoard(tx: Tx, slug: string): Promise<PublicBoard | null> {
	const [row] = await tx.query<PublicBoard>(`select id, slug, name from public.boards where slug = $1`, [slug]);
	return row ?? null;
}

/** The listed members, the office first, then by role and name. */
export function listMembers(tx: Tx, boardId: string): Promise<PublicMember[]> {
	return tx.query<PublicMember>(
		`select m.user_id as "userId", p.display_name as "displayName", m.role,
			coalesce(m.organisation, p.organisation) as organisation, coalesce(m."function", p."function") as "function"
		 from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1
		 order by array_position(array['chair', 'deputy', 'member', 'advisor', 'office'], m.role::text), p.display_name`,
		[boardId]
	);
}

const MEETING_COLUMNS = `m.id, m.title, m.description, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location, m.status`;

/** The board's public meetings, newest first. */
export function listMeetings(tx: Tx, boardId: string): Promise<PublicMeeting[]> {
	return tx.query<PublicMeeting>(
		`select ${MEETING_COLUMNS} from public.meetings m where m.board_id = $1 order by m.starts_at desc`,
		[boardId]
	);
}

/** The same with what a calendar entry needs beside (SEQUENCE and the time of the last change). */
export function listCalendarMeetings(
	tx: Tx,
	boardId: string
): Promise<(PublicMeeting & { sequence: number; updatedAt: Date })[]> {
	return tx.query<PublicMeeting & { sequence: number; updatedAt: Date }>(
		`select ${MEETING_COLUMNS}, m.sequence, m.updated_at as "updatedAt"
		 from public.meetings m where m.board_id = $1 order by m.starts_at desc`,
		[boardId]
	);
}

export async function findMeeting(
	tx: Tx,
	input: { boardId: string; meetingId: string }
): Promise<PublicMeeting | null> {
	const [row] = await tx.query<PublicMeeting>(
		`select ${MEETING_COLUMNS} from public.meetings m where m.board_id = $1 and m.id = $2`,
		[input.boardId, input.meetingId]
	);
	return row ?? null;
}

export interface PublicItemRow {
	id: string;
	meetingId: string;
	position: number;
	isSubItem: boolean;
	isPublic: boolean;
	title: string;
	description: string;
	kind: AgendaItemKind;
	presenterText: string | null;
	plannedMinutes: number;
}

/** The public items of some meetings, in each meeting's order (one query for a page or a feed). */
export function listItems(tx: Tx, meetingIds: string[]): Promise<PublicItemRow[]> {
	return tx.query<PublicItemRow>(
		`select i.id, i.meeting_id as "meetingId", i.position, i.is_sub_item as "isSubItem", i.is_public as "isPublic",
			i.title, i.description, i.kind, i.presenter_text as "presenterText", i.planned_minutes as "plannedMinutes"
		 from public.agenda_items i where i.meeting_id = any($1::uuid[]) order by i.meeting_id, i.position`,
		[meetingIds]
	);
}

/** The public files of a meeting's items, each with its current version's size and type. */
export function listMeetingFiles(tx: Tx, meetingId: string): Promise<(PublicFile & { itemId: string })[]> {
	return tx.query<PublicFile & { itemId: string }>(
		`select f.id, f.agenda_item_id as "itemId", f.name, v.size::int as size, v.content_type as "contentType"
		 from public.files f
		 join public.agenda_items i on i.id = f.agenda_item_id
		 join public.file_versions v on v.file_id = f.id and v.version = f.current_version
		 where i.meeting_id = $1 order by f.name`,
		[meetingId]
	);
}

const RESOLUTION_SELECT = `select e.number, e.title, e.resolution, e.kind, e.status, e.vote_result::text as "voteResult",
		coalesce(m.starts_at, e.recorded_at) as "decidedAt", p.published_at as "publishedAt",
		m.id as "meetingId", m.title as "meetingTitle", e.agenda_item_id as "agendaItemId"
	 from public.decision_entries e
	 join public.decision_publications p on p.board_id = e.board_id and p.number = e.number
	 left join public.meetings m on m.id = e.meeting_id`;

interface ResolutionRow extends Omit<PublicResolution, 'voteResult' | 'meeting'> {
	voteResult: string;
	meetingId: string | null;
	meetingTitle: string | null;
}

/** Only the counts and the outcome of a vote: the stored result never carries more, and the page shows no more. */
function resolutionOf({ voteResult, meetingId, meetingTitle, ...row }: ResolutionRow): PublicResolution {
	const vote = JSON.parse(voteResult) as Record<string, unknown>;
	const count = (value: unknown) => (typeof value === 'number' ? value : undefined);
	return {
		...row,
		voteResult: {
			yes: count(vote.yes),
			no: count(vote.no),
			abstain: count(vote.abstain),
			unanimous: vote.unanimous === true || undefined,
			consensus: vote.consensus === true || undefined
		},
		meeting: meetingId && meetingTitle ? { id: meetingId, title: meetingTitle } : null
	};
}

/** `q` as a literal ILIKE pattern: %, _ and \ match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of published resolutions, newest number first, with the total for paging. */
export async function listResolutions(
	tx: Tx,
	input: { boardId: string; filters: ResolutionFilters }
): Promise<{ rows: PublicResolution[]; total: number }> {
	const { q, year, kind, page } = input.filters;
	const where = `where e.board_id = $1 and ($2 = '' or e.title ilike $3 or e.resolution ilike $3 or e.number = $2)
		and ($4::int is null or e.year = $4) and ($5::text is null or e.kind = $5)`;
	const params = [input.boardId, q, likePattern(q), year, kind];
	const [rows, [counted]] = await Promise.all([
		tx.query<ResolutionRow>(
			`${RESOLUTION_SELECT} ${where} order by e.year desc, e.number_in_year desc limit $6 offset $7`,
			[...params, RESOLUTION_PAGE_SIZE, (page - 1) * RESOLUTION_PAGE_SIZE]
		),
		tx.query<{ total: number }>(`select count(*)::int as total from public.decision_entries e ${where}`, params)
	]);
	return { rows: rows.map(resolutionOf), total: counted?.total ?? 0 };
}

/** The newest published resolutions (the feed and the board's front page). */
export async function latestResolutions(
	tx: Tx,
	input: { boardId: string; limit: number }
): Promise<PublicResolution[]> {
	const rows = await tx.query<ResolutionRow>(
		`${RESOLUTION_SELECT} where e.board_id = $1 order by p.published_at desc, e.year desc, e.number_in_year desc limit $2`,
		[input.boardId, input.limit]
	);
	return rows.map(resolutionOf);
}

/** The years that have published resolutions, for the filter. */
export async function resolutionYears(tx: Tx, boardId: string): Promise<number[]> {
	const rows = await tx.query<{ year: number }>(
		`select distinct year from public.decision_entries where board_id = $1 order by year desc`,
		[boardId]
	);
	return rows.map((row) => row.year);
}

export async function findResolution(
	tx: Tx,
	input: { boardId: string; number: string }
): Promise<(PublicResolution & { paperIds: string[] }) | null> {
	const [row] = await tx.query<ResolutionRow & { paperIds: string[] }>(
		RESOLUTION_SELECT.replace(
			' from public.decision_entries e',
			', e.paper_ids as "paperIds" from public.decision_entries e'
		) + ` where e.board_id = $1 and e.number = $2`,
		[input.boardId, input.number]
	);
	return row ? { ...resolutionOf(row), paperIds: row.paperIds } : null;
}

/** The published resolutions taken in one meeting. */
export async function meetingResolutions(
	tx: Tx,
	input: { boardId: string; meetingId: string }
): Promise<PublicResolution[]> {
	const rows = await tx.query<ResolutionRow>(
		`${RESOLUTION_SELECT} where e.board_id = $1 and e.meeting_id = $2 order by e.year, e.number_in_year`,
		[input.boardId, input.meetingId]
	);
	return rows.map(resolutionOf);
}

const PAPER_SELECT = `select p.id, p.title, p.published_at as "publishedAt", v.number as "versionNumber"
	 from public.papers p left join public.paper_versions v on v.id = p.published_version_id`;

/** The published papers, newest publication first; `ids` narrows them (a resolution's papers). */
export function listPapers(tx: Tx, input: { boardId: string; ids?: string[] }): Promise<PublicPaperSummary[]> {
	return tx.query<PublicPaperSummary>(
		`${PAPER_SELECT} where p.board_id = $1 and ($2::uuid[] is null or p.id = any($2::uuid[])) order by p.published_at desc, p.title`,
		[input.boardId, input.ids ?? null]
	);
}

/** A published paper with the stored state of its frozen version (null state: published without one). */
export async function findPaper(
	tx: Tx,
	input: { boardId: string; paperId: string }
): Promise<(PublicPaperSummary & { state: Uint8Array | null }) | null> {
	const [row] = await tx.query<PublicPaperSummary & { state: Uint8Array | null }>(
		`${PAPER_SELECT.replace(' from public.papers p', ', v.state from public.papers p')} where p.board_id = $1 and p.id = $2`,
		[input.boardId, input.paperId]
	);
	if (!row) return null;
	return { ...row, state: row.state ? new Uint8Array(row.state) : null };
}

/** A public file's current version: what the download serves. */
export async function findFile(
	tx: Tx,
	input: { boardId: string; fileId: string }
): Promise<{ name: string; objectName: string; contentType: string } | null> {
	const [row] = await tx.query<{ name: string; objectName: string; contentType: string }>(
		`select v.name, v.object_name as "objectName", v.content_type as "contentType"
		 from public.files f join public.file_versions v on v.file_id = f.id and v.version = f.current_version
		 where f.board_id = $1 and f.id = $2`,
		[input.boardId, input.fileId]
	);
	return row ?? null;
}
