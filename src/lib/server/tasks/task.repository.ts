import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import { insertOnce } from '../db/form-token';

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
	id: string;
	boardId: string;
	decisionNumber: string | null;
	agendaItemId: string | null;
	title: string;
	ownerId: string | null;
	ownerName: string | null;
	ownerOffice: boolean;
	dueDate: string | null;
	status: TaskStatus;
	notes: string;
	overdue: boolean;
}

const COLUMNS = `t.id, t.board_id as "boardId", t.decision_number as "decisionNumber", t.agenda_item_id as "agendaItemId",
	t.title, t.owner_id as "ownerId", p.display_name as "ownerName", t.owner_office as "ownerOffice", t.due_date::text as "dueDate",
	t.status, t.notes,
	(t.due_date is not null and t.status in ('open', 'in_progress') and t.due_date < (now() at time zone 'Europe/Berlin')::date) as overdue`;
const FROM = `from public.tasks t left join public.profiles p on p.user_id = t.owner_id`;

export interface TaskQuery {
	boardId: string;
	/** Only tasks owned by this person (plus office tasks when `withOffice`). */
	ownerId?: string;
	withOffice?: boolean;
	decisionNumber?: string;
}

export function listTasks(tx: Tx, q: TaskQuery): Promise<Task[]> {
	return tx.query<Task>(
		`select ${COLUMNS} ${FROM}
		where t.board_id = $1
			and ($2::uuid is null or t.owner_id = $2 or ($3 and t.owner_office))
			and ($4::text is null or t.decision_number = $4)
		order by (t.status in ('done', 'dropped')), t.due_date nulls last, t.created_at`,
		[q.boardId, q.ownerId ?? null, q.withOffice ?? false, q.decisionNumber ?? null]
	);
}

export async function findTask(tx: Tx, boardId: string, id: string): Promise<Task | null> {
	const [row] = await tx.query<Task>(`select ${COLUMNS} ${FROM} where t.board_id = $1 and t.id = $2`, [boardId, id]);
	return row ?? null;
}

export interface NewTask {
	boardId: string;
	title: string;
	ownerId: string | null;
	ownerOffice: boolean;
	dueDate: string | null;
	notes: string;
	decisionNumber: string | null;
	agendaItemId: string | null;
	formToken?: string | null;
}

/** A new task; with a form token a repeat returns the first task (`created` false). */
export async function insertTask(tx: Tx, task: NewTask): Promise<{ id: string; created: boolean }> {
	const id = randomUUID();
	return insertOnce(tx, {
		table: 'tasks',
		id,
		formToken: task.formToken,
		insert: () =>
			tx.query(
				`insert into public.tasks (id, board_id, title, owner_id, owner_office, due_date, notes, decision_number, agenda_item_id, created_by, form_token)
				values ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, (select auth.uid()), $10) on conflict (form_token) do nothing`,
				[
					id,
					task.boardId,
					task.title,
					task.ownerId,
					task.ownerOffice,
					task.dueDate,
					task.notes,
					task.decisionNumber,
					task.agendaItemId,
					task.formToken ?? null
				]
			)
	});
}

/** Status and notes: what an owner may change (returns false when RLS hid the row). */
export async function updateTaskProgress(
	tx: Tx,
	boardId: string,
	id: string,
	status: TaskStatus,
	notes: string
): Promise<boolean> {
	const rows = await tx.query(
		`update public.tasks set status = $3, notes = $4, updated_at = now() where board_id = $1 and id = $2 returning 1`,
		[boardId, id, status, notes]
	);
	return rows.length > 0;
}

export async function deleteTask(tx: Tx, boardId: string, id: string): Promise<boolean> {
	return (
		(await tx.query(`delete from public.tasks where board_id = $1 and id = $2 returning 1`, [boardId, id])).length > 0
	);
}

/** Active full members and the people a task may be assigned to. */
export function listAssignees(tx: Tx, boardId: string): Promise<{ userId: string; displayName: string }[]> {
	return tx.query(
		`select m.user_id as "userId", p.display_name as "displayName"
		from public.memberships m join public.profiles p on p.user_id = m.user_id
		where m.board_id = $1 and m.active and m.role <> 'guest' order by p.display_name`,
		[boardId]
	);
}

export async function isAssignee(tx: Tx, boardId: string, userId: string): Promise<boolean> {
	const rows = await tx.query(
		`select 1 from public.memberships where board_id = $1 and user_id = $2 and active and role <> 'guest'`,
		[boardId, userId]
	);
	return rows.length > 0;
}

/** Whether the board has a decision with this number (visible to the current person). */
export async function decisionExists(tx: Tx, boardId: string, number: string): Promise<boolean> {
	const rows = await tx.query(`select 1 from public.decision_entries where board_id = $1 and number = $2 limit 1`, [
		boardId,
		number
	]);
	return rows.length > 0;
}

/** Whether the agenda item belongs to a meeting of this board (and is visible to the current person). */
export async function agendaItemInBoard(tx: Tx, boardId: string, itemId: string): Promise<boolean> {
	const rows = await tx.query(
		`select 1 from public.agenda_items i join public.meetings m on m.id = i.meeting_id where i.id = $1 and m.board_id = $2`,
		[itemId, boardId]
	);
	return rows.length > 0;
}
