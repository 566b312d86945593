import type { Tx } from '../db/types';
import type { MeasureComment, MeasureDecision, MeasureStatusChange, MeasureTask } from '$lib/types/strategy.types';
import { insertWithToken } from './strategy.repository';

// SQL of what hangs on a measure: decisions (by number), action items, papers, its status history and comments.

export type DecisionEffect = MeasureDecision['effect'];

/** Links a decision; a link that exists keeps the stronger effect (started > changed > linked). */
export async function linkDecision(
	tx: Tx,
	input: { boardId: string; measureId: string; number: string; effect: DecisionEffect }
) {
	await tx.query(
		`insert into public.strategy_measure_decisions (measure_id, board_id, decision_number, effect) values ($1, $2, $3, $4)
		on conflict (measure_id, decision_number) do update set effect = case
			when strategy_measure_decisions.effect = 'started' or excluded.effect = 'started' then 'started'
			when strategy_measure_decisions.effect = 'changed' or excluded.effect = 'changed' then 'changed'
			else 'linked' end`,
		[input.measureId, input.boardId, input.number, input.effect]
	);
}

export async function linkTask(tx: Tx, input: { boardId: string; measureId: string; taskId: string }) {
	await tx.query(
		`insert into public.strategy_measure_tasks (measure_id, board_id, task_id)
		select $1, $2, t.id from public.tasks t where t.id = $3 and t.board_id = $2 on conflict do nothing`,
		[input.measureId, input.boardId, input.taskId]
	);
}

export async function linkPaper(tx: Tx, input: { boardId: string; measureId: string; paperId: string }) {
	await tx.query(
		`insert into public.strategy_measure_papers (measure_id, board_id, paper_id)
		select $1, $2, p.id from public.papers p where p.id = $3 and p.board_id = $2 on conflict do nothing`,
		[input.measureId, input.boardId, input.paperId]
	);
}

export async function unlink(
	tx: Tx,
	input: { boardId: string; measureId: string; kind: 'decision' | 'task' | 'paper'; key: string }
): Promise<boolean> {
	const sql = {
		decision: `delete from public.strategy_measure_decisions where board_id = $1 and measure_id = $2 and decision_number = $3 returning 1`,
		task: `delete from public.strategy_measure_tasks where board_id = $1 and measure_id = $2 and task_id::text = $3 returning 1`,
		paper: `delete from public.strategy_measure_papers where board_id = $1 and measure_id = $2 and paper_id::text = $3 returning 1`
	}[input.kind];
	return (await tx.query(sql, [input.boardId, input.measureId, input.key])).length > 0;
}

export function measureDecisions(tx: Tx, boardId: string, measureId: string): Promise<MeasureDecision[]> {
	return tx.query<MeasureDecision>(
		`select md.decision_number as number, md.effect, coalesce(d.title, '') as title, coalesce(d.status, '') as status
		from public.strategy_measure_decisions md
		left join lateral (select e.title, e.status from public.decision_entries e
			where e.board_id = md.board_id and e.number = md.decision_number order by e.revision desc limit 1) d on true
		where md.board_id = $1 and md.measure_id = $2 order by md.created_at, md.decision_number`,
		[boardId, measureId]
	);
}

export function measureTasks(tx: Tx, boardId: string, measureId: string): Promise<MeasureTask[]> {
	return tx.query<MeasureTask>(
		`select t.id, t.title, t.status, t.due_date::text as "dueDate", p.display_name as "ownerName", t.owner_office as "ownerOffice"
		from public.strategy_measure_tasks mt join public.tasks t on t.id = mt.task_id
		left join public.profiles p on p.user_id = t.owner_id
		where mt.board_id = $1 and mt.measure_id = $2 order by t.due_date nulls last, t.title`,
		[boardId, measureId]
	);
}

