import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';
import { randomUUID } from 'node:crypto';
import { insertOnce } from '../db/form-token';
import { rolesAllowed } from '../boards/policy';

export const POLL_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];

export interface PollRow {
	id: string;
	boardId: string;
	meetingId: string | null;
	title: string;
	durationMinutes: number;
	deadline: Date;
	anonymous: boolean;
	status: 'open' | 'closed';
	chosenSlotId: string | null;
	createdAt: Date;
}

const POLL_COLUMNS = `id, board_id as "boardId", meeting_id as "meetingId", title, duration_minutes as "durationMinutes",
	deadline, anonymous, status, chosen_slot_id as "chosenSlotId", created_at as "createdAt"`;

export interface SlotTally {
	id: string;
	startsAt: Date;
	yes: number;
	maybe: number;
	no: number;
	/** Voting members (chair, deputy, member) answering yes or if need be. */
	votingAvailable: number;
}

export interface Participant {
	userId: string;
	displayName: string;
	email: string;
	locale: 'de' | 'en';
	role: BoardRole | null;
}

export async function listPolls(
	tx: Tx,
	boardId: string
): Promise<(PollRow & { slotCount: number; asked: boolean; answered: boolean })[]> {
	return tx.query(
		`select ${POLL_COLUMNS},
			(select count(*)::int from public.poll_slots s where s.poll_id = p.id) as "slotCount",
			exists (select 1 from public.poll_participants pp where pp.poll_id = p.id and pp.user_id = (select auth.uid())) as asked,
			exists (select 1 from public.poll_answers a where a.poll_id = p.id and a.user_id = (select auth.uid())) as answered
		 from public.polls p where board_id = $1 order by status, deadline`,
		[boardId]
	);
}

export async function findPoll(
	tx: Tx,
	input: { boardId: string; pollId: string; forUpdate?: boolean }
): Promise<PollRow | null> {
	const [row] = await tx.query<PollRow>(
		`select ${POLL_COLUMNS} from public.polls where board_id = $1 and id = $2 ${input.forUpdate ? 'for update' : ''}`,
		[input.boardId, input.pollId]
	);
	return row ?? null;
}

