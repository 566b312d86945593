import { z } from 'zod';
import { taskService } from '$lib/server/services';
import { boardFormAction } from '$lib/server/http';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { newFormToken } from '$lib/server/form-token';
import { uuidSchema } from '$lib/server/common.schema';
import { createTaskSchema, progressSchema } from '$lib/server/tasks/task.schema';
import type { Actions, PageServerLoad } from './$types';

const removeSchema = z.object({ taskId: uuidSchema });

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await orErrorPage(locals, taskService(locals).overview(board))), formToken: newFormToken() };
};

export const actions: Actions = {
	create: (event) =>
		boardFormAction({ event, schema: createTaskSchema, done: 'create', message: 'tasks.created', run: (board, data) => taskService(event.locals).create(board, data) }),
	progress: (event) =>
		boardFormAction({ event, schema: progressSchema, done: 'progress', message: 'tasks.updated', run: (board, data) => taskService(event.locals).progress(board, data) }),
	remove: (event) =>
		boardFormAction({ event, schema: removeSchema, done: 'remove', message: 'tasks.removed', run: (board, data) => taskService(event.locals).remove(board, data.taskId) })
};
