import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';

export interface BoardRow {
	id: string;
	slug: string;
	name: string;
}

/** A board the current user may see (RLS), with their role in it (null for a platform admin without one). */
export async function findBoardForCurrentUser(tx: Tx, slug: string): Promise<(BoardRow & { role: BoardRole | null }) | null> {
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

export async function insertBoard(tx: Tx, input: { slug: string; name: string }): Promise<BoardRow> {
	const [row] = await tx.query<BoardRow>(`insert into public.boards (slug, name) values ($1, $2) returning id, slug, name`, [
		input.slug,
		input.name
	]);
	return row!;
}