export function measurePapers(tx: Tx, boardId: string, measureId: string): Promise<{ id: string; title: string }[]> {
	return tx.query(
		`select p.id, p.title from public.strategy_measure_papers mp join public.papers p on p.id = mp.paper_id
		where mp.board_id = $1 and mp.measure_id = $2 order by p.title`,
		[boardId, measureId]
	);
}

export function statusHistory(tx: Tx, boardId: string, measureId: string): Promise<MeasureStatusChange[]> {
	return tx.query<MeasureStatusChange>(
		`select s.status, to_char(s.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "changedAt",
			p.display_name as "changedBy"
		from public.strategy_measure_status s left join public.profiles p on p.user_id = s.changed_by
		where s.board_id = $1 and s.measure_id = $2 order by s.changed_at, s.id`,
		[boardId, measureId]
	);
}

export function listComments(tx: Tx, boardId: string, measureId: string): Promise<MeasureComment[]> {
	return tx.query<MeasureComment>(
		`select c.id, c.author_id as "authorId", p.display_name as "authorName", c.body,
			to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
		from public.strategy_comments c left join public.profiles p on p.user_id = c.author_id
		where c.board_id = $1 and c.measure_id = $2 order by c.created_at, c.id`,
		[boardId, measureId]
	);
}

export function insertComment(
	tx: Tx,
	input: { boardId: string; measureId: string; body: string; formToken?: string | null }
) {
	return insertWithToken(tx, {
		table: 'strategy_comments',
		formToken: input.formToken,
		insert: (id) =>
			tx.query(
				`insert into public.strategy_comments (id, board_id, measure_id, author_id, body, form_token)
				values ($1, $2, $3, (select auth.uid()), $4, $5) on conflict (form_token) do nothing`,
				[id, input.boardId, input.measureId, input.body, input.formToken ?? null]
			)
	});
}

/** The options of the link forms: the board's decisions, action items and papers the reader sees. */
export async function linkOptions(tx: Tx, boardId: string) {
	const [decisions, tasks, papers] = await Promise.all([
		tx.query<{ number: string; title: string }>(
			`select distinct on (number) number, title from public.decision_entries where board_id = $1
			order by number desc, revision desc`,
			[boardId]
		),
		tx.query<{ id: string; title: string }>(`select id, title from public.tasks where board_id = $1 order by title`, [
			boardId
		]),
		tx.query<{ id: string; title: string }>(`select id, title from public.papers where board_id = $1 order by title`, [
			boardId
		])
	]);
	return { decisions, tasks, papers };
}

/** The measures of a board with their goal and field, for choosing one (decision form, link forms). */
export function measureChoices(
	tx: Tx,
	boardId: string
): Promise<{ id: string; title: string; goalTitle: string; status: string }[]> {
	return tx.query(
		`select m.id, m.title, g.title as "goalTitle", m.status from public.strategy_measures m
		join public.strategy_goals g on g.id = m.goal_id join public.strategy_fields f on f.id = g.field_id
		where m.board_id = $1 order by f.position, g.position, m.title`,
		[boardId]
	);
}

/** The goals of a board with their field, for choosing one. */
export function goalChoices(tx: Tx, boardId: string): Promise<{ id: string; title: string; fieldTitle: string }[]> {
	return tx.query(
		`select g.id, g.title, f.title as "fieldTitle" from public.strategy_goals g join public.strategy_fields f on f.id = g.field_id
		where g.board_id = $1 order by f.position, g.position`,
		[boardId]
	);
}

/** The measures a decision is linked to, with what it did to them. */
export function measuresOfDecision(
	tx: Tx,
	boardId: string,
	number: string
): Promise<{ id: string; title: string; status: MeasureStatusChange['status']; effect: DecisionEffect }[]> {
	return tx.query(
		`select m.id, m.title, m.status, md.effect from public.strategy_measure_decisions md
		join public.strategy_measures m on m.id = md.measure_id
		where md.board_id = $1 and md.decision_number = $2 order by m.title`,
		[boardId, number]
	);
}
