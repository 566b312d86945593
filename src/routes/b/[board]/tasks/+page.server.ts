import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { taskService } from '$lib/server/services';
import { parseForm, serviceFailure } from '$lib/server/http';
import { createTaskSchema, progressSchema } from '$lib/server/tasks/task.schema';
import type { Actions, PageServerLoad } from './$types';

const removeSchema = z.object({ taskId: z.string().uuid() });

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return taskService(locals).overview(board);
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(createTaskSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await taskService(locals).create(board, parsed.data);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'create', message: translate(locals.locale, 'tasks.created') };
	},

	progress: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(progressSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await taskService(locals).progress(board, parsed.data);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'progress', message: translate(locals.locale, 'tasks.updated') };
	},

	remove: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(removeSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await taskService(locals).remove(board, parsed.data.taskId);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'remove', message: translate(locals.locale, 'tasks.removed') };
	}
};
