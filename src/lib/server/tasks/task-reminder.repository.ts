import type { Tx } from '../db/types';

export interface DueTaskReminder {
	taskId: string;
	boardId: string;
	boardSlug: string;
	boardName: string;
	title: string;
	dueDate: string;
	userId: string;
	email: string;
	locale: 'de' | 'en';
}

/**
 * System task task-reminders: claims each open task due within `days` (Berlin dates) by inserting its
 * task_reminders_sent row; the primary key makes "once" hold across runs and nodes. One row per
 * recipient: the owner, or every active office member for tasks owned by the office.
 */
export function claimDueTaskReminders(tx: Tx, now: Date, days: number): Promise<DueTaskReminder[]> {
	return tx.query<DueTaskReminder>(
		`with today as (select ($1::timestamptz at time zone 'Europe/Berlin')::date as d),
		claimed as (
			insert into public.task_reminders_sent (task_id)
			select t.id from public.tasks t cross join today
			where t.status in ('open', 'in_progress') and t.due_date is not null
				and t.due_date >= today.d and t.due_date <= today.d + $2::int
				and (t.owner_office or exists (
					select 1 from public.memberships m where m.board_id = t.board_id and m.user_id = t.owner_id and m.active))
			on conflict do nothing
			returning task_id
		)
		select t.id as "taskId", t.board_id as "boardId", b.slug as "boardSlug", b.name as "boardName", t.title,
			t.due_date::text as "dueDate", p.user_id as "userId", p.email, p.locale
		from claimed c join public.tasks t on t.id = c.task_id join public.boards b on b.id = t.board_id
		join public.memberships m on m.board_id = t.board_id and m.active
			and (m.user_id = t.owner_id or (t.owner_office and m.role = 'office'))
		join public.profiles p on p.user_id = m.user_id`,
		[now, days]
	);
}
