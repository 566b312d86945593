import type { Tx } from '../db/types';

// All SQL of the office's publication switches (#14). The public subset itself is read as `anon`
// under the policies of supabase/migrations/20261206020000_publication.sql.

/** The board's public switch as the current person sees it. */
export async function boardIsPublic(tx: Tx, boardId: string): Promise<boolean> {
	const [row] = await tx.query<{ isPublic: boolean }>(
		`select is_public as "isPublic" from public.boards where id = $1`,
		[boardId]
	);
	return row?.isPublic ?? false;
}

export interface BoardTerm {
	name: string | null;
	startsOn: string | null;
	endsOn: string | null;
}

/** The board's term (OParl LegislativeTerm) as the current person sees it. */
export async function boardTerm(tx: Tx, boardId: string): Promise<BoardTerm> {
	const [row] = await tx.query<BoardTerm>(
		`select term_name as name, to_char(term_starts_on, 'YYYY-MM-DD') as "startsOn",
		        to_char(term_ends_on, 'YYYY-MM-DD') as "endsOn"
		 from public.boards where id = $1`,
		[boardId]
	);
	return row ?? { name: null, startsOn: null, endsOn: null };
}

/** Through the security-definer function: false when the caller is not the board's office. */
export async function setBoardTerm(tx: Tx, input: { boardId: string } & BoardTerm): Promise<boolean> {
	const [row] = await tx.query<{ ok: boolean }>(`select public.set_board_term($1, $2, $3, $4) as ok`, [
		input.boardId,
		input.name,
		input.startsOn,
		input.endsOn
	]);
	return row?.ok ?? false;
}

/** Through the security-definer function: false when the caller is not the board's office. */
export async function setBoardPublic(tx: Tx, input: { boardId: string; isPublic: boolean }): Promise<boolean> {
	const [row] = await tx.query<{ ok: boolean }>(`select public.set_board_public($1, $2) as ok`, [
		input.boardId,
		input.isPublic
	]);
	return row?.ok ?? false;
}

/** When the office published a decision number (null: not published). */
export async function decisionPublishedAt(tx: Tx, boardId: string, number: string): Promise<string | null> {
	const [row] = await tx.query<{ at: Date | string }>(
		`select published_at as at from public.decision_publications where board_id = $1 and number = $2`,
		[boardId, number]
	);
	return row ? new Date(row.at).toISOString() : null;
}

/** Marks a decision number public; a second time changes nothing. RLS: office, publishable decisions only. */
export async function publishDecision(tx: Tx, input: { boardId: string; number: string; userId: string }) {
	await tx.query(
		`insert into public.decision_publications (board_id, number, published_by) values ($1, $2, $3)
		 on conflict (board_id, number) do nothing`,
		[input.boardId, input.number, input.userId]
	);
}

/** Withdraws a decision from the public; returns whether a publication was removed. */
export async function unpublishDecision(tx: Tx, input: { boardId: string; number: string }): Promise<boolean> {
	const rows = await tx.query(
		`delete from public.decision_publications where board_id = $1 and number = $2 returning number`,
		[input.boardId, input.number]
	);
	return rows.length > 0;
}

export interface PaperPublication {
	publishedAt: string | null;
	versionId: string | null;
	versionNumber: number | null;
}

/** A paper's publication as the current person sees it (null: no such paper for them). */
export async function paperPublication(
	tx: Tx,
	input: { boardId: string; paperId: string }
): Promise<PaperPublication | null> {
	const [row] = await tx.query<{ at: Date | string | null; versionId: string | null; versionNumber: number | null }>(
		`select p.published_at as at, p.published_version_id as "versionId", v.number as "versionNumber"
		 from public.papers p left join public.paper_versions v on v.id = p.published_version_id
		 where p.board_id = $1 and p.id = $2`,
		[input.boardId, input.paperId]
	);
	if (!row) return null;
	return {
		publishedAt: row.at === null ? null : new Date(row.at).toISOString(),
		versionId: row.versionId,
		versionNumber: row.versionNumber
	};
}

/** Publishes (with the frozen version) or withdraws a paper. The database lets only the office do it. */
export async function setPaperPublication(
	tx: Tx,
	input: { boardId: string; paperId: string; versionId: string | null; userId: string }
): Promise<boolean> {
	const rows = await tx.query(
		input.versionId
			? `update public.papers set published_at = now(), published_by = $3, published_version_id = $4
			   where board_id = $1 and id = $2 returning id`
			: `update public.papers set published_at = null, published_by = null
			   where board_id = $1 and id = $2 and published_at is not null returning id`,
		input.versionId ? [input.boardId, input.paperId, input.userId, input.versionId] : [input.boardId, input.paperId]
	);
	return rows.length > 0;
}

/** The current person's "list me publicly" setting. */
export async function listedPublicly(tx: Tx): Promise<boolean> {
	const [row] = await tx.query<{ listed: boolean }>(
		`select listed_publicly as listed from public.profiles where user_id = (select auth.uid())`
	);
	return row?.listed ?? false;
}

export async function setListedPublicly(tx: Tx, listed: boolean): Promise<void> {
	await tx.query(`update public.profiles set listed_publicly = $1 where user_id = (select auth.uid())`, [listed]);
}
