import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import { insertOnce } from '../db/form-token';
import type { AgendaItemKind, ProposalRow } from '$lib/types/agenda.types';

export interface ConflictRow {
	itemId: string;
	userId: string;
	displayName: string | null;
	reason: string | null;
	declaredAt: Date;
	withdrawnAt: Date | null;
}

/** Inserts a proposal by the current person; a repeated form token returns the first proposal's id. */
export async function insertProposal(
	tx: Tx,
	input: { meetingId: string; title: string; description: string; kind: AgendaItemKind; formToken?: string | null }
): Promise<string> {
	const id = randomUUID();
	const { id: proposalId } = await insertOnce(tx, {
		table: 'agenda_proposals',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.agenda_proposals (id, meeting_id, proposed_by, title, description, kind, form_token)
				 values ($1, $2, (select auth.uid()), $3, $4, $5, $6) on conflict (form_token) do nothing`,
				[id, input.meetingId, input.title, input.description, input.kind, input.formToken ?? null]
			)
	});
	return proposalId;
}

/** The proposals the current person may see: all for the office and chair, otherwise their own. */
export async function listProposals(tx: Tx, meetingId: string): Promise<ProposalRow[]> {
	return tx.query<ProposalRow>(
		`select a.id, a.title, a.description, a.kind, a.status, a.decline_reason as "declineReason", a.proposed_by as "proposedBy",
			p.display_name as "proposerName", a.created_at as "createdAt", a.decided_at as "decidedAt"
		 from public.agenda_proposals a left join public.profiles p on p.user_id = a.proposed_by
		 where a.meeting_id = $1 order by a.created_at`,
		[meetingId]
	);
}

export async function findOpenProposal(
	tx: Tx,
	input: { meetingId: string; proposalId: string }
): Promise<ProposalRow | null> {
	const rows = await listProposals(tx, input.meetingId);
	return rows.find((row) => row.id === input.proposalId && row.status === 'open') ?? null;
}

export async function decideProposal(
	tx: Tx,
	input: { proposalId: string; status: 'accepted' | 'declined'; reason: string | null; itemId: string | null }
): Promise<boolean> {
	const rows = await tx.query(
		`update public.agenda_proposals set status = $2, decline_reason = $3, item_id = $4, decided_by = (select auth.uid()), decided_at = now()
		 where id = $1 and status = 'open' returning id`,
		[input.proposalId, input.status, input.reason, input.itemId]
	);
	return rows.length > 0;
}

/** Declares (or declares again after a withdrawal) a conflict of interest for the current person. */
export async function upsertConflict(
	tx: Tx,
	input: { meetingId: string; itemId: string; reason: string | null }
): Promise<void> {
	await tx.query(
		`insert into public.agenda_conflicts (item_id, user_id, meeting_id, reason) values ($2, (select auth.uid()), $1, $3)
		 on conflict (item_id, user_id) do update set reason = excluded.reason, declared_at = now(), withdrawn_at = null`,
		[input.meetingId, input.itemId, input.reason]
	);
}

export async function withdrawConflict(tx: Tx, input: { meetingId: string; itemId: string }): Promise<boolean> {
	const rows = await tx.query(
		`update public.agenda_conflicts set withdrawn_at = now()
		 where meeting_id = $1 and item_id = $2 and user_id = (select auth.uid()) and withdrawn_at is null returning item_id`,
		[input.meetingId, input.itemId]
	);
	return rows.length > 0;
}

/** Declarations the current person may see (their own; all for the office and chair), active ones first. */
export async function listConflicts(tx: Tx, meetingId: string): Promise<ConflictRow[]> {
	return tx.query<ConflictRow>(
		`select c.item_id as "itemId", c.user_id as "userId", p.display_name as "displayName", c.reason,
			c.declared_at as "declaredAt", c.withdrawn_at as "withdrawnAt"
		 from public.agenda_conflicts c left join public.profiles p on p.user_id = c.user_id
		 where c.meeting_id = $1 order by c.withdrawn_at nulls first, c.declared_at`,
		[meetingId]
	);
}

/** Active declarations with the person's board role: whoever holds a vote does not vote on that item. */
export async function listActiveConflictsWithRole(tx: Tx, meetingId: string) {
	return tx.query<{ itemId: string; userId: string; role: string }>(
		`select c.item_id as "itemId", c.user_id as "userId", ms.role
		 from public.agenda_conflicts c
		 join public.meetings m on m.id = c.meeting_id
		 join public.memberships ms on ms.board_id = m.board_id and ms.user_id = c.user_id
		 where c.meeting_id = $1 and c.withdrawn_at is null order by c.item_id, c.user_id`,
		[meetingId]
	);
}
