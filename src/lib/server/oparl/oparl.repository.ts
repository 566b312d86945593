import type { Tx } from '../db/types';
import type { ListFilters } from './oparl.schema';
import type { RowType, Tombstone } from './oparl.types';

// Which objects a list holds, one page at a time, and the tombstones. Every statement runs as `anon`
// (oparl.service.ts). A list pages through the registry public.oparl_objects (supabase/migrations/
// 20261206030000_oparl.sql): everything that was ever public, with first publication, last public change and
// whether it was withdrawn; its own index orders and counts a type without calling the tables' policies per row.
// The page's objects are then read from their tables under those policies (oparl-objects.ts), so what a list
// shows is still what the database lets anon see: an id the policies hide is left out, never filled in.

export interface PageRow {
	id: string;
	deleted: boolean;
}

/** The registry's rows of one type: what a list filters, orders and pages. */
function candidates(type: RowType): string {
	return `
		select o.object_id as id, o.created, o.changed_at as modified, o.deleted_at is not null as deleted,
		       o.board_id as board
		  from public.oparl_objects o where o.object_type = '${type}'`;
}

const FILTER = `($1::timestamptz is null or c.created >= $1) and ($2::timestamptz is null or c.created <= $2)
	and ($3::timestamptz is null or c.modified >= $3) and ($4::timestamptz is null or c.modified <= $4)
	and ($5::uuid is null or c.board = $5)`;

const filterParams = (f: ListFilters, boardId: string | undefined) => [
	f.createdSince ?? null,
	f.createdUntil ?? null,
	f.modifiedSince ?? null,
	f.modifiedUntil ?? null,
	boardId ?? null
];

/** One page of a type's list in a stable order (by id, which never changes) and the filtered total. */
export async function listPage(
	tx: Tx,
	input: {
		/** The object type. */
		type: RowType;
		filters: ListFilters;
		/** Only the objects of one board (an organization's own lists). */
		boardId?: string;
		limit: number;
		offset: number;
	}
): Promise<{ rows: PageRow[]; total: number }> {
	const rows = await tx.query<PageRow & { total: number }>(
		`select c.id, c.deleted, count(*) over ()::int as total from (${candidates(input.type)}) c
		 where ${FILTER} order by c.id limit $6 offset $7`,
		[...filterParams(input.filters, input.boardId), input.limit, input.offset]
	);
	if (rows.length > 0 || input.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
	// Past the last page: the total still tells the client where the list ends.
	const [count] = await tx.query<{ total: number }>(
		`select count(*)::int as total from (${candidates(input.type)}) c where ${FILTER}`,
		filterParams(input.filters, input.boardId)
	);
	return { rows: [], total: count?.total ?? 0 };
}

/** The tombstones among `ids` of one type. */
export async function findTombstones(tx: Tx, type: RowType, ids: string[]): Promise<Tombstone[]> {
	if (ids.length === 0) return [];
	return tx.query<Tombstone>(
		`select o.object_id as id, o.object_type as type, o.created, o.changed_at as modified
		   from public.oparl_objects o
		  where o.object_type = $1 and o.object_id = any($2::uuid[]) and o.deleted_at is not null`,
		[type, ids]
	);
}

/** First publication and last public change of the public boards as a whole (the Body's and System's stamps). */
export async function bodyStamps(tx: Tx): Promise<{ created: Date | null; modified: Date | null }> {
	const [row] = await tx.query<{ created: Date | null; modified: Date | null }>(
		`select min(o.created) as created, max(o.changed_at) as modified
		   from public.oparl_objects o where o.object_type in ('organization', 'legislativeterm')`
	);
	return row ?? { created: null, modified: null };
}
