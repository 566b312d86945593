import type { AuditKind } from '$lib/components/audit/audit-kinds';

export { AUDIT_KINDS, type AuditKind } from '$lib/components/audit/audit-kinds';

export type AuditOperation = 'insert' | 'update' | 'delete';

/** One audit entry as stored (before/after already reduced by the trigger). */
export interface AuditEvent {
	id: number;
	boardId: string | null;
	boardName: string | null;
	actorId: string | null;
	actorKind: 'user' | 'system';
	actorTask: string | null;
	occurredAt: string;
	tableName: string;
	operation: AuditOperation;
	rowId: string | null;
	objectLabel: string | null;
	subjectUserId: string | null;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
}

/** Filters of the audit pages and the CSV export (all optional). */
export interface AuditFilter {
	/** Table of the change. */
	kind?: AuditKind;
	/** A user id, or 'system' for service tasks. */
	person?: string;
	/** First and last day (YYYY-MM-DD, Europe/Berlin), inclusive. */
	from?: string;
	to?: string;
	/** Free text on the object's title/name or id. */
	q?: string;
	/** Platform admin only: one board's id. */
	boardId?: string;
	/** Keyset pagination: entries older than this id. */
	before?: number;
}
