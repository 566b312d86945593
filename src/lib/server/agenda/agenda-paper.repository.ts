import type { Tx } from '../db/types';

export interface ItemPaperRow {
	itemId: string;
	paperId: string;
	title: string;
	/** The paper changed after the person last downloaded this meeting's board book (#15). */
	changedSinceBook: boolean;
}

/** Links the current person may see: both the item and the paper must be visible to them (RLS). */
export async function listItemPapers(tx: Tx, meetingId: string): Promise<ItemPaperRow[]> {
	return tx.query<ItemPaperRow>(
		`select l.item_id as "itemId", l.paper_id as "paperId", p.title,
			exists (select 1 from public.boardbook_downloads d where d.meeting_id = l.meeting_id
				and d.user_id = (select auth.uid()) and p.updated_at > d.downloaded_at) as "changedSinceBook"
		 from public.agenda_item_papers l join public.papers p on p.id = l.paper_id
		 where l.meeting_id = $1 order by p.title`,
		[meetingId]
	);
}

/** The board's papers the current person may see, for the attach select. */
export async function listBoardPapers(tx: Tx, boardId: string): Promise<{ id: string; title: string }[]> {
	return tx.query(
		`select id, title from public.papers where board_id = $1 and status <> 'archived' order by title limit 200`,
		[boardId]
	);
}

export async function findBoardPaper(tx: Tx, input: { boardId: string; paperId: string }): Promise<boolean> {
	const rows = await tx.query(`select 1 from public.papers where board_id = $1 and id = $2`, [
		input.boardId,
		input.paperId
	]);
	return rows.length > 0;
}

export async function attachPaper(
	tx: Tx,
	input: { meetingId: string; itemId: string; paperId: string }
): Promise<void> {
	await tx.query(
		`insert into public.agenda_item_papers (item_id, paper_id, meeting_id, created_by) values ($1, $2, $3, (select auth.uid()))
		 on conflict (item_id, paper_id) do nothing`,
		[input.itemId, input.paperId, input.meetingId]
	);
}

export async function detachPaper(
	tx: Tx,
	input: { meetingId: string; itemId: string; paperId: string }
): Promise<boolean> {
	const rows = await tx.query(
		`delete from public.agenda_item_papers where meeting_id = $1 and item_id = $2 and paper_id = $3 returning item_id`,
		[input.meetingId, input.itemId, input.paperId]
	);
	return rows.length > 0;
}
