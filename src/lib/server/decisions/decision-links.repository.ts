import type { Tx } from '../db/types';

/** Meetings of the board the current person sees (filter and form choices). */
export function listMeetingOptions(
	tx: Tx,
	boardId: string
): Promise<{ id: string; title: string; startsAt: string }[]> {
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

/** The minutes among a decision's papers (a decision taken or worded in approved minutes links back to them). */
export function minutesOfPapers(tx: Tx, paperIds: string[]): Promise<{ meetingId: string; paperId: string }[]> {
	if (paperIds.length === 0) return Promise.resolve([]);
	return tx.query(
		`select meeting_id as "meetingId", paper_id as "paperId" from public.minutes where paper_id = any($1::uuid[]) order by created_at`,
		[paperIds]
	);
}
