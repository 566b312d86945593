import type { Tx } from '../db/types';
import type { RoundRow, RoundParticipant, RoundThread, TrackedSuggestion } from './round.types';

const ROUND_COLUMNS = `r.id, r.board_id as "boardId", r.paper_id as "paperId", p.title as "paperTitle", r.question,
	r.ends_at as "endsAt", r.created_at as "createdAt", r.closed_at as "closedAt", r.summary,
	cp.display_name as "closedByName", (r.closed_at is null and r.ends_at > now()) as "isOpen",
	public.can_run_round(r.id) as "mayRun"`;

/** A new round; `on conflict do nothing` without target (the select policy reads the table itself). */
export async function insertRound(
	tx: Tx,
	input: {
		id: string;
		boardId: string;
		paperId: string;
		question: string;
		endsAt: Date;
		formToken: string | null;
	}
): Promise<void> {
	await tx.query(
		`insert into public.paper_rounds (id, board_id, paper_id, question, ends_at, created_by, form_token)
		 values ($1, $2, $3, $4, $5, (select auth.uid()), $6) on conflict do nothing`,
		[input.id, input.boardId, input.paperId, input.question, input.endsAt, input.formToken]
	);
}

export async function roundOfFormToken(tx: Tx, formToken: string | null | undefined): Promise<RoundRow | null> {
	if (!formToken) return null;
	const [row] = await tx.query<{ id: string }>(`select id from public.paper_rounds where form_token = $1`, [formToken]);
	return row ? findRound(tx, row.id) : null;
}

export async function addParticipant(
	tx: Tx,
	input: { roundId: string; userId: string; kind: 'member' | 'contributor' }
): Promise<void> {
	await tx.query(
		`insert into public.paper_round_participants (round_id, user_id, kind) values ($1, $2, $3) on conflict do nothing`,
		[input.roundId, input.userId, input.kind]
	);
}

/** The round (under RLS: null when the person may not see it). */
export async function findRound(tx: Tx, roundId: string): Promise<RoundRow | null> {
	const [row] = await tx.query<RoundRow>(
		`select ${ROUND_COLUMNS}
		 from public.paper_rounds r join public.papers p on p.id = r.paper_id
		 left join public.profiles cp on cp.user_id = r.closed_by
		 where r.id = $1`,
		[roundId]
	);
	return row ?? null;
}

/**
 * The round as one of its participants sees it once their access to the paper may have ended (under RLS:
 * null when the person may not see the round); `paperTitle` is empty when the paper is no longer visible.
 */
export async function findRoundOfParticipant(tx: Tx, roundId: string): Promise<RoundRow | null> {
	const [row] = await tx.query<RoundRow>(
		`select ${ROUND_COLUMNS.replace('p.title as', "coalesce(p.title, '') as")}
		 from public.paper_rounds r left join public.papers p on p.id = r.paper_id
		 left join public.profiles cp on cp.user_id = r.closed_by
		 where r.id = $1`,
		[roundId]
	);
	return row ?? null;
}

export async function listRounds(tx: Tx, paperId: string): Promise<RoundRow[]> {
	return tx.query<RoundRow>(
		`select ${ROUND_COLUMNS}
		 from public.paper_rounds r join public.papers p on p.id = r.paper_id
		 left join public.profiles cp on cp.user_id = r.closed_by
		 where r.paper_id = $1 order by r.created_at desc`,
		[paperId]
	);
}

/** Who was asked, with how many comments each wrote on the paper while the round ran. */
export async function listParticipants(tx: Tx, roundId: string): Promise<RoundParticipant[]> {
	return tx.query<RoundParticipant>(
		`select rp.user_id as "userId", coalesce(pr.display_name, pr.email, '') as "displayName", rp.kind,
			(select count(*)::int from public.comments c join public.comment_threads t on t.id = c.thread_id
			 where t.paper_id = r.paper_id and c.author_id = rp.user_id and c.created_at >= r.created_at
			   and c.created_at <= coalesce(r.closed_at, r.ends_at)) as comments,
			(select count(*)::int from public.paper_round_suggestions s where s.round_id = r.id and s.author_id = rp.user_id)
			  as suggestions
		 from public.paper_round_participants rp join public.paper_rounds r on r.id = rp.round_id
		 left join public.profiles pr on pr.user_id = rp.user_id
		 where rp.round_id = $1 order by rp.kind, 2`,
		[roundId]
	);
}

/** Contributors invited by e-mail who have not accepted yet. */
export async function listPendingInvitations(tx: Tx, roundId: string): Promise<{ email: string; expiresAt: Date }[]> {
	return tx.query(
		`select email, expires_at as "expiresAt" from public.invitations
		 where round_id = $1 and accepted_at is null and revoked_at is null order by created_at`,
		[roundId]
	);
}

