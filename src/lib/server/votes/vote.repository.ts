import type { BoardRole } from '$lib/roles';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import type { DecisionKind } from '$lib/types/decision.types';
import { insertOnce } from '../db/form-token';

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export type VoteStatus = 'open' | 'adopted' | 'rejected' | 'failed' | 'moved';
export type Majority = 'cast' | 'members';

export interface VoteRow {
	id: string;
	boardId: string;
	kind: 'circular' | 'meeting';
	meetingId: string | null;
	itemId: string | null;
	motion: string;
	/** A circular resolution's own title (null: older votes and meeting votes). */
	title: string | null;
	decisionKind: DecisionKind;
	secret: boolean;
	majority: Majority;
	minParticipation: number;
	discussionThreshold: number;
	deadline: Date | null;
	status: VoteStatus;
	yesCount: number | null;
	noCount: number | null;
	abstainCount: number | null;
	eligibleCount: number | null;
	closedAt: Date | null;
	createdAt: Date;
}

const COLUMNS = `id, board_id as "boardId", kind, meeting_id as "meetingId", item_id as "itemId", motion, title, decision_kind as "decisionKind", secret, majority,
	min_participation as "minParticipation", discussion_threshold as "discussionThreshold", deadline, status,
	yes_count as "yesCount", no_count as "noCount", abstain_count as "abstainCount", eligible_count as "eligibleCount",
	closed_at as "closedAt", created_at as "createdAt"`;

/** Counts of a vote; yes/no/abstain are null while a secret vote is open (nobody reads them before the close). */
export interface Tally {
	yes: number | null;
	no: number | null;
	abstain: number | null;
	voted: number;
	eligible: number;
	discussion: number;
}

/** The counts a closed vote was decided on. */
export type FinalTally = { [K in keyof Tally]: number };

export interface Voter {
	userId: string;
	displayName: string;
	email: string;
	locale: 'de' | 'en';
	role: BoardRole | null;
	excluded: boolean;
	discussionRequested: boolean;
}

export async function listVotes(tx: Tx, boardId: string): Promise<(VoteRow & { asked: boolean; voted: boolean })[]> {
	return tx.query(
		`select ${COLUMNS},
			exists (select 1 from public.vote_voters w where w.vote_id = v.id and w.user_id = (select auth.uid()) and not w.excluded) as asked,
			exists (select 1 from public.vote_participation p where p.vote_id = v.id and p.user_id = (select auth.uid())) as voted
		 from public.votes v where board_id = $1 and kind = 'circular' order by status = 'open' desc, deadline desc`,
		[boardId]
	);
}

export async function findVote(
	tx: Tx,
	input: { boardId: string; voteId: string; forUpdate?: boolean }
): Promise<VoteRow | null> {
	const [row] = await tx.query<VoteRow>(
		`select ${COLUMNS} from public.votes where board_id = $1 and id = $2 ${input.forUpdate ? 'for update' : ''}`,
		[input.boardId, input.voteId]
	);
	return row ?? null;
}

export async function findVoteById(tx: Tx, voteId: string, forUpdate = false): Promise<VoteRow | null> {
	const [row] = await tx.query<VoteRow>(
		`select ${COLUMNS} from public.votes where id = $1 ${forUpdate ? 'for update' : ''}`,
		[voteId]
	);
	return row ?? null;
}

