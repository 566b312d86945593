/**
 * Tables whose changes the audit trail records (the `kind` filter); see
 * supabase/migrations/20261125170000_audit.sql. Here (not under lib/server) so the filter form can list them.
 */
export const AUDIT_KINDS = [
	'meetings',
	'agenda_items',
	'papers',
	'paper_access',
	'minutes',
	'decision_entries',
	'votes',
	'memberships',
	'invitations',
	'files',
	'file_versions',
	'boards'
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
