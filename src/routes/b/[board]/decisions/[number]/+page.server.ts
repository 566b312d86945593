import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { decisionService, taskService } from '$lib/server/services';
import { parseForm, serviceFailure } from '$lib/server/http';
import { amendSchema, statusSchema } from '$lib/server/decisions/decision.schema';
import { slugToNumber } from '$lib/server/decisions/decision-hash';
import { createTaskSchema, progressSchema } from '$lib/server/tasks/task.schema';
import type { Actions, PageServerLoad } from './$types';

function numberOf(slug: string, locale: App.Locals['locale']): string {
	const number = slugToNumber(slug);
	if (!number) error(404, translate(locale, 'error.notFound'));
	return number;
}

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const number = numberOf(params.number, locals.locale);
	try {
		const decision = await decisionService(locals).get(board, number);
		return { ...decision, ...(await taskService(locals).forDecision(board, number)) };
	} catch (e) {
		const failure = serviceFailure(e, locals.locale);
		error(failure.status, failure.data.message);
	}
};

export const actions: Actions = {
	status: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(statusSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await decisionService(locals).changeStatus(board, numberOf(params.number, locals.locale), parsed.data);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'status', message: translate(locals.locale, 'decisions.status.changed') };
	},

	amend: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(amendSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await decisionService(locals).amend(board, numberOf(params.number, locals.locale), parsed.data);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'amend', message: translate(locals.locale, 'decisions.amended') };
	},

	task: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(createTaskSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await taskService(locals).create(board, { ...parsed.data, decisionNumber: numberOf(params.number, locals.locale) });
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'task', message: translate(locals.locale, 'tasks.created') };
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
	}
};
