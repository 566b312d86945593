import type { Tx } from '../db/types';

// SQL of the round's system tasks (system task 'paper-rounds'): the suggestion ledger, reminders and expiry.

/** Open rounds of a paper (not closed, deadline not passed). */
export async function openRoundsOf(tx: Tx, paperId: string): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`select id from public.paper_rounds where paper_id = $1 and closed_at is null and ends_at > now()`,
		[paperId]
	);
	return rows.map((row) => row.id);
}

export async function trackedOpen(tx: Tx, roundId: string): Promise<{ id: string; kind: string; body: string }[]> {
	return tx.query(
		`select suggestion_id as id, kind, body from public.paper_round_suggestions where round_id = $1 and state = 'open'`,
		[roundId]
	);
}

export async function upsertSuggestion(
	tx: Tx,
	input: {
		roundId: string;
		id: string;
		kind: 'insert' | 'delete';
		authorId: string | null;
		authorName: string | null;
		text: string;
		section: string | null;
	}
): Promise<void> {
	await tx.query(
		`insert into public.paper_round_suggestions (round_id, suggestion_id, kind, author_id, author_name, body, section)
		 values ($1, $2, $3, (select id from auth.users where id::text = $4), $5, $6, $7)
		 on conflict (round_id, suggestion_id) do update set body = excluded.body, section = excluded.section,
			state = 'open', decided_at = null`,
		[
			input.roundId,
			input.id.slice(0, 200),
			input.kind,
			input.authorId ?? '',
			input.authorName?.slice(0, 200) ?? null,
			input.text.slice(0, 5000),
			input.section?.slice(0, 500) ?? null
		]
	);
}

export async function decideSuggestion(
	tx: Tx,
	input: { roundId: string; id: string; state: 'accepted' | 'rejected' }
): Promise<void> {
	await tx.query(
		`update public.paper_round_suggestions set state = $3, decided_at = now()
		 where round_id = $1 and suggestion_id = $2 and state = 'open'`,
		[input.roundId, input.id, input.state]
	);
}

/**
 * The decisions recorded when someone accepted or rejected a suggestion (paper_suggestion_decisions, the
 * latest per suggestion) replace the tracker's guess for suggestions that have left the document.
 */
export async function applyRecordedDecisions(tx: Tx, roundId: string): Promise<void> {
	await tx.query(
		`update public.paper_round_suggestions s set state = d.decision, decided_at = d.decided_at
		   from (select distinct on (x.suggestion_id) x.suggestion_id, x.decision, x.decided_at
		           from public.paper_suggestion_decisions x
		           join public.paper_rounds r on r.paper_id = x.paper_id
		          where r.id = $1
		          order by x.suggestion_id, x.decided_at desc) d
		  where s.round_id = $1 and s.suggestion_id = d.suggestion_id and s.state <> 'open'
		    and s.state <> d.decision`,
		[roundId]
	);
}

/** Claims the reminders of rounds ending within `withinMs` (once per round: the claim commits first). */
export async function claimReminders(tx: Tx, now: Date, withinMs: number): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`update public.paper_rounds set reminder_sent_at = $1
		 where closed_at is null and reminder_sent_at is null and ends_at > $1 and ends_at <= $2 returning id`,
		[now, new Date(now.getTime() + withinMs)]
	);
	return rows.map((row) => row.id);
}

/** Marks rounds past their deadline as expired; their contributors' sockets are closed by the caller. */
export async function claimExpired(
	tx: Tx,
	now: Date
): Promise<{ id: string; paperId: string; boardId: string; contributors: string[] }[]> {
	return tx.query(
		`update public.paper_rounds r set expired_at = $1 where r.expired_at is null and r.ends_at <= $1
		 returning r.id, r.paper_id as "paperId", r.board_id as "boardId",
			array(select rp.user_id::text from public.paper_round_participants rp
			      where rp.round_id = r.id and rp.kind = 'contributor') as contributors`,
		[now]
	);
}

/** Deadlines of open rounds before `until` (the job closes sockets exactly then). */
export async function upcomingDeadlines(tx: Tx, until: Date): Promise<Date[]> {
	const rows = await tx.query<{ endsAt: Date }>(
		`select ends_at as "endsAt" from public.paper_rounds where expired_at is null and ends_at <= $1 order by ends_at`,
		[until]
	);
	return rows.map((row) => new Date(row.endsAt));
}

export interface ReminderData {
	question: string;
	endsAt: Date;
	paperId: string;
	paperTitle: string;
	boardId: string;
	boardName: string;
	boardSlug: string;
	people: { userId: string; displayName: string; email: string; locale: string }[];
}

/** What a reminder says and to whom: every participant of the round. */
export async function reminderData(tx: Tx, roundId: string): Promise<ReminderData> {
	const [round] = await tx.query<Omit<ReminderData, 'people'>>(
		`select r.question, r.ends_at as "endsAt", r.paper_id as "paperId", p.title as "paperTitle",
			b.id as "boardId", b.name as "boardName", b.slug as "boardSlug"
		 from public.paper_rounds r join public.papers p on p.id = r.paper_id join public.boards b on b.id = r.board_id
		 where r.id = $1`,
		[roundId]
	);
	const people = await tx.query<ReminderData['people'][number]>(
		`select pr.user_id as "userId", pr.display_name as "displayName", pr.email, pr.locale
		 from public.paper_round_participants rp join public.profiles pr on pr.user_id = rp.user_id
		 join public.paper_rounds r on r.id = rp.round_id
		 join public.memberships m on m.board_id = r.board_id and m.user_id = rp.user_id and m.active
		 where rp.round_id = $1 order by pr.display_name`,
		[roundId]
	);
	return { ...round!, people };
}
