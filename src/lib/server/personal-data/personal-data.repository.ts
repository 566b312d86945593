import type { Tx } from '../db/types';

// The export's queries that run under the person's own RLS (policies let everyone read their own
// rows in these tables). Joined titles come through LEFT JOINs so a row stays in the export even
// when the person can no longer see the meeting or paper it belongs to.

type Row = Record<string, unknown>;

const q = (tx: Tx, sql: string, params: unknown[] = []) => tx.query<Row>(sql, params);

export async function tableExists(tx: Tx, name: string): Promise<boolean> {
	const [row] = await tx.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [`public.${name}`]);
	return row?.ok ?? false;
}

export async function account(tx: Tx): Promise<Row | null> {
	const [row] = await q(
		tx,
		`select p.user_id as "userId", p.email, p.display_name as "displayName", p.organisation, p."function",
			p.locale, p.listed_publicly as "listedPublicly", p.created_at as "profileCreatedAt",
			p.updated_at as "profileUpdatedAt",
			public.is_platform_admin() as "platformAdmin"
		 from public.profiles p where p.user_id = (select auth.uid())`
	);
	return row ?? null;
}

export const memberships = (tx: Tx) =>
	q(
		tx,
		`select b.name as board, b.slug as "boardSlug", m.role, m.organisation, m."function", m.active,
			m.invited_at as "invitedAt", m.joined_at as "joinedAt"
		 from public.memberships m left join public.boards b on b.id = m.board_id
		 where m.user_id = (select auth.uid()) order by b.name`
	);

export const rsvps = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, mt.starts_at as "startsAt", r.response, r.proxy_note as "proxyNote", r.updated_at as "updatedAt"
		 from public.meeting_rsvps r left join public.meetings mt on mt.id = r.meeting_id
		 where r.user_id = (select auth.uid()) order by mt.starts_at`
	);

export const attendance = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, mt.starts_at as "startsAt", a.present, a.recorded_at as "recordedAt"
		 from public.meeting_attendance a left join public.meetings mt on mt.id = a.meeting_id
		 where a.user_id = (select auth.uid()) order by mt.starts_at`
	);

export const pollAnswers = (tx: Tx) =>
	q(
		tx,
		`select p.title as poll, s.starts_at as "slotStartsAt", a.answer, a.updated_at as "updatedAt"
		 from public.poll_answers a left join public.polls p on p.id = a.poll_id left join public.poll_slots s on s.id = a.slot_id
		 where a.user_id = (select auth.uid()) order by p.title, s.starts_at`
	);

export const proposals = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, a.title, a.description, a.kind, a.status, a.decline_reason as "declineReason",
			a.created_at as "createdAt", a.decided_at as "decidedAt"
		 from public.agenda_proposals a left join public.meetings mt on mt.id = a.meeting_id
		 where a.proposed_by = (select auth.uid()) order by a.created_at`
	);

export const conflicts = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, i.title as "agendaItem", c.reason, c.declared_at as "declaredAt", c.withdrawn_at as "withdrawnAt"
		 from public.agenda_conflicts c left join public.meetings mt on mt.id = c.meeting_id
		 left join public.agenda_items i on i.id = c.item_id
		 where c.user_id = (select auth.uid()) order by c.declared_at`
	);

export const comments = (tx: Tx) =>
	q(
		tx,
		`select pa.title as paper, c.body, c.created_at as "createdAt", c.edited_at as "editedAt"
		 from public.comments c left join public.comment_threads t on t.id = c.thread_id
		 left join public.papers pa on pa.id = t.paper_id
		 where c.author_id = (select auth.uid()) order by c.created_at`
	);

/** Comments on the strategy's measures (#16); the measure's title while the person still sees it. */
export const strategyComments = (tx: Tx) =>
	q(
		tx,
		`select m.title as measure, c.body, c.created_at as "createdAt"
		 from public.strategy_comments c left join public.strategy_measures m on m.id = c.measure_id
		 where c.author_id = (select auth.uid()) order by c.created_at`
	);

/** Measures of the strategy that name the person as owner, as far as they can still see them. */
export const strategyMeasuresOwned = (tx: Tx) =>
	q(
		tx,
		`select m.title, m.status, m.starts_on as "startsOn", m.ends_on as "endsOn"
		 from public.strategy_measures m where m.owner_id = (select auth.uid()) order by m.title`
	);

export const mentions = (tx: Tx) =>
	q(
		tx,
		`select pa.title as paper, c.created_at as "commentCreatedAt"
		 from public.comment_mentions mn left join public.comments c on c.id = mn.comment_id
		 left join public.comment_threads t on t.id = c.thread_id left join public.papers pa on pa.id = t.paper_id
		 where mn.user_id = (select auth.uid()) order by c.created_at`
	);

export const papersCreated = (tx: Tx) =>
	q(
		tx,
		`select p.title, p.status, p.created_at as "createdAt" from public.papers p
		 where p.created_by = (select auth.uid()) order by p.created_at`
	);

