import { randomUUID } from 'node:crypto';
import { insertOnce } from '../db/form-token';
import type { Tx } from '../db/types';

export type PaperAccess = 'view' | 'comment' | 'edit';

export interface PaperRef {
	id: string;
	title: string;
	access: PaperAccess;
}

export interface CommentRow {
	id: string;
	threadId: string;
	authorId: string | null;
	authorName: string | null;
	body: string;
	createdAt: Date;
	editedAt: Date | null;
}

export interface ThreadRow {
	id: string;
	paperId: string;
	quote: string;
	createdBy: string | null;
	createdAt: Date;
	resolvedAt: Date | null;
	resolvedByName: string | null;
}

export interface Reader {
	userId: string;
	displayName: string;
	/** Only full members of the board are told addresses; for a guest or contributor asking, null. */
	email: string | null;
	locale: 'de' | 'en';
	access: PaperAccess;
}

/** The paper in the board with the current person's access; null when they may not see it (RLS). */
export async function findPaper(tx: Tx, input: { boardId: string; paperId: string }): Promise<PaperRef | null> {
	const [row] = await tx.query<PaperRef>(
		`select id, title, public.paper_access_of(id)::text as access from public.papers where id = $1 and board_id = $2`,
		[input.paperId, input.boardId]
	);
	return row && row.access ? row : null;
}

export async function listThreads(tx: Tx, paperId: string): Promise<ThreadRow[]> {
	return tx.query<ThreadRow>(
		`select t.id, t.paper_id as "paperId", t.quote, t.created_by as "createdBy", t.created_at as "createdAt",
			t.resolved_at as "resolvedAt", p.display_name as "resolvedByName"
		 from public.comment_threads t left join public.profiles p on p.user_id = t.resolved_by
		 where t.paper_id = $1 order by t.created_at`,
		[paperId]
	);
}

export async function listComments(tx: Tx, paperId: string): Promise<CommentRow[]> {
	return tx.query<CommentRow>(
		`select c.id, c.thread_id as "threadId", c.author_id as "authorId", p.display_name as "authorName", c.body,
			c.created_at as "createdAt", c.edited_at as "editedAt"
		 from public.comments c join public.comment_threads t on t.id = c.thread_id
		 left join public.profiles p on p.user_id = c.author_id
		 where t.paper_id = $1 order by c.created_at, c.id`,
		[paperId]
	);
}

export async function findThread(tx: Tx, threadId: string): Promise<ThreadRow | null> {
	const [row] = await tx.query<ThreadRow>(
		`select id, paper_id as "paperId", quote, created_by as "createdBy", created_at as "createdAt",
			resolved_at as "resolvedAt", null as "resolvedByName"
		 from public.comment_threads where id = $1`,
		[threadId]
	);
	return row ?? null;
}

export async function findComment(tx: Tx, commentId: string): Promise<(CommentRow & { paperId: string }) | null> {
	const [row] = await tx.query<CommentRow & { paperId: string }>(
		`select c.id, c.thread_id as "threadId", c.author_id as "authorId", null as "authorName", c.body,
			c.created_at as "createdAt", c.edited_at as "editedAt", t.paper_id as "paperId"
		 from public.comments c join public.comment_threads t on t.id = c.thread_id where c.id = $1`,
		[commentId]
	);
	return row ?? null;
}

/**
 * A new thread; with a form token a repeat returns the thread it opened (`created` false). The id is the
 * caller's: the document's comment mark carries it before the row exists.
 */
export async function insertThread(
	tx: Tx,
	input: { id: string; paperId: string; quote: string; formToken?: string | null }
): Promise<{ id: string; created: boolean }> {
	return insertOnce(tx, {
		table: 'comment_threads',
		id: input.id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.comment_threads (id, paper_id, quote, created_by, form_token) values ($1, $2, $3, (select auth.uid()), $4)
				 on conflict (form_token) do nothing`,
				[input.id, input.paperId, input.quote, input.formToken ?? null]
			)
	});
}

/** The thread's opening comment (the one written with it). */
export async function firstCommentId(tx: Tx, threadId: string): Promise<string | null> {
	const [row] = await tx.query<{ id: string }>(
		`select id from public.comments where thread_id = $1 order by created_at, id limit 1`,
		[threadId]
	);
	return row?.id ?? null;
}

export async function deleteThread(tx: Tx, threadId: string): Promise<void> {
	await tx.query(`delete from public.comment_threads where id = $1`, [threadId]);
}

/** A new comment; with a form token a repeat returns the comment it wrote (`created` false). */
export async function insertComment(
	tx: Tx,
	input: { threadId: string; body: string; formToken?: string | null }
): Promise<{ id: string; created: boolean }> {
	const id = randomUUID();
	return insertOnce(tx, {
		table: 'comments',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.comments (id, thread_id, author_id, body, form_token) values ($1, $2, (select auth.uid()), $3, $4)
				 on conflict (form_token) do nothing`,
				[id, input.threadId, input.body, input.formToken ?? null]
			)
	});
}

/** Changes the text of the current person's own comment; false when it is not theirs (RLS). */
export async function updateComment(tx: Tx, input: { commentId: string; body: string }): Promise<boolean> {
	const rows = await tx.query(`update public.comments set body = $2, edited_at = now() where id = $1 returning id`, [
		input.commentId,
		input.body
	]);
	return rows.length > 0;
}

export async function setResolved(tx: Tx, input: { threadId: string; resolved: boolean }): Promise<boolean> {
	const rows = await tx.query(
		`update public.comment_threads set resolved_at = case when $2 then now() end, resolved_by = case when $2 then (select auth.uid()) end
		 where id = $1 returning id`,
		[input.threadId, input.resolved]
	);
	return rows.length > 0;
}

/** Everyone who may read the paper (only answered to someone who may read it). */
export async function listReaders(tx: Tx, paperId: string): Promise<Reader[]> {
	return tx.query<Reader>(
		`select user_id as "userId", display_name as "displayName", email, locale, access::text as access from public.paper_readers($1)`,
		[paperId]
	);
}

/** Where to mail people (the mail system task only: a guest mentioning someone may not read the address). */
export async function mailAddresses(
	tx: Tx,
	userIds: string[]
): Promise<{ userId: string; email: string; locale: 'de' | 'en' }[]> {
	if (userIds.length === 0) return [];
	return tx.query(`select user_id as "userId", email, locale from public.profiles where user_id = any($1::uuid[])`, [
		userIds
	]);
}

/** Records mentions; returns the people not mentioned in this comment before (they get a mail). */
export async function addMentions(tx: Tx, input: { commentId: string; userIds: string[] }): Promise<string[]> {
	if (input.userIds.length === 0) return [];
	const rows = await tx.query<{ userId: string }>(
		`insert into public.comment_mentions (comment_id, user_id) select $1, unnest($2::uuid[])
		 on conflict do nothing returning user_id as "userId"`,
		[input.commentId, input.userIds]
	);
	return rows.map((row) => row.userId);
}
