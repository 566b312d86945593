import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';

export interface OpenInvitation {
	id: string;
	boardId: string;
	boardName: string;
	email: string;
	role: BoardRole;
	organisation: string | null;
	function: string | null;
	expired: boolean;
	/** Whether an account with this address exists already. */
	accountExists: boolean;
}

/** System task: the open invitation behind a token hash, locked when `forUpdate`. */
export async function findOpenInvitation(
	tx: Tx,
	input: { tokenHash: string; forUpdate?: boolean }
): Promise<OpenInvitation | null> {
	const [row] = await tx.query<OpenInvitation>(
		`select i.id, i.board_id as "boardId", b.name as "boardName", i.email, i.role, i.organisation, i."function",
			i.expires_at <= now() as expired,
			exists (select 1 from public.profiles p where lower(p.email) = lower(i.email)) as "accountExists"
		 from public.invitations i join public.boards b on b.id = i.board_id
		 where i.token_hash = $1 and i.accepted_at is null and i.revoked_at is null
		 ${input.forUpdate ? 'for update of i' : ''}`,
		[input.tokenHash]
	);
	return row ?? null;
}

/**
 * System task (single sign-on, #17): the invitations to this address not yet accepted or revoked, expired
 * ones included (flagged), oldest first; locked when `forUpdate`.
 */
export async function findOpenInvitationsByEmail(
	tx: Tx,
	input: { email: string; forUpdate?: boolean }
): Promise<OpenInvitation[]> {
	return tx.query<OpenInvitation>(
		`select i.id, i.board_id as "boardId", b.name as "boardName", i.email, i.role, i.organisation, i."function",
			i.expires_at <= now() as expired,
			exists (select 1 from public.profiles p where lower(p.email) = lower(i.email)) as "accountExists"
		 from public.invitations i join public.boards b on b.id = i.board_id
		 where lower(i.email) = lower($1) and i.accepted_at is null and i.revoked_at is null
		 order by i.created_at, i.id
		 ${input.forUpdate ? 'for update of i' : ''}`,
		[input.email]
	);
}

/** System task: the invitation becomes a membership (reactivated if the person was a member before). */
export async function acceptInvitation(
	tx: Tx,
	input: { invitation: OpenInvitation; userId: string; displayName: string | null; locale: string }
): Promise<void> {
	const { invitation, userId } = input;
	if (input.displayName) {
		await tx.query(
			`insert into public.profiles (user_id, email, display_name, organisation, "function", locale)
			 values ($1, $2, $3, $4, $5, $6) on conflict (user_id) do nothing`,
			[userId, invitation.email, input.displayName, invitation.organisation, invitation.function, input.locale]
		);
	}
	await tx.query(
		`insert into public.memberships (board_id, user_id, role, organisation, "function", active, invited_at, joined_at)
		 select $1, $2, i.role, i.organisation, i."function", true, i.created_at, now() from public.invitations i where i.id = $3
		 on conflict (board_id, user_id) do update set role = excluded.role, organisation = excluded.organisation,
			"function" = excluded."function", active = true, invited_at = excluded.invited_at, joined_at = now()`,
		[invitation.boardId, userId, invitation.id]
	);
	// A guest invitation names one meeting: accepting it makes the guest an invitee of that meeting.
	await tx.query(
		`insert into public.meeting_guests (meeting_id, user_id)
		 select i.meeting_id, $2 from public.invitations i where i.id = $1 and i.meeting_id is not null
		 on conflict do nothing`,
		[invitation.id, userId]
	);
	// A contributor's invitation names a consultation round (#15): accepting it makes the guest its contributor.
	await tx.query(
		`insert into public.paper_round_participants (round_id, user_id, kind)
		 select i.round_id, $2, 'contributor' from public.invitations i where i.id = $1 and i.round_id is not null
		 on conflict do nothing`,
		[invitation.id, userId]
	);
	await tx.query(`update public.invitations set accepted_at = now() where id = $1`, [invitation.id]);
}

/**
 * Where a just accepted contributor's invitation leads (#15): the page of its consultation round, or null for
 * an invitation without one. Only an accepted invitation answers, so the address waits for the acceptance.
 */
export async function acceptedRoundPage(tx: Tx, tokenHash: string): Promise<string | null> {
	const rows = await tx.query<{ slug: string; paperId: string; roundId: string }>(
		`select b.slug, r.paper_id as "paperId", r.id as "roundId"
		   from public.invitations i
		   join public.paper_rounds r on r.id = i.round_id
		   join public.boards b on b.id = r.board_id
		  where i.token_hash = $1 and i.accepted_at is not null and i.revoked_at is null`,
		[tokenHash]
	);
	const row = rows[0];
	return row ? `/b/${row.slug}/papers/${row.paperId}/rounds/${row.roundId}` : null;
}
