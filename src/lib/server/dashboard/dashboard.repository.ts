import type { Tx } from '../db/types';
import { isUuid } from '../common.schema';
import type {
	LatestDecisionRow,
	MentionRow,
	MyTaskRow,
	NextMeetingRow,
	OpenPollRow,
	OpenVoteRow,
	RecentPaperRow
} from '$lib/types/dashboard.types';

/** A uuid[] literal passed as text, so PGlite and postgres.js agree (no driver-side array encoding). */
function uuidList(ids: readonly string[]): string {
	if (!ids.every(isUuid)) throw new Error('invalid board id');
	return `{${ids.join(',')}}`;
}

// Every query runs under the signed-in person's RLS and is additionally limited to the boards the
// service passes in: RLS decides what may be seen at all, the board list decides what the dashboard
// shows (a guest's boards, for instance, contribute only their meeting).

/** The earliest meeting still ahead (or running) that is open for answers, among the given boards. */
export async function findNextMeeting(tx: Tx, boardIds: readonly string[]): Promise<NextMeetingRow | null> {
	const [row] = await tx.query<NextMeetingRow>(
		`select m.id, m.board_id as "boardId", m.title, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location, m.status,
			m.agenda_published_at is not null as "agendaPublished", r.response as "myResponse", coalesce(r.proxy_note, '') as "myProxyNote",
			b.slug as "boardSlug", b.name as "boardName"
		from public.meetings m
		join public.boards b on b.id = m.board_id
		left join public.meeting_rsvps r on r.meeting_id = m.id and r.user_id = (select auth.uid())
		where m.board_id = any($1::text::uuid[]) and m.status in ('planned', 'invited') and m.ends_at > now()
		order by m.starts_at, m.id
		limit 1`,
		[uuidList(boardIds)]
	);
	return row ?? null;
}

/** Open circular resolutions the person is asked to vote on and has not voted on yet. */
export function listOpenVotes(tx: Tx, input: { boardIds: readonly string[]; limit: number }): Promise<OpenVoteRow[]> {
	return tx.query<OpenVoteRow>(
		`select v.id, v.motion, v.deadline, b.slug as "boardSlug", b.name as "boardName"
		from public.votes v
		join public.boards b on b.id = v.board_id
		join public.vote_voters w on w.vote_id = v.id and w.user_id = (select auth.uid()) and not w.excluded
		where v.board_id = any($1::text::uuid[]) and v.kind = 'circular' and v.status = 'open' and v.deadline > now()
			and not exists (select 1 from public.vote_participation p where p.vote_id = v.id and p.user_id = (select auth.uid()))
		order by v.deadline, v.id
		limit $2`,
		[uuidList(input.boardIds), input.limit]
	);
}

/** Open date polls the person is asked in and has not answered a single date of yet. */
export function listOpenPolls(tx: Tx, input: { boardIds: readonly string[]; limit: number }): Promise<OpenPollRow[]> {
	return tx.query<OpenPollRow>(
		`select p.id, p.title, p.deadline, b.slug as "boardSlug", b.name as "boardName"
		from public.polls p
		join public.boards b on b.id = p.board_id
		join public.poll_participants pp on pp.poll_id = p.id and pp.user_id = (select auth.uid())
		where p.board_id = any($1::text::uuid[]) and p.status = 'open' and p.deadline > now()
			and not exists (select 1 from public.poll_answers a where a.poll_id = p.id and a.user_id = (select auth.uid()))
		order by p.deadline, p.id
		limit $2`,
		[uuidList(input.boardIds), input.limit]
	);
}

/** Open and running tasks owned by the person (office members also get the office's tasks of their office boards). */
export function listMyTasks(
	tx: Tx,
	input: { boardIds: readonly string[]; officeBoardIds: readonly string[]; limit: number }
): Promise<MyTaskRow[]> {
	return tx.query<MyTaskRow>(
		`select t.id, t.title, t.due_date::text as "dueDate", t.status, t.decision_number as "decisionNumber",
			(t.due_date is not null and t.due_date < (now() at time zone 'Europe/Berlin')::date) as overdue,
			b.slug as "boardSlug", b.name as "boardName"
		from public.tasks t
		join public.boards b on b.id = t.board_id
		where t.board_id = any($1::text::uuid[]) and t.status in ('open', 'in_progress')
			and (t.owner_id = (select auth.uid()) or (t.owner_office and t.board_id = any($2::text::uuid[])))
		order by t.due_date nulls last, t.created_at, t.id
		limit $3`,
		[uuidList(input.boardIds), uuidList(input.officeBoardIds), input.limit]
	);
}

/**
 * Comments that mention the person, newest first; the comment's own policy hides papers they cannot open.
 * It starts from the person's own mentions (few, comment_mentions_user_idx): left to itself the planner
 * starts from all papers of the boards and runs the papers', threads' and comments' policies on each.
 */
export function listMentions(tx: Tx, input: { boardIds: readonly string[]; limit: number }): Promise<MentionRow[]> {
	return tx.query<MentionRow>(
		`with cm as materialized (select comment_id from public.comment_mentions where user_id = (select auth.uid()))
		select c.id as "commentId", t.id as "threadId", p.id as "paperId", p.title as "paperTitle",
			a.display_name as "authorName", c.body, c.created_at as "createdAt", b.slug as "boardSlug", b.name as "boardName"
		from cm
		join public.comments c on c.id = cm.comment_id
		join public.comment_threads t on t.id = c.thread_id
		join public.papers p on p.id = t.paper_id
		join public.boards b on b.id = p.board_id
		left join public.profiles a on a.user_id = c.author_id
		where p.board_id = any($1::text::uuid[])
		order by c.created_at desc, c.id
		limit $2`,
		[uuidList(input.boardIds), input.limit]
	);
}

/** The papers changed last that the person may open (papers' own RLS). */
export function listRecentPapers(
	tx: Tx,
	input: { boardIds: readonly string[]; limit: number }
): Promise<RecentPaperRow[]> {
	return tx.query<RecentPaperRow>(
		`select p.id, p.title, p.status, p.updated_at as "updatedAt", u.display_name as "updatedByName",
			b.slug as "boardSlug", b.name as "boardName"
		from public.papers p
		join public.boards b on b.id = p.board_id
		left join public.profiles u on u.user_id = p.updated_by
		where p.board_id = any($1::text::uuid[])
		order by p.updated_at desc, p.id
		limit $2`,
		[uuidList(input.boardIds), input.limit]
	);
}

/** The decisions recorded or changed last, each in its current revision. */
export function listLatestDecisions(
	tx: Tx,
	input: { boardIds: readonly string[]; limit: number }
): Promise<LatestDecisionRow[]> {
	return tx.query<LatestDecisionRow>(
		`select cur.number, cur.title, cur.status, cur.recorded_at as "recordedAt", b.slug as "boardSlug", b.name as "boardName"
		from (
			select distinct on (board_id, number) board_id, number, title, status, recorded_at, seq
			from public.decision_entries
			where board_id = any($1::text::uuid[])
			order by board_id, number, revision desc
		) cur
		join public.boards b on b.id = cur.board_id
		order by cur.recorded_at desc, cur.seq desc
		limit $2`,
		[uuidList(input.boardIds), input.limit]
	);
}
