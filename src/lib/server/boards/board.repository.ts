import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';

export interface BoardRow {
	id: string;
	slug: string;
	name: string;
}

/** A board the current user may see (RLS), with their role in it (null for a platform admin without one). */
export async function findBoardForCurrentUser(
	tx: Tx,
	slug: string
): Promise<(BoardRow & { role: BoardRole | null }) | null> {
	const [row] = await tx.query<BoardRow & { role: BoardRole | null }>(
		`select b.id, b.slug, b.name,
			(select m.role from public.memberships m where m.board_id = b.id and m.user_id = (select auth.uid()) and m.active) as role
		 from public.boards b where b.slug = $1`,
		[slug]
	);
	return row ?? null;
}

export async function listBoards(tx: Tx): Promise<(BoardRow & { memberCount: number })[]> {
	return tx.query(
		`select b.id, b.slug, b.name,
			(select count(*)::int from public.memberships m where m.board_id = b.id and m.active) as "memberCount"
		 from public.boards b order by b.name`
	);
}

/**
 * A new board, or null when a unique key is taken: the slug, or the form token (a repeated form; see
 * boardOfFormToken). `on conflict do nothing` without a target waits for a twin sent at the same time.
 */
export async function insertBoard(
	tx: Tx,
	input: { slug: string; name: string; formToken?: string | null }
): Promise<BoardRow | null> {
	const [row] = await tx.query<BoardRow>(
		`insert into public.boards (slug, name, form_token) values ($1, $2, $3) on conflict do nothing returning id, slug, name`,
		[input.slug, input.name, input.formToken ?? null]
	);
	return row ?? null;
}

/** The board a form token created, as the current person sees it. */
export async function boardOfFormToken(tx: Tx, formToken: string | null | undefined): Promise<BoardRow | null> {
	if (!formToken) return null;
	const [row] = await tx.query<BoardRow>(`select id, slug, name from public.boards where form_token = $1`, [formToken]);
	return row ?? null;
}
