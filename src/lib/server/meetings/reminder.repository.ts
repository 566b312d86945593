import type { Tx } from '../db/types';
import type { MeetingHeader } from './meeting.repository';

export interface DueReminder extends MeetingHeader {
	meetingId: string;
	offsetDays: number;
	email: string;
	locale: 'de' | 'en';
}

/**
 * System task meeting-reminders: claims every due reminder by inserting its reminder_sent row. The
 * primary key makes the claim atomic, so concurrent runs (several app nodes) each get disjoint rows.
 * Only the smallest due offset counts: a meeting set up 3 days ahead gets the 7-day reminder once, then the 1-day one.
 */
export async function claimDueReminders(tx: Tx, now: Date): Promise<DueReminder[]> {
	const claimed = await tx.query<{ meetingId: string; userId: string; offsetDays: number }>(
		`with due as (
			select m.id as meeting_id, m.board_id,
				(select min(d) from unnest(b.reminder_offsets) as d where m.starts_at - make_interval(days => d) <= $1) as offset_days
			from public.meetings m join public.boards b on b.id = m.board_id
			where m.status = 'invited' and m.starts_at > $1
		)
		insert into public.reminder_sent (meeting_id, user_id, offset_days)
		select due.meeting_id, ms.user_id, due.offset_days
		from due join public.memberships ms on ms.board_id = due.board_id and ms.active
		where due.offset_days is not null
			and (ms.role <> 'guest' or exists (select 1 from public.meeting_guests g where g.meeting_id = due.meeting_id and g.user_id = ms.user_id))
		on conflict do nothing
		returning meeting_id as "meetingId", user_id as "userId", offset_days as "offsetDays"`,
		[now]
	);
	if (claimed.length === 0) return [];
	return tx.query<DueReminder>(
		`select c.meeting_id as "meetingId", c.offset_days as "offsetDays", b.id as "boardId", b.slug as "boardSlug", b.name as "boardName",
			m.title, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location, m.online_url as "onlineUrl", p.email, p.locale
		 from unnest($1::uuid[], $2::uuid[], $3::int[]) as c(meeting_id, user_id, offset_days)
		 join public.meetings m on m.id = c.meeting_id
		 join public.boards b on b.id = m.board_id
		 join public.profiles p on p.user_id = c.user_id`,
		[claimed.map((c) => c.meetingId), claimed.map((c) => c.userId), claimed.map((c) => c.offsetDays)]
	);
}
