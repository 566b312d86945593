import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import { createAuditService } from '$lib/server/audit/audit.service';
import type { Locale } from '$lib/i18n';
import { claimsFor, type TestUser } from './index';

/** An audit entry as stored, read as the database owner (past RLS), for assertions. */
export interface StoredAuditEvent {
	id: string;
	board_id: string | null;
	actor_id: string | null;
	actor_kind: 'user' | 'system';
	actor_task: string | null;
	table_name: string;
	operation: 'insert' | 'update' | 'delete';
	row_id: string | null;
	object_label: string | null;
	subject_user_id: string | null;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
}

/** A board's entries (optionally of one table), oldest first. */
export async function auditEntries(
	db: Database,
	input: { boardId: string; table?: string; rowId?: string }
): Promise<StoredAuditEvent[]> {
	const rows = await db.ownerTransaction((tx) =>
		tx.query<Omit<StoredAuditEvent, 'before' | 'after'> & { before: string | null; after: string | null }>(
			`select id::text, board_id, actor_id, actor_kind, actor_task, table_name, operation, row_id, object_label, subject_user_id,
			        before::text as before, after::text as after
			 from public.audit_events
			 where board_id = $1 and ($2::text is null or table_name = $2) and ($3::text is null or row_id = $3)
			 order by public.audit_events.id`,
			[input.boardId, input.table ?? null, input.rowId ?? null]
		)
	);
	return rows.map((row) => ({
		...row,
		before: row.before ? JSON.parse(row.before) : null,
		after: row.after ? JSON.parse(row.after) : null
	}));
}

/** The audit service as `user` sees it (RLS), in `locale`. */
export function auditAs(db: Database, user: TestUser, input: { isAdmin?: boolean; locale?: Locale } = {}) {
	return createAuditService({
		db: scopedDb(db, claimsFor(user)),
		actor: { isAdmin: input.isAdmin ?? false },
		locale: input.locale ?? 'de'
	});
}
