import type { Tx } from '../db/types';

/** Meetings of the board the current person sees (filter and form choices). */
export function listMeetingOptions(tx: Tx, boardId: string): Promise<{ id: string; title: string; startsAt: string }[]> {
	return tx.query(
		`select id, title, to_char(starts_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as "startsAt"
		from public.meetings where board_id = $1 order by starts_at desc limit 200`,
		[boardId]
	);
}

/** "n of m done" for a decision's action items (dropped items do not count). */
export async function taskProgress(tx: Tx, boardId: string, number: string): Promise<{ done: number; total: number }> {
	const [row] = await tx.query<{ done: number; total: number }>(
		`select count(*) filter (where status = 'done')::int as done, count(*) filter (where status <> 'dropped')::int as total
		from public.tasks where board_id = $1 and decision_number = $2`,
		[boardId, number]
	);
	return row ?? { done: 0, total: 0 };
}
