import type { Tx } from '../db/types';
import { isUuid } from '../common.schema';
import type { AuditEvent, AuditFilter } from '$lib/types/audit.types';

const COLUMNS = `e.id::text as id, e.board_id as "boardId", b.name as "boardName", e.actor_id as "actorId",
	e.actor_kind as "actorKind", e.actor_task as "actorTask",
	to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt",
	e.table_name as "tableName", e.operation, e.row_id as "rowId", e.object_label as "objectLabel",
	e.subject_user_id as "subjectUserId", e.before::text as before, e.after::text as after`;

type Row = Omit<AuditEvent, 'id' | 'before' | 'after'> & { id: string; before: string | null; after: string | null };

const toEvent = (row: Row): AuditEvent => ({
	...row,
	id: Number(row.id),
	before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
	after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>)
});

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Where-clause and parameters for a filter; `boardId` null means every board the reader may see (RLS). */
function conditions(boardId: string | null, filter: AuditFilter): { where: string; params: unknown[] } {
	const parts: string[] = [];
	const params: unknown[] = [];
	const add = (sql: (n: string) => string, value: unknown) => {
		params.push(value);
		parts.push(sql(`$${params.length}`));
	};
	const board = boardId ?? filter.boardId;
	if (board) add((p) => `e.board_id = ${p}::uuid`, board);
	if (filter.kind) add((p) => `e.table_name = ${p}`, filter.kind);
	if (filter.person === 'system') parts.push(`e.actor_kind = 'system'`);
	else if (filter.person) add((p) => `e.actor_id = ${p}::uuid`, filter.person);
	if (filter.from) add((p) => `e.occurred_at >= (${p}::date)::timestamp at time zone 'Europe/Berlin'`, filter.from);
	if (filter.to) add((p) => `e.occurred_at < (${p}::date + 1)::timestamp at time zone 'Europe/Berlin'`, filter.to);
	if (filter.q)
		add(
			(p) => `(e.object_label ilike ${p} or e.row_id ilike ${p}
				or exists (select 1 from public.profiles s where s.user_id = e.subject_user_id and s.display_name ilike ${p}))`,
			likePattern(filter.q)
		);
	if (filter.before) add((p) => `e.id < ${p}::bigint`, filter.before);
	return { where: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

/** Newest first; RLS limits the rows to the reader's boards (office) or all (platform admin). */
export async function listEvents(
	tx: Tx,
	input: { boardId: string | null; filter: AuditFilter; limit: number }
): Promise<AuditEvent[]> {
	const { where, params } = conditions(input.boardId, input.filter);
	params.push(input.limit);
	const rows = await tx.query<Row>(
		`select ${COLUMNS} from public.audit_events e left join public.boards b on b.id = e.board_id
		 ${where} order by e.id desc limit $${params.length}`,
		params
	);
	return rows.map(toEvent);
}

/** People who changed something in the board (or anywhere, for the admin), for the person filter. */
export async function listActorIds(tx: Tx, boardId: string | null): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`select distinct e.actor_id as id from public.audit_events e
		 where e.actor_id is not null ${boardId ? 'and e.board_id = $1::uuid' : ''}`,
		boardId ? [boardId] : []
	);
	return rows.map((row) => row.id);
}

/** Display names of people (see public.audit_person_names); missing ones were removed. */
export async function personNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
	const valid = ids.filter(isUuid);
	if (valid.length === 0) return new Map();
	const rows = await tx.query<{ user_id: string; display_name: string }>(
		`select user_id, display_name from public.audit_person_names($1::text::uuid[]) where display_name is not null`,
		[`{${valid.join(',')}}`]
	);
	return new Map(rows.map((row) => [row.user_id, row.display_name]));
}

/** Boards for the admin's board filter. */
export async function listBoards(tx: Tx): Promise<{ id: string; name: string }[]> {
	return tx.query(`select id, name from public.boards order by name`);
}
