import type { Tx } from '../db/types';
import type { VoteChoice } from './vote.repository';
import type { DeviceVoteItem } from '$lib/types/device-vote.types';

// Votes in the meeting on people's own devices (#19). The database functions of migration
// 20261207050000 decide who may vote and keep the guarantees of circular votes; this file only calls them
// and reads what the reader may see (RLS: choices only one's own; no counts of an open secret vote).

/** Why a ballot was refused by cast_meeting_vote (or 'ok'). */
export type CastOutcome = 'ok' | 'closed' | 'notVoting' | 'notPresent' | 'conflicted';

/** The meeting's decision items in agenda order, with their vote. */
export async function listItems(tx: Tx, meetingId: string): Promise<DeviceVoteItem[]> {
	return tx.query<DeviceVoteItem>(
		`select i.id as "itemId", i.title, i.is_public as "isPublic", v.id as "voteId", v.status,
			coalesce(v.secret, false) as secret, coalesce(v.on_devices, false) as "onDevices",
			case when v.status <> 'open' then v.yes_count end as yes, case when v.status <> 'open' then v.no_count end as no,
			case when v.status <> 'open' then v.abstain_count end as abstain, v.eligible_count as eligible, v.closed_at as "closedAt"
		 from public.agenda_items i left join public.votes v on v.item_id = i.id
		 where i.meeting_id = $1 and i.kind = 'decision' order by i.position`,
		[meetingId]
	);
}

/** How many have voted and may vote (never how). */
export async function turnout(tx: Tx, voteId: string): Promise<{ voted: number; eligible: number }> {
	const [row] = await tx.query<{ voted: number; eligible: number }>(
		`select voted, eligible from public.meeting_vote_turnout($1)`,
		[voteId]
	);
	return row ?? { voted: 0, eligible: 0 };
}

/** The caller's own ballot state: voted at all, and the choice of a named vote (secret ones keep none). */
export async function myBallot(tx: Tx, voteId: string): Promise<{ voted: boolean; choice: VoteChoice | null }> {
	const [row] = await tx.query<{ voted: boolean; choice: VoteChoice | null }>(
		`select exists (select 1 from public.vote_participation p where p.vote_id = $1 and p.user_id = (select auth.uid())) as voted,
			(select c.choice from public.vote_choices c where c.vote_id = $1 and c.user_id = (select auth.uid())) as choice`,
		[voteId]
	);
	return row ?? { voted: false, choice: null };
}

/** Whether the caller is recorded present at the meeting and has declared a conflict on the item. */
export async function myStanding(
	tx: Tx,
	input: { meetingId: string; itemId: string }
): Promise<{ present: boolean; conflicted: boolean }> {
	const [row] = await tx.query<{ present: boolean; conflicted: boolean }>(
		`select exists (select 1 from public.meeting_attendance a where a.meeting_id = $1 and a.user_id = (select auth.uid()) and a.present) as present,
			exists (select 1 from public.agenda_conflicts c where c.item_id = $2 and c.user_id = (select auth.uid()) and c.withdrawn_at is null) as conflicted`,
		[input.meetingId, input.itemId]
	);
	return row!;
}

/** Names of members excluded from the item's vote by a declared conflict. */
export async function excludedNames(tx: Tx, voteId: string): Promise<string[]> {
	const rows = await tx.query<{ name: string }>(
		`select p.display_name as name from public.vote_voters w join public.profiles p on p.user_id = w.user_id
		 where w.vote_id = $1 and w.excluded order by p.display_name`,
		[voteId]
	);
	return rows.map((row) => row.name);
}

/** Opens the vote on the item; the item's existing vote is returned instead of a second. */
export async function openVote(tx: Tx, input: { itemId: string; secret: boolean }): Promise<string> {
	const [row] = await tx.query<{ id: string }>(`select public.open_meeting_vote($1, $2) as id`, [
		input.itemId,
		input.secret
	]);
	return row!.id;
}

export async function castVote(tx: Tx, voteId: string, choice: VoteChoice): Promise<CastOutcome> {
	const [row] = await tx.query<{ outcome: CastOutcome }>(`select public.cast_meeting_vote($1, $2) as outcome`, [
		voteId,
		choice
	]);
	return row!.outcome;
}

/** The closing count; null when the vote was closed already (a repeated close). */
export async function closeVote(
	tx: Tx,
	voteId: string
): Promise<{
	status: 'adopted' | 'rejected';
	yes: number;
	no: number;
	abstain: number;
	voted: number;
	eligible: number;
} | null> {
	const [row] = await tx.query<{
		status: 'adopted' | 'rejected';
		yes: number;
		no: number;
		abstain: number;
		voted: number;
		eligible: number;
	}>(
		`select closed_status as status, tally_yes as yes, tally_no as no, tally_abstain as abstain, tally_voted as voted,
			tally_eligible as eligible from public.close_meeting_vote($1)`,
		[voteId]
	);
	return row ?? null;
}
