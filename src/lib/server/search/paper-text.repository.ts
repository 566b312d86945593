import type { Tx } from '../db/types';

/** Stores a paper's plain text for search; an older read never overwrites a newer one. */
export async function saveSearchText(tx: Tx, input: { paperId: string; text: string; readAt: Date }): Promise<boolean> {
	const rows = await tx.query(
		`update public.papers set search_text = $2, search_text_at = $3
		 where id = $1 and (search_text_at is null or search_text_at <= $3) returning id`,
		[input.paperId, input.text, input.readAt]
	);
	return rows.length > 0;
}

/** Papers whose stored text is missing or older than their document's last stored change. */
export async function staleSearchTexts(tx: Tx, limit: number): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`select p.id from public.papers p
		 where p.search_text_at is null
		    or p.search_text_at < greatest(
		         (select s.updated_at from public.collab_snapshots s where s.doc_id = p.id),
		         (select max(u.created_at) from public.collab_updates u where u.doc_id = p.id))
		 order by p.search_text_at nulls first limit $1`,
		[limit]
	);
	return rows.map((row) => row.id);
}

export async function databaseNow(tx: Tx): Promise<Date> {
	const [row] = await tx.query<{ now: Date }>(`select clock_timestamp() as now`);
	return new Date(row!.now);
}
