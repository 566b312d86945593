import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import { insertOnce } from '../db/form-token';
import { CHANGED_SINCE_READ } from '../since-read/since-read.repository';
import type { AccessLevel, PaperSort, PaperStatus, Visibility } from '$lib/types/paper.types';

export type { AccessLevel, PaperSort, PaperStatus, Visibility };

export interface PaperRow {
	id: string;
	boardId: string;
	title: string;
	status: PaperStatus;
	tags: string[];
	visibility: Visibility;
	boardAccess: AccessLevel;
	createdBy: string | null;
	createdByName: string | null;
	updatedAt: Date;
	updatedByName: string | null;
	/** The current person's access (paper_access_of). */
	access: AccessLevel;
	/** Office, or the author while a full member. */
	canManage: boolean;
	/** For the text of minutes once approved (frozen): 'approved', or 'published'; null otherwise. */
	minutesState: 'approved' | 'published' | null;
	/** Someone else edited the paper after the current person last marked it read (#15). */
	changedSinceRead: boolean;
}

export interface PaperFilter {
	boardId: string;
	status?: PaperStatus;
	tag?: string;
	/** Part of the title, case-insensitive. */
	text?: string;
	sort: PaperSort;
}

// Display names come through profiles' own RLS: a guest sees none but their own, so names may be null.
const PAPER_COLUMNS = `p.id, p.board_id as "boardId", p.title, p.status, p.tags, p.visibility, p.board_access as "boardAccess",
	p.created_by as "createdBy", c.display_name as "createdByName", p.updated_at as "updatedAt", u.display_name as "updatedByName",
	public.paper_access_of(p.id) as access, public.can_manage_paper(p.id) as "canManage",
	(select case when m.status = 'published' then 'published' else 'approved' end from public.minutes m
	 where m.paper_id = p.id and m.frozen_at is not null limit 1) as "minutesState",
	exists (select 1 from public.paper_reads r where r.paper_id = p.id and r.user_id = (select auth.uid())
		and ${CHANGED_SINCE_READ}) as "changedSinceRead"`;
const PAPER_FROM = `public.papers p
	left join public.profiles c on c.user_id = p.created_by
	left join public.profiles u on u.user_id = p.updated_by`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The board's papers the current person may see (RLS), filtered and sorted. */
export async function listPapers(tx: Tx, filter: PaperFilter): Promise<PaperRow[]> {
	const order = filter.sort === 'title' ? 'lower(p.title), p.updated_at desc' : 'p.updated_at desc, lower(p.title)';
	return tx.query<PaperRow>(
		`select ${PAPER_COLUMNS} from ${PAPER_FROM}
		 where p.board_id = $1
			and ($2::public.paper_status is null or (p.status = $2
				-- Approved minutes are shown as approved, not by their paper's status: no status filter lists them.
				and not exists (select 1 from public.minutes fm where fm.paper_id = p.id and fm.frozen_at is not null)))
			and ($3::text is null or $3 = any (p.tags))
			and ($4::text is null or p.title ilike $4)
		 order by ${order}`,
		[filter.boardId, filter.status ?? null, filter.tag ?? null, filter.text ? likePattern(filter.text) : null]
	);
}

/** Every tag used on the board's visible papers, for the filter. */
export async function listTags(tx: Tx, boardId: string): Promise<string[]> {
	const rows = await tx.query<{ tag: string }>(
		`select distinct unnest(tags) as tag from public.papers where board_id = $1 order by 1`,
		[boardId]
	);
	return rows.map((row) => row.tag);
}

export async function findPaper(tx: Tx, input: { boardId: string; paperId: string }): Promise<PaperRow | null> {
	const [row] = await tx.query<PaperRow>(
		`select ${PAPER_COLUMNS} from ${PAPER_FROM} where p.board_id = $1 and p.id = $2`,
		[input.boardId, input.paperId]
	);
	return row ?? null;
}

export interface NewPaper {
	boardId: string;
	title: string;
	tags: string[];
	visibility: Visibility;
	boardAccess: AccessLevel;
	/** The create form's one-time token: the same token again returns the paper it created. */
	formToken?: string | null;
}

