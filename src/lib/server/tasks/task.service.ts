import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import {
	agendaItemInBoard,
	decisionExists,
	deleteTask,
	findTask,
	insertTask,
	isAssignee,
	listAssignees,
	listTasks,
	updateTaskProgress
} from './task.repository';
import type { CreateTaskInput, ProgressInput } from './task.schema';
import type { Mailer } from '../mail/port';
import { notifyTaskAssigned } from '../notifications/task-assigned';

export interface TaskServiceDeps {
	db: ScopedDb;
	actor: { userId: string; displayName?: string };
	/** Tells the assignee of a new task (in-app and by mail per their preference); without it nobody is told. */
	notify?: { mailer: Mailer; origin: string };
}

const manages = (board: BoardContext) => allowed(board, 'tasks.manage');

export function createTaskService({ db, actor, notify }: TaskServiceDeps) {
	return {
		/** My tasks; office and chair also get every task of the board and the assignee choices. */
		async overview(board: BoardContext) {
			if (!allowed(board, 'tasks.read')) throw forbidden();
			return db.run(async (tx) => ({
				mine: await listTasks(tx, {
					boardId: board.id,
					ownerId: actor.userId,
					withOffice: allowed(board, 'tasks.office')
				}),
				all: manages(board) ? await listTasks(tx, { boardId: board.id }) : [],
				assignees: manages(board) ? await listAssignees(tx, board.id) : [],
				canManage: manages(board),
				canRemove: allowed(board, 'tasks.remove')
			}));
		},

		async forDecision(board: BoardContext, number: string) {
			if (!allowed(board, 'tasks.read')) return { tasks: [], assignees: [] };
			return db.run(async (tx) => ({
				tasks: await listTasks(tx, { boardId: board.id, decisionNumber: number }),
				assignees: manages(board) ? await listAssignees(tx, board.id) : []
			}));
		},

		/** A new task; the same form token again returns that task and tells its owner nothing twice. */
		async create(board: BoardContext, input: CreateTaskInput): Promise<string> {
			if (!manages(board)) throw forbidden();
			const written = await db.run(async (tx) => {
				const office = input.owner === 'office';
				if (!office && !(await isAssignee(tx, board.id, input.owner))) throw new ServiceError(400, 'tasks.error.owner');
				if (input.decisionNumber && !(await decisionExists(tx, board.id, input.decisionNumber))) throw notFound();
				if (input.agendaItemId && !(await agendaItemInBoard(tx, board.id, input.agendaItemId))) throw notFound();
				return insertTask(tx, {
					boardId: board.id,
					title: input.title,
					ownerId: office ? null : input.owner,
					ownerOffice: office,
					dueDate: input.dueDate ?? null,
					notes: input.notes,
					decisionNumber: input.decisionNumber ?? null,
					agendaItemId: input.agendaItemId ?? null,
					formToken: input.formToken
				});
			});
			const taskId = written.id;
			if (written.created && notify && input.owner !== 'office' && input.owner !== actor.userId) {
				await notifyTaskAssigned({
					...notify,
					run: db.run,
					board,
					task: { id: taskId, title: input.title, dueDate: input.dueDate ?? null },
					ownerId: input.owner,
					actorName: actor.displayName ?? ''
				});
			}
			return taskId;
		},

		/** The owner (or office/chair; office also for office-owned tasks) moves a task along. */
		async progress(board: BoardContext, input: ProgressInput): Promise<void> {
			await db.run(async (tx) => {
				const task = await findTask(tx, board.id, input.taskId);
				if (!task) throw notFound();
				const mayChange =
					task.ownerId === actor.userId || manages(board) || (task.ownerOffice && allowed(board, 'tasks.office'));
				if (!mayChange) throw forbidden();
				if (!(await updateTaskProgress(tx, board.id, task.id, input.status, input.notes))) throw forbidden();
			});
		},

		async remove(board: BoardContext, taskId: string): Promise<void> {
			if (!allowed(board, 'tasks.remove')) throw forbidden();
			await db.run(async (tx) => {
				if (!(await deleteTask(tx, board.id, taskId))) throw notFound();
			});
		}
	};
}

export type TaskService = ReturnType<typeof createTaskService>;