/** A new vote; with a form token a repeat returns the first vote (`created` false) instead of a second. */
export async function insertVote(
	tx: Tx,
	input: Pick<
		VoteRow,
		| 'boardId'
		| 'kind'
		| 'meetingId'
		| 'itemId'
		| 'motion'
		| 'secret'
		| 'majority'
		| 'minParticipation'
		| 'discussionThreshold'
		| 'deadline'
	> & {
		formToken?: string | null;
		title?: string | null;
		decisionKind?: DecisionKind;
	}
): Promise<{ id: string; created: boolean }> {
	const id = randomUUID();
	return insertOnce(tx, {
		table: 'votes',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.votes (id, board_id, kind, meeting_id, item_id, motion, secret, majority, min_participation, discussion_threshold, deadline, created_by, form_token, title, decision_kind)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (select auth.uid()), $12, $13, $14) on conflict (form_token) do nothing`,
				[
					id,
					input.boardId,
					input.kind,
					input.meetingId,
					input.itemId,
					input.motion,
					input.secret,
					input.majority,
					input.minParticipation,
					input.discussionThreshold,
					input.deadline,
					input.formToken ?? null,
					input.title ?? null,
					input.decisionKind ?? 'resolution'
				]
			)
	});
}

export async function insertVoters(
	tx: Tx,
	input: { voteId: string; boardId: string; userIds: string[]; excluded?: string[] }
): Promise<void> {
	await tx.query(
		`insert into public.vote_voters (vote_id, board_id, user_id, excluded)
		 select $1, $2, u, u = any ($4::uuid[]) from unnest($3::uuid[]) as u`,
		[input.voteId, input.boardId, input.userIds, input.excluded ?? []]
	);
}

export async function listVoters(tx: Tx, voteId: string): Promise<Voter[]> {
	return tx.query<Voter>(
		`select w.user_id as "userId", p.display_name as "displayName", p.email, p.locale, m.role, w.excluded,
			w.discussion_requested_at is not null as "discussionRequested"
		 from public.vote_voters w
		 join public.votes v on v.id = w.vote_id
		 join public.profiles p on p.user_id = w.user_id
		 left join public.memberships m on m.board_id = w.board_id and m.user_id = w.user_id and m.active
		 where w.vote_id = $1 order by p.display_name`,
		[voteId]
	);
}

export async function tally(tx: Tx, voteId: string): Promise<Tally> {
	const [row] = await tx.query<Tally>(`select * from public.vote_tally($1)`, [voteId]);
	return row ?? { yes: 0, no: 0, abstain: 0, voted: 0, eligible: 0, discussion: 0 };
}

/** Named choices the caller may see (RLS: own, or all for office/chair). */
export async function listChoices(tx: Tx, voteId: string): Promise<{ userId: string; choice: VoteChoice }[]> {
	return tx.query(`select user_id as "userId", choice from public.vote_choices where vote_id = $1`, [voteId]);
}

export async function participants(tx: Tx, voteId: string): Promise<string[]> {
	const rows = await tx.query<{ userId: string }>(
		`select user_id as "userId" from public.vote_participation where vote_id = $1`,
		[voteId]
	);
	return rows.map((row) => row.userId);
}

export async function castVote(tx: Tx, voteId: string, choice: VoteChoice): Promise<boolean> {
	const [row] = await tx.query<{ ok: boolean }>(`select public.cast_vote($1, $2) as ok`, [voteId, choice]);
	return row?.ok === true;
}

export async function requestDiscussion(tx: Tx, voteId: string): Promise<VoteStatus | null> {
	const [row] = await tx.query<{ status: VoteStatus | null }>(`select public.request_vote_discussion($1) as status`, [
		voteId
	]);
	return row?.status ?? null;
}

/**
 * Closes a circular vote through public.close_circular_vote: an open one gets its result and, when
 * adopted, its decision-log entry; one moved to a meeting gets its counts (system path only). Under the
 * vote's lock; null when there was nothing (more) to count.
 */
export async function closeCircularVote(
	tx: Tx,
	voteId: string
): Promise<{ status: VoteStatus; tally: FinalTally } | null> {
	const [row] = await tx.query<{ status: VoteStatus } & FinalTally>(
		`select closed_status as status, tally_yes as yes, tally_no as no, tally_abstain as abstain, tally_voted as voted,
			tally_eligible as eligible, tally_discussion as discussion
		 from public.close_circular_vote($1)`,
		[voteId]
	);
	if (!row) return null;
	const { status, ...tally } = row;
	return { status, tally };
}

/** Open circular votes past their deadline or voted in by everyone, and moved ones not counted yet (system task). */
export async function dueForClosing(tx: Tx, now: Date): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`select v.id from public.votes v where v.kind = 'circular' and ((v.status = 'open'
		 and (v.deadline <= $1 or (select count(*) from public.vote_participation p where p.vote_id = v.id)
			>= (select count(*) from public.vote_voters w where w.vote_id = v.id and not w.excluded)))
		 or (v.status = 'moved' and v.yes_count is null))`,
		[now]
	);
	return rows.map((row) => row.id);
}

/** Claims open votes whose deadline is within `withinMs` for the one reminder (system task). */
export async function claimReminders(tx: Tx, now: Date, withinMs: number): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`update public.votes set reminder_sent_at = $1 where kind = 'circular' and status = 'open' and reminder_sent_at is null
		 and deadline > $1 and deadline <= $2 returning id`,
		[now, new Date(now.getTime() + withinMs)]
	);
	return rows.map((row) => row.id);
}

export async function boardOf(tx: Tx, boardId: string): Promise<{ name: string; slug: string }> {
	const [row] = await tx.query<{ name: string; slug: string }>(`select name, slug from public.boards where id = $1`, [
		boardId
	]);
	return row!;
}
