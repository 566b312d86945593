import type { DecisionStatus } from '$lib/types/decision.types';
import type { DecisionPublicity } from '$lib/types/publication.types';

// What the public may be shown, as plain rules the pages and the service share. The database says
// the same in supabase/migrations/20261206020000_publication.sql (decision_publishable, is_public_meeting).

/** Statuses of a decision that was taken: only these ever leave the board. */
export const PUBLISHABLE_STATUSES: readonly DecisionStatus[] = ['adopted', 'implemented'];

/**
 * Whether the newest revision of a decision may be published: it must have been taken in public (a
 * public agenda item, or recorded as public) and adopted. Non-public comes first: it is the stronger reason.
 */
export function decisionPublicity(latest: { isPublic: boolean; status: DecisionStatus }): DecisionPublicity {
	if (!latest.isPublic) return 'notPublic';
	return PUBLISHABLE_STATUSES.includes(latest.status) ? 'publishable' : 'notAdopted';
}

/** A meeting the public sees on a public board: agenda published, not cancelled. */
export function isPublicMeeting(meeting: { agendaPublishedAt: string | Date | null; status: string }): boolean {
	return meeting.agendaPublishedAt !== null && meeting.status !== 'cancelled';
}
