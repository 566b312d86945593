// Read state (#15) under the person's RLS: their own rows only (paper_reads_own, boardbook_downloads_own).
import type { Tx } from '../db/types';
import type { RecentPaperRow } from '$lib/types/dashboard.types';
import type { DeletionRow, StoredBlock } from './since-read-diff';

export interface ReadRow {
	blocks: StoredBlock[];
	readAt: Date;
	/** Someone else edited the paper after the read. */
	changed: boolean;
}

/**
 * Someone other than the reader edited the paper after their read (`r` the read row, `p` the paper). Own edits
 * do not make a paper "changed since you read it".
 */
export const CHANGED_SINCE_READ = `(p.updated_at > r.read_at and exists (select 1 from public.paper_editors e
	where e.paper_id = r.paper_id and e.user_id <> r.user_id and e.last_edit_at > r.read_at))`;

export async function findRead(tx: Tx, input: { boardId: string; paperId: string }): Promise<ReadRow | null> {
	const [row] = await tx.query<{ blocks: StoredBlock[] | string; readAt: Date; changed: boolean }>(
		`select r.blocks, r.read_at as "readAt", ${CHANGED_SINCE_READ} as changed
		 from public.paper_reads r join public.papers p on p.id = r.paper_id
		 where r.paper_id = $1 and p.board_id = $2 and r.user_id = (select auth.uid())`,
		[input.paperId, input.boardId]
	);
	if (!row) return null;
	const blocks = typeof row.blocks === 'string' ? (JSON.parse(row.blocks) as StoredBlock[]) : row.blocks;
	return { blocks, readAt: new Date(row.readAt), changed: row.changed };
}

/** The paper as read now; repeating it only moves the time. */
export async function saveRead(tx: Tx, input: { paperId: string; blocks: StoredBlock[] }): Promise<void> {
	await tx.query(
		`insert into public.paper_reads (paper_id, user_id, blocks, read_at) values ($1, (select auth.uid()), $2::jsonb, now())
		 on conflict (paper_id, user_id) do update set blocks = excluded.blocks, read_at = excluded.read_at`,
		[input.paperId, JSON.stringify(input.blocks)]
	);
}

/** Whose Yjs client is whose, for the paper. */
export async function clientUsers(tx: Tx, paperId: string): Promise<Map<number, string>> {
	const rows = await tx.query<{ client: string | number; userId: string }>(
		`select client_id as client, user_id as "userId" from public.paper_edit_clients where paper_id = $1`,
		[paperId]
	);
	return new Map(rows.map((row) => [Number(row.client), row.userId]));
}

/** The Yjs item ranges deleted in the paper after `since`, with who deleted them. */
export async function deletionsSince(tx: Tx, input: { paperId: string; since: Date }): Promise<DeletionRow[]> {
	const rows = await tx.query<{ client: string | number; clock: string | number; len: number; userId: string }>(
		`select client_id as client, clock, len, user_id as "userId" from public.paper_deletions
		 where paper_id = $1 and deleted_at > $2`,
		[input.paperId, input.since]
	);
	return rows.map((row) => [Number(row.client), Number(row.clock), row.len, row.userId]);
}

/** Who edited the paper after `since`. */
export async function editorsSince(tx: Tx, input: { paperId: string; since: Date }): Promise<string[]> {
	const rows = await tx.query<{ userId: string }>(
		`select user_id as "userId" from public.paper_editors where paper_id = $1 and last_edit_at > $2 order by last_edit_at`,
		[input.paperId, input.since]
	);
	return rows.map((row) => row.userId);
}

/** Display names the person may see (profiles' own RLS). */
export async function namesOf(tx: Tx, userIds: string[]): Promise<Map<string, string>> {
	if (userIds.length === 0) return new Map();
	const rows = await tx.query<{ userId: string; name: string }>(
		`select user_id as "userId", display_name as name from public.profiles where user_id = any($1::uuid[])`,
		[`{${userIds.join(',')}}`]
	);
	return new Map(rows.map((row) => [row.userId, row.name]));
}

/** The person's papers of the given boards that others changed since they read them, newest change first. */
export function listChangedPapers(
	tx: Tx,
	input: { boardIds: readonly string[]; limit: number }
): Promise<RecentPaperRow[]> {
	return tx.query<RecentPaperRow>(
		`select p.id, p.title, p.status, p.updated_at as "updatedAt", u.display_name as "updatedByName",
			b.slug as "boardSlug", b.name as "boardName"
		from public.paper_reads r
		join public.papers p on p.id = r.paper_id
		join public.boards b on b.id = p.board_id
		left join public.profiles u on u.user_id = p.updated_by
		where r.user_id = (select auth.uid()) and p.board_id = any($1::uuid[]) and ${CHANGED_SINCE_READ}
		order by p.updated_at desc, p.id
		limit $2`,
		[`{${input.boardIds.join(',')}}`, input.limit]
	);
}

/** The person downloaded the meeting's board book now (the last download counts). */
export async function recordDownload(tx: Tx, meetingId: string): Promise<void> {
	await tx.query(
		`insert into public.boardbook_downloads (meeting_id, user_id) values ($1, (select auth.uid()))
		 on conflict (meeting_id, user_id) do update set downloaded_at = now()`,
		[meetingId]
	);
}
