import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';
import type { BoardPerson } from './meeting.repository';

/** A person of the board (any role, active) by address, as office sees them. */
export async function findBoardPerson(tx: Tx, input: { boardId: string; email: string }): Promise<BoardPerson | null> {
	const [row] = await tx.query<BoardPerson>(
		`select p.user_id as "userId", p.display_name as "displayName", p.email, p.locale, m.role
		 from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and m.active and lower(p.email) = lower($2)`,
		[input.boardId, input.email]
	);
	return row ?? null;
}

/** Adds a board guest to the meeting; one already there keeps the row and takes the form's token. */
export async function addMeetingGuest(
	tx: Tx,
	input: { meetingId: string; userId: string; formToken?: string | null }
): Promise<void> {
	await tx.query(
		`insert into public.meeting_guests (meeting_id, user_id, form_token) values ($1, $2, $3)
		 on conflict (meeting_id, user_id) do update set form_token = excluded.form_token where excluded.form_token is not null`,
		[input.meetingId, input.userId, input.formToken ?? null]
	);
}

/** What a guest form's token did before: a guest added to a meeting, or an invitation sent (office's view). */
export async function guestOfFormToken(
	tx: Tx,
	formToken: string | null | undefined
): Promise<{ kind: 'added' | 'invited'; meetingId: string | null; email: string } | null> {
	if (!formToken) return null;
	const [row] = await tx.query<{ kind: 'added' | 'invited'; meetingId: string | null; email: string }>(
		`select 'added' as kind, g.meeting_id as "meetingId", p.email from public.meeting_guests g join public.profiles p on p.user_id = g.user_id
		 where g.form_token = $1
		 union all
		 select 'invited', i.meeting_id, i.email from public.invitations i where i.form_token = $1`,
		[formToken]
	);
	return row ?? null;
}

/** A guest invitation naming the meeting; an open invitation for the same address is renewed. */
export async function upsertGuestInvitation(
	tx: Tx,
	input: {
		boardId: string;
		meetingId: string;
		email: string;
		tokenHash: string;
		validDays: number;
		formToken?: string | null;
	}
): Promise<{ id: string; expiresAt: Date }> {
	const guest: BoardRole = 'guest';
	const [row] = await tx.query<{ id: string; expiresAt: Date }>(
		`insert into public.invitations (board_id, email, role, token_hash, invited_by, expires_at, meeting_id, form_token)
		 values ($1, lower($2), $3, $4, (select auth.uid()), now() + make_interval(days => $5), $6, $7)
		 on conflict (board_id, lower(email)) where accepted_at is null and revoked_at is null
		 do update set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by,
			created_at = now(), expires_at = excluded.expires_at, meeting_id = excluded.meeting_id, form_token = excluded.form_token
		 returning id, expires_at as "expiresAt"`,
		[input.boardId, input.email, guest, input.tokenHash, input.validDays, input.meetingId, input.formToken ?? null]
	);
	return row!;
}

export async function listPendingGuestInvitations(
	tx: Tx,
	input: { boardId: string; meetingId: string }
): Promise<{ email: string; expiresAt: Date }[]> {
	return tx.query(
		`select email, expires_at as "expiresAt" from public.invitations
		 where board_id = $1 and meeting_id = $2 and accepted_at is null and revoked_at is null and expires_at > now()
		 order by created_at`,
		[input.boardId, input.meetingId]
	);
}
