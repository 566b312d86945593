import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';

/**
 * A new, empty paper for an import (author = current person, RLS: full members only).
 * TODO(lead): replace with the papers service's create once it exists, so defaults stay in one place.
 */
export async function insertPaper(tx: Tx, input: { boardId: string; title: string }): Promise<{ id: string }> {
	// The id is made here: `returning` would be checked against the select policy, whose access function
	// cannot see the row inserted by the same statement yet.
	const id = randomUUID();
	await tx.query(
		`insert into public.papers (id, board_id, title, created_by, updated_by) values ($1, $2, $3, (select auth.uid()), (select auth.uid()))`,
		[id, input.boardId, input.title]
	);
	return { id };
}

export async function deletePaper(tx: Tx, paperId: string): Promise<void> {
	await tx.query(`delete from public.papers where id = $1`, [paperId]);
}