/**
 * The id is made here: `returning id` would make Postgres check the select policy against the new
 * row, and paper_access_of() (a stable function) cannot see a row of the running statement yet.
 * With a form token already used, the paper it made comes back with `created` false.
 */
export async function insertPaper(tx: Tx, input: NewPaper): Promise<{ id: string; created: boolean }> {
	const id = randomUUID();
	const written = await insertOnce(tx, {
		table: 'papers',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.papers (id, board_id, title, tags, visibility, board_access, created_by, updated_by, form_token)
				 values ($1, $2, $3, $4, $5, $6, (select auth.uid()), (select auth.uid()), $7) on conflict do nothing`,
				[id, input.boardId, input.title, input.tags, input.visibility, input.boardAccess, input.formToken ?? null]
			)
	});
	return written;
}

/** Changes the given fields; false when the paper is not there or not writable (RLS). */
export async function updatePaper(
	tx: Tx,
	input: {
		boardId: string;
		paperId: string;
		title?: string;
		tags?: string[];
		status?: PaperStatus;
		visibility?: Visibility;
		boardAccess?: AccessLevel;
	}
): Promise<boolean> {
	const rows = await tx.query(
		`update public.papers set title = coalesce($3, title), tags = coalesce($4::text[], tags),
			status = coalesce($5::public.paper_status, status), visibility = coalesce($6, visibility),
			board_access = coalesce($7::public.paper_access_level, board_access)
		 where board_id = $1 and id = $2 returning id`,
		[
			input.boardId,
			input.paperId,
			input.title ?? null,
			input.tags ?? null,
			input.status ?? null,
			input.visibility ?? null,
			input.boardAccess ?? null
		]
	);
	return rows.length > 0;
}

export async function deletePaper(tx: Tx, input: { boardId: string; paperId: string }): Promise<boolean> {
	const rows = await tx.query(`delete from public.papers where board_id = $1 and id = $2 returning id`, [
		input.boardId,
		input.paperId
	]);
	return rows.length > 0;
}

export interface AccessEntry {
	userId: string;
	displayName: string | null;
	email: string | null;
	access: AccessLevel;
}

export async function listAccess(tx: Tx, paperId: string): Promise<AccessEntry[]> {
	return tx.query<AccessEntry>(
		`select a.user_id as "userId", pr.display_name as "displayName", pr.email, a.access
		 from public.paper_access a left join public.profiles pr on pr.user_id = a.user_id
		 where a.paper_id = $1 order by pr.display_name nulls last`,
		[paperId]
	);
}

export async function upsertAccess(
	tx: Tx,
	input: { paperId: string; userId: string; access: AccessLevel }
): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, $3)
		 on conflict (paper_id, user_id) do update set access = excluded.access returning paper_id`,
		[input.paperId, input.userId, input.access]
	);
	return rows.length > 0;
}

export async function deleteAccess(tx: Tx, input: { paperId: string; userId: string }): Promise<boolean> {
	const rows = await tx.query(
		`delete from public.paper_access where paper_id = $1 and user_id = $2 returning paper_id`,
		[input.paperId, input.userId]
	);
	return rows.length > 0;
}

export interface Candidate {
	userId: string;
	displayName: string;
	role: string;
}

/** Active people of the board who can be named on a paper (as the manager sees them). */
export async function listCandidates(tx: Tx, boardId: string): Promise<Candidate[]> {
	return tx.query<Candidate>(
		`select m.user_id as "userId", pr.display_name as "displayName", m.role
		 from public.memberships m join public.profiles pr on pr.user_id = m.user_id
		 where m.board_id = $1 and m.active order by pr.display_name`,
		[boardId]
	);
}

/** Whether `userId` is an active member of the board (any role). */
export async function isActiveMember(tx: Tx, input: { boardId: string; userId: string }): Promise<boolean> {
	const rows = await tx.query(`select 1 from public.memberships where board_id = $1 and user_id = $2 and active`, [
		input.boardId,
		input.userId
	]);
	return rows.length > 0;
}

export async function displayNameOf(tx: Tx, userId: string): Promise<string | null> {
	const [row] = await tx.query<{ name: string }>(
		`select display_name as name from public.profiles where user_id = $1`,
		[userId]
	);
	return row?.name ?? null;
}