/** The comment threads opened or answered on the paper while the round ran, with their first comment. */
export async function listRoundThreads(tx: Tx, input: { roundId: string }): Promise<RoundThread[]> {
	return tx.query<RoundThread>(
		`select t.id, t.quote, t.resolved_at is not null as resolved, first.author_id as "authorId",
			coalesce(ap.display_name, '') as "authorName", first.body, first.created_at as "createdAt",
			(select count(*)::int from public.comments c where c.thread_id = t.id) - 1 as replies
		 from public.paper_rounds r
		 join public.comment_threads t on t.paper_id = r.paper_id
		 join lateral (select c.author_id, c.body, c.created_at from public.comments c where c.thread_id = t.id
			order by c.created_at, c.id limit 1) first on true
		 left join public.profiles ap on ap.user_id = first.author_id
		 where r.id = $1 and exists (select 1 from public.comments c where c.thread_id = t.id
			and c.created_at >= r.created_at and c.created_at <= coalesce(r.closed_at, r.ends_at))
		 order by t.created_at`,
		[input.roundId]
	);
}

export async function listRoundSuggestions(tx: Tx, roundId: string): Promise<TrackedSuggestion[]> {
	return tx.query<TrackedSuggestion>(
		// A decided suggestion shows the recorded decision (readable by whoever may open the paper), even
		// before the tracker's next pass has taken it over.
		`select s.suggestion_id as id, s.kind, s.author_id as "authorId", coalesce(s.author_name, '') as "authorName",
			s.body as text, s.section,
			case when s.state = 'open' then s.state else coalesce(d.decision, s.state) end as state,
			s.seen_at as "seenAt"
		 from public.paper_round_suggestions s
		 join public.paper_rounds r on r.id = s.round_id
		 left join lateral (select x.decision from public.paper_suggestion_decisions x
			where x.paper_id = r.paper_id and x.suggestion_id = s.suggestion_id
			order by x.decided_at desc limit 1) d on true
		 where s.round_id = $1 order by s.seen_at, s.suggestion_id`,
		[roundId]
	);
}

/** Closes an open round with its summary; false when it was closed already (or may not be closed). */
export async function closeRound(tx: Tx, input: { roundId: string; summary: string }): Promise<boolean> {
	const rows = await tx.query(
		`update public.paper_rounds set closed_at = now(), closed_by = (select auth.uid()), summary = $2
		 where id = $1 and closed_at is null returning id`,
		[input.roundId, input.summary]
	);
	return rows.length > 0;
}

/** The board's active full members, to choose whom to ask. */
export async function listBoardMembers(
	tx: Tx,
	boardId: string
): Promise<{ userId: string; displayName: string; email: string; locale: string }[]> {
	return tx.query(
		`select m.user_id as "userId", p.display_name as "displayName", p.email, p.locale
		 from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and m.active and m.role <> 'guest' order by p.display_name`,
		[boardId]
	);
}

/** A contributor's invitation for this round; an open invitation of the same address in the board is renewed. */
export async function upsertRoundInvitation(
	tx: Tx,
	input: { boardId: string; roundId: string; email: string; tokenHash: string; validDays: number }
): Promise<{ id: string; expiresAt: Date }> {
	const [row] = await tx.query<{ id: string; expiresAt: Date }>(
		`insert into public.invitations (board_id, email, role, token_hash, invited_by, expires_at, round_id)
		 values ($1, lower($2), 'guest', $3, (select auth.uid()), now() + make_interval(days => $4), $5)
		 on conflict (board_id, lower(email)) where accepted_at is null and revoked_at is null
		 do update set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by,
			created_at = now(), expires_at = excluded.expires_at, round_id = excluded.round_id, meeting_id = null
		 returning id, expires_at as "expiresAt"`,
		[input.boardId, input.email, input.tokenHash, input.validDays, input.roundId]
	);
	return row!;
}

/** Agenda items of the board's meetings that have not ended yet, to attach the summary to. */
export async function listUpcomingItems(
	tx: Tx,
	boardId: string
): Promise<{ id: string; title: string; meetingTitle: string; startsAt: Date }[]> {
	return tx.query(
		`select i.id, i.title, mt.title as "meetingTitle", mt.starts_at as "startsAt"
		 from public.agenda_items i join public.meetings mt on mt.id = i.meeting_id
		 where mt.board_id = $1 and mt.ends_at > now() - interval '1 day' and mt.status <> 'cancelled'
		 order by mt.starts_at, i.position limit 200`,
		[boardId]
	);
}

/** What the round's mails name. */
export interface RoundMailFacts {
	id: string;
	paperId: string;
	paperTitle: string;
	question: string;
	endsAt: Date;
}
