import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';

export interface MemberRow {
	membershipId: string;
	userId: string;
	displayName: string;
	email: string;
	role: BoardRole;
	organisation: string | null;
	function: string | null;
	active: boolean;
	invitedAt: Date | null;
	joinedAt: Date | null;
}

export interface InvitationRow {
	id: string;
	email: string;
	role: BoardRole;
	organisation: string | null;
	function: string | null;
	createdAt: Date;
	expiresAt: Date;
}

/** The board's people as the current user may see them (RLS); inactive ones only when asked. */
export async function listMembers(tx: Tx, input: { boardId: string; includeInactive: boolean }): Promise<MemberRow[]> {
	return tx.query<MemberRow>(
		`select m.id as "membershipId", m.user_id as "userId", p.display_name as "displayName", p.email,
			m.role, coalesce(m.organisation, p.organisation) as organisation, coalesce(m."function", p."function") as "function",
			m.active, m.invited_at as "invitedAt", m.joined_at as "joinedAt"
		 from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and ($2 or m.active)
		 order by m.active desc, array_position(array['office','chair','deputy','member','advisor','guest']::public.board_role[], m.role), p.display_name`,
		[input.boardId, input.includeInactive]
	);
}

export async function findMembership(
	tx: Tx,
	input: { boardId: string; membershipId: string }
): Promise<MemberRow | null> {
	const rows = await listMembers(tx, { boardId: input.boardId, includeInactive: true });
	return rows.find((row) => row.membershipId === input.membershipId) ?? null;
}

export async function updateMembership(
	tx: Tx,
	input: { boardId: string; membershipId: string; role?: BoardRole; active?: boolean }
): Promise<boolean> {
	const rows = await tx.query(
		`update public.memberships set role = coalesce($3::public.board_role, role), active = coalesce($4, active)
		 where board_id = $1 and id = $2 returning id`,
		[input.boardId, input.membershipId, input.role ?? null, input.active ?? null]
	);
	return rows.length > 0;
}

/** Active office memberships left in the board (a board must keep at least one). */
export async function countActiveOffice(tx: Tx, boardId: string): Promise<number> {
	const [row] = await tx.query<{ count: number }>(
		`select count(*)::int as count from public.memberships where board_id = $1 and active and role = 'office'`,
		[boardId]
	);
	return row?.count ?? 0;
}

export async function listOpenInvitations(tx: Tx, boardId: string): Promise<InvitationRow[]> {
	return tx.query<InvitationRow>(
		`select id, email, role, organisation, "function", created_at as "createdAt", expires_at as "expiresAt"
		 from public.invitations where board_id = $1 and accepted_at is null and revoked_at is null
		 order by created_at desc`,
		[boardId]
	);
}

export async function isActiveMemberByEmail(tx: Tx, input: { boardId: string; email: string }): Promise<boolean> {
	const rows = await tx.query(
		`select 1 from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and lower(p.email) = lower($2) and m.active`,
		[input.boardId, input.email]
	);
	return rows.length > 0;
}

export interface NewInvitation {
	boardId: string;
	email: string;
	role: BoardRole;
	organisation: string | null;
	function: string | null;
	tokenHash: string;
	/** Days until the link expires. */
	validDays: number;
	/** The invitation form's one-time token (a renewal takes it over). */
	formToken?: string | null;
}

/** Creates the invitation, or renews the open one for the same address (new token, new expiry). */
export async function upsertInvitation(tx: Tx, input: NewInvitation): Promise<{ id: string; expiresAt: Date }> {
	const [row] = await tx.query<{ id: string; expiresAt: Date }>(
		`insert into public.invitations (board_id, email, role, organisation, "function", token_hash, invited_by, expires_at, form_token)
		 values ($1, lower($2), $3, $4, $5, $6, (select auth.uid()), now() + make_interval(days => $7), $8)
		 on conflict (board_id, lower(email)) where accepted_at is null and revoked_at is null
		 do update set role = excluded.role, organisation = excluded.organisation, "function" = excluded."function",
			token_hash = excluded.token_hash, invited_by = excluded.invited_by, created_at = now(), expires_at = excluded.expires_at,
			form_token = excluded.form_token
		 returning id, expires_at as "expiresAt"`,
		[
			input.boardId,
			input.email,
			input.role,
			input.organisation,
			input.function,
			input.tokenHash,
			input.validDays,
			input.formToken ?? null
		]
	);
	return row!;
}

/** The invitation (member or guest) a form token made or renewed, as office sees it. */
export async function invitationOfFormToken(
	tx: Tx,
	formToken: string | null | undefined
): Promise<{ id: string; boardId: string; email: string; meetingId: string | null; expiresAt: Date } | null> {
	if (!formToken) return null;
	const [row] = await tx.query<{
		id: string;
		boardId: string;
		email: string;
		meetingId: string | null;
		expiresAt: Date;
	}>(
		`select id, board_id as "boardId", email, meeting_id as "meetingId", expires_at as "expiresAt" from public.invitations where form_token = $1`,
		[formToken]
	);
	return row ?? null;
}

/** Gives an open invitation a new token and expiry; null when it is not open (or not visible). */
export async function renewInvitation(
	tx: Tx,
	input: { boardId: string; invitationId: string; tokenHash: string; validDays: number }
): Promise<(InvitationRow & { expiresAt: Date }) | null> {
	const [row] = await tx.query<InvitationRow>(
		`update public.invitations set token_hash = $3, expires_at = now() + make_interval(days => $4), created_at = now()
		 where board_id = $1 and id = $2 and accepted_at is null and revoked_at is null
		 returning id, email, role, organisation, "function", created_at as "createdAt", expires_at as "expiresAt"`,
		[input.boardId, input.invitationId, input.tokenHash, input.validDays]
	);
	return row ?? null;
}

export async function revokeInvitation(tx: Tx, input: { boardId: string; invitationId: string }): Promise<boolean> {
	const rows = await tx.query(
		`update public.invitations set revoked_at = now()
		 where board_id = $1 and id = $2 and accepted_at is null and revoked_at is null returning id`,
		[input.boardId, input.invitationId]
	);
	return rows.length > 0;
}