export const paperAccess = (tx: Tx) =>
	q(
		tx,
		`select p.title as paper, a.access from public.paper_access a left join public.papers p on p.id = a.paper_id
		 where a.user_id = (select auth.uid()) order by p.title`
	);

export const tasks = (tx: Tx) =>
	q(
		tx,
		`select t.title, t.status, t.due_date::text as "dueDate", t.notes, t.owner_id = (select auth.uid()) as "owner",
			t.created_by = (select auth.uid()) as "creator", t.created_at as "createdAt", t.updated_at as "updatedAt"
		 from public.tasks t where t.owner_id = (select auth.uid()) or t.created_by = (select auth.uid()) order by t.created_at`
	);

// A secret ballot stores no choice per person (vote_ballots has no user column): the join to
// vote_choices finds nothing for it, so only participation is exported, as it should be.
export const votes = (tx: Tx) =>
	q(
		tx,
		`select v.motion, v.kind, v.secret, v.status, p.voted_at as "votedAt",
			case when v.secret then null else c.choice end as choice
		 from public.vote_participation p left join public.votes v on v.id = p.vote_id
		 left join public.vote_choices c on c.vote_id = p.vote_id and c.user_id = p.user_id
		 where p.user_id = (select auth.uid()) order by p.voted_at`
	);

export async function calendarToken(tx: Tx): Promise<{ exists: boolean; createdAt: unknown }> {
	const [row] = await q(
		tx,
		`select created_at as "createdAt" from public.calendar_tokens where user_id = (select auth.uid())`
	);
	return { exists: Boolean(row), createdAt: row?.createdAt ?? null };
}

export const notifications = (tx: Tx) =>
	q(
		tx,
		`select n.kind, n.params, n.link, n.channel, n.created_at as "createdAt", n.read_at as "readAt", n.mailed_at as "mailedAt"
		 from public.notifications n where n.user_id = (select auth.uid()) order by n.created_at`
	);

export const notificationPreferences = (tx: Tx) =>
	q(
		tx,
		`select topic, channel, updated_at as "updatedAt" from public.notification_preferences where user_id = (select auth.uid()) order by topic`
	);

export const files = (tx: Tx) =>
	q(
		tx,
		`select f.name, f.current_version as "currentVersion", f.created_at as "createdAt"
		 from public.files f where f.created_by = (select auth.uid()) order by f.created_at`
	);

/** The state of each paper the person last marked read (#15); the text itself stays out, only when. */
export const paperReads = (tx: Tx) =>
	q(
		tx,
		`select p.title as paper, r.read_at as "readAt"
		 from public.paper_reads r left join public.papers p on p.id = r.paper_id
		 where r.user_id = (select auth.uid()) order by r.read_at`
	);

export const boardBookDownloads = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, d.downloaded_at as "downloadedAt"
		 from public.boardbook_downloads d left join public.meetings mt on mt.id = d.meeting_id
		 where d.user_id = (select auth.uid()) order by d.downloaded_at`
	);

/** Check-ins of meeting mode (#19): in the room or online, arrival and departure. */
export const meetingCheckIns = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, c.mode, c.arrived_at as "arrivedAt", c.left_at as "leftAt"
		 from public.meeting_checkins c left join public.meetings mt on mt.id = c.meeting_id
		 where c.user_id = (select auth.uid()) order by c.arrived_at`
	);

export const speakerRequests = (tx: Tx) =>
	q(
		tx,
		`select mt.title as meeting, i.title as "agendaItem", s.state, s.requested_at as "requestedAt",
			s.started_at as "startedAt", s.ended_at as "endedAt"
		 from public.meeting_speakers s left join public.meetings mt on mt.id = s.meeting_id
		 left join public.agenda_items i on i.id = s.item_id
		 where s.user_id = (select auth.uid()) order by s.requested_at`
	);

/** Consultation rounds the person was asked to take part in (#15). */
export const roundParticipation = (tx: Tx) =>
	q(
		tx,
		`select p.title as paper, r.question, rp.kind, rp.added_at as "addedAt", r.ends_at as "endsAt"
		 from public.paper_round_participants rp left join public.paper_rounds r on r.id = rp.round_id
		 left join public.papers p on p.id = r.paper_id
		 where rp.user_id = (select auth.uid()) order by rp.added_at`
	);

/** Suggestions the person made that were decided, and decisions the person took on others' suggestions. */
export const suggestionDecisions = (tx: Tx) =>
	q(
		tx,
		`select p.title as paper, d.kind, d.body, d.decision, d.decided_at as "decidedAt",
			d.author_id = (select auth.uid()) as "ownSuggestion", d.decided_by = (select auth.uid()) as "decidedByThisPerson"
		 from public.paper_suggestion_decisions d left join public.papers p on p.id = d.paper_id
		 where d.author_id = (select auth.uid()) or d.decided_by = (select auth.uid()) order by d.decided_at`
	);
