// The audit trail's types: entries as stored, the filters, and the rows the audit pages show. Client-safe
// (no server import), so the audit components and pages use them too.

/**
 * Tables whose changes the audit trail records (the `kind` filter); see
 * supabase/migrations/20261125170000_audit.sql. The filter forms list them.
 */
export const AUDIT_KINDS = [
	'meetings',
	'agenda_items',
	'papers',
	'paper_access',
	'minutes',
	'decision_entries',
	'decision_publications',
	'votes',
	'memberships',
	'invitations',
	'files',
	'file_versions',
	'boards'
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

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

/** One changed field as shown: label, value before and after (either may be empty). */
export interface AuditChange {
	field: string;
	before: string;
	after: string;
}

/** An entry ready for the table and the CSV. */
export interface AuditRow {
	id: number;
	occurredAt: string;
	boardName: string | null;
	person: string;
	action: string;
	object: string;
	changes: AuditChange[];
}