/** A new poll; with a form token a repeat returns the first poll (`created` false). */
export async function insertPoll(
	tx: Tx,
	input: {
		boardId: string;
		meetingId: string | null;
		title: string;
		durationMinutes: number;
		deadline: Date;
		anonymous: boolean;
		formToken?: string | null;
	}
): Promise<{ id: string; created: boolean }> {
	const id = randomUUID();
	return insertOnce(tx, {
		table: 'polls',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.polls (id, board_id, meeting_id, title, duration_minutes, deadline, anonymous, created_by, form_token)
				 values ($1, $2, $3, $4, $5, $6, $7, (select auth.uid()), $8) on conflict (form_token) do nothing`,
				[
					id,
					input.boardId,
					input.meetingId,
					input.title,
					input.durationMinutes,
					input.deadline,
					input.anonymous,
					input.formToken ?? null
				]
			)
	});
}

export async function insertSlots(tx: Tx, input: { pollId: string; boardId: string; slots: Date[] }): Promise<void> {
	await tx.query(
		`insert into public.poll_slots (poll_id, board_id, starts_at) select $1, $2, unnest($3::timestamptz[])`,
		[input.pollId, input.boardId, input.slots.map((slot) => slot.toISOString())]
	);
}

export async function insertParticipants(
	tx: Tx,
	input: { pollId: string; boardId: string; userIds: string[] }
): Promise<void> {
	await tx.query(
		`insert into public.poll_participants (poll_id, user_id, board_id) select $1, unnest($3::uuid[]), $2`,
		[input.pollId, input.boardId, input.userIds]
	);
}

export async function slotTallies(tx: Tx, pollId: string): Promise<SlotTally[]> {
	return tx.query<SlotTally>(
		`select s.id, s.starts_at as "startsAt", coalesce(t.yes, 0) as yes, coalesce(t.maybe, 0) as maybe, coalesce(t.no, 0) as no,
			coalesce(t.voting_available, 0) as "votingAvailable"
		 from public.poll_slots s left join public.poll_tally($1) t on t.slot_id = s.id
		 where s.poll_id = $1 order by s.starts_at`,
		[pollId]
	);
}

/** The people asked, with their current role in the board (null once they left). */
export async function listParticipants(tx: Tx, input: { pollId: string; boardId: string }): Promise<Participant[]> {
	return tx.query<Participant>(
		`select pp.user_id as "userId", coalesce(p.display_name, '–') as "displayName", coalesce(p.email, '') as email,
			coalesce(p.locale, 'de') as locale, m.role
		 from public.poll_participants pp
		 left join public.profiles p on p.user_id = pp.user_id
		 left join public.memberships m on m.user_id = pp.user_id and m.board_id = $2 and m.active
		 where pp.poll_id = $1 order by p.display_name`,
		[input.pollId, input.boardId]
	);
}

/** Answers the caller may see (RLS: their own; others' unless the poll is anonymous). */
export async function listAnswers(
	tx: Tx,
	pollId: string
): Promise<{ slotId: string; userId: string; answer: PollAnswer }[]> {
	return tx.query(
		`select slot_id as "slotId", user_id as "userId", answer from public.poll_answers where poll_id = $1`,
		[pollId]
	);
}

export async function upsertAnswers(
	tx: Tx,
	input: { pollId: string; boardId: string; answers: { slotId: string; answer: PollAnswer }[] }
): Promise<void> {
	await tx.query(
		`insert into public.poll_answers (slot_id, poll_id, user_id, board_id, answer)
		 select a.slot_id, $1, (select auth.uid()), $2, a.answer from unnest($3::uuid[], $4::text[]) as a(slot_id, answer)
		 on conflict (slot_id, user_id) do update set answer = excluded.answer, updated_at = now()`,
		[input.pollId, input.boardId, input.answers.map((a) => a.slotId), input.answers.map((a) => a.answer)]
	);
}

/** Closes the poll on its slot and meeting; `formToken` is the scheduling form's one-time token. */
export async function closePoll(
	tx: Tx,
	input: { pollId: string; slotId: string; meetingId: string; formToken?: string | null }
): Promise<void> {
	await tx.query(
		`update public.polls set status = 'closed', chosen_slot_id = $2, meeting_id = $3, schedule_form_token = $4 where id = $1`,
		[input.pollId, input.slotId, input.meetingId, input.formToken ?? null]
	);
}

/** The token of the form that scheduled this poll (null when open or scheduled without one). */
export async function scheduleFormToken(tx: Tx, pollId: string): Promise<string | null> {
	const [row] = await tx.query<{ token: string | null }>(
		`select schedule_form_token as token from public.polls where id = $1`,
		[pollId]
	);
	return row?.token ?? null;
}

/** Active voting members of the board: the base of the quorum. */
export async function countVotingMembers(tx: Tx, boardId: string): Promise<number> {
	const [row] = await tx.query<{ count: number }>(
		`select count(*)::int as count from public.memberships where board_id = $1 and active and role = any($2::text[]::public.board_role[])`,
		[boardId, rolesAllowed('votes.cast')]
	);
	return row?.count ?? 0;
}

/** Planned meetings a poll may find a date for. */
export async function listPlannedMeetings(tx: Tx, boardId: string): Promise<{ id: string; title: string }[]> {
	return tx.query(
		`select id, title from public.meetings where board_id = $1 and status = 'planned' order by starts_at`,
		[boardId]
	);
}

/** Open polls whose deadline is within `withinMs` and which ran long enough for a reminder to make sense. */
export async function pollsNearDeadline(
	tx: Tx,
	input: { now: Date; withinMs: number }
): Promise<(PollRow & { boardSlug: string; boardName: string })[]> {
	return tx.query(
		`select p.*, b.slug as "boardSlug", b.name as "boardName"
		 from (select ${POLL_COLUMNS} from public.polls) p join public.boards b on b.id = p."boardId"
		 where p.status = 'open' and p.deadline > $1 and p.deadline <= $1::timestamptz + ($2::int * interval '1 millisecond')
			and p.deadline - p."createdAt" > ($2::int * interval '1 millisecond')
		 order by p.deadline`,
		[input.now, input.withinMs]
	);
}

/** The people asked who have not answered a single slot yet. */
export async function listUnanswered(tx: Tx, input: { pollId: string; boardId: string }): Promise<Participant[]> {
	const people = await listParticipants(tx, input);
	const answered = await tx.query<{ userId: string }>(
		`select distinct user_id as "userId" from public.poll_answers where poll_id = $1`,
		[input.pollId]
	);
	const done = new Set(answered.map((row) => row.userId));
	return people.filter((person) => !done.has(person.userId) && person.role && person.email);
}
