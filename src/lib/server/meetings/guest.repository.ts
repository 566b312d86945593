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

export async function addMeetingGuest(tx: Tx, input: { meetingId: string; userId: string }): Promise<void> {
	await tx.query(`insert into public.meeting_guests (meeting_id, user_id) values ($1, $2) on conflict do nothing`, [input.meetingId, input.userId]);
}

/** A guest invitation naming the meeting; an open invitation for the same address is renewed. */
export async function upsertGuestInvitation(
	tx: Tx,
	input: { boardId: string; meetingId: string; email: string; tokenHash: string; validDays: number }
): Promise<{ id: string; expiresAt: Date }> {
	const guest: BoardRole = 'guest';
	const [row] = await tx.query<{ id: string; expiresAt: Date }>(
		`insert into public.invitations (board_id, email, role, token_hash, invited_by, expires_at, meeting_id)
		 values ($1, lower($2), $3, $4, (select auth.uid()), now() + make_interval(days => $5), $6)
		 on conflict (board_id, lower(email)) where accepted_at is null and revoked_at is null
		 do update set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by,
			created_at = now(), expires_at = excluded.expires_at, meeting_id = excluded.meeting_id
		 returning id, expires_at as "expiresAt"`,
		[input.boardId, input.email, guest, input.tokenHash, input.validDays, input.meetingId]
	);
	return row!;
}

export async function listPendingGuestInvitations(tx: Tx, input: { boardId: string; meetingId: string }): Promise<{ email: string; expiresAt: Date }[]> {
	return tx.query(
		`select email, expires_at as "expiresAt" from public.invitations
		 where board_id = $1 and meeting_id = $2 and accepted_at is null and revoked_at is null and expires_at > now()
		 order by created_at`,
		[input.boardId, input.meetingId]
	);
}
