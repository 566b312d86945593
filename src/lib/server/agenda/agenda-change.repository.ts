import type { Locale } from '$lib/i18n';
import type { Tx } from '../db/types';
import { rolesAllowed } from '../boards/policy';
import type { AgendaChangeAction, AgendaChangeRow, ItemSnapshot } from '$lib/types/agenda.types';

export async function insertChange(
	tx: Tx,
	input: {
		meetingId: string;
		itemId: string;
		action: AgendaChangeAction;
		before: ItemSnapshot | null;
		after: ItemSnapshot | null;
	}
): Promise<void> {
	// Guests may read a record only when the item was public on both sides of the change.
	const isPublic = (input.before?.isPublic ?? true) && (input.after?.isPublic ?? true);
	await tx.query(
		`insert into public.agenda_changes (meeting_id, item_id, action, before, after, is_public, changed_by)
		 values ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6, (select auth.uid()))`,
		[input.meetingId, input.itemId, input.action, JSON.stringify(input.before), JSON.stringify(input.after), isPublic]
	);
}

/** A recorded change as a batch reads it back. */
export interface PendingChange {
	id: string;
	itemId: string;
	action: AgendaChangeAction;
	before: ItemSnapshot | null;
	after: ItemSnapshot | null;
	createdAt: Date;
}

/** Marks the meeting's untold changes as told and returns them, oldest first (concurrent claims get disjoint sets). */
export async function claimPending(tx: Tx, meetingId: string): Promise<PendingChange[]> {
	const rows = await tx.query<PendingChange>(
		`update public.agenda_changes set notified_at = now()
		 where id in (select id from public.agenda_changes where meeting_id = $1 and notified_at is null for update skip locked)
		 returning id, item_id as "itemId", action, before, after, created_at as "createdAt"`,
		[meetingId]
	);
	return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** How many changes of the meeting have not been told yet. */
export async function countPending(tx: Tx, meetingId: string): Promise<number> {
	const [row] = await tx.query<{ count: number }>(
		`select count(*)::int as count from public.agenda_changes where meeting_id = $1 and notified_at is null`,
		[meetingId]
	);
	return row?.count ?? 0;
}

/** Meetings whose untold changes have been quiet since `quietSince` (the last change is older). */
export async function settledMeetings(tx: Tx, quietSince: Date): Promise<string[]> {
	const rows = await tx.query<{ meetingId: string }>(
		`select meeting_id as "meetingId" from public.agenda_changes where notified_at is null
		 group by meeting_id having max(created_at) <= $1`,
		[quietSince]
	);
	return rows.map((row) => row.meetingId);
}

/** The changes since publication the current person may see, newest first. */
export async function listChanges(tx: Tx, meetingId: string): Promise<AgendaChangeRow[]> {
	return tx.query<AgendaChangeRow>(
		`select c.id, c.item_id as "itemId", c.action, c.before, c.after, p.display_name as "changedByName", c.created_at as "createdAt"
		 from public.agenda_changes c left join public.profiles p on p.user_id = c.changed_by
		 where c.meeting_id = $1 order by c.created_at desc, c.id`,
		[meetingId]
	);
}

export interface Recipient {
	userId: string;
	email: string;
	displayName: string;
	locale: Locale;
	/** Guests are told only about public items. */
	isGuest: boolean;
}

/**
 * Who is told about agenda changes: the board's members (not the office, which makes the changes)
 * and the guests invited to the meeting.
 */
export async function listRecipients(tx: Tx, input: { meetingId: string; boardId: string }): Promise<Recipient[]> {
	return tx.query<Recipient>(
		`select p.user_id as "userId", p.email, p.display_name as "displayName", p.locale, m.role = 'guest' as "isGuest"
		 from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $2 and m.active and p.user_id is distinct from (select auth.uid())
			and (m.role = any($3::text[]::public.board_role[])
				or (m.role = 'guest' and exists (select 1 from public.meeting_guests g where g.meeting_id = $1 and g.user_id = m.user_id)))
		 order by p.email`,
		[input.meetingId, input.boardId, rolesAllowed('meetings.rsvp')]
	);
}
