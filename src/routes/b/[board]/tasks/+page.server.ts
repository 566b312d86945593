import { taskService } from '$lib/server/services';
import { boardFormAction, boardPage } from '$lib/server/http';
import { newFormToken } from '$lib/server/form-token';
import { createTaskSchema, progressSchema, removeSchema } from '$lib/server/tasks/task.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => taskService(event.locals).overview(board))),
	formToken: newFormToken()
});

export const actions: Actions = {
	create: (event) =>
		boardFormAction({
			event,
			schema: createTaskSchema,
			done: 'create',
			message: 'tasks.created',
			run: (board, data) => taskService(event.locals).create(board, data)
		}),
	progress: (event) =>
		boardFormAction({
			event,
			schema: progressSchema,
			done: 'progress',
			message: 'tasks.updated',
			run: (board, data) => taskService(event.locals).progress(board, data)
		}),
	remove: (event) =>
		boardFormAction({
			event,
			schema: removeSchema,
			done: 'remove',
			message: 'tasks.removed',
			run: (board, data) => taskService(event.locals).remove(board, data.taskId)
		})
};
