import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { decisionService, publicationService, taskService } from '$lib/server/services';
import { switchSchema } from '$lib/server/publication/publication.schema';
import { boardFormAction, boardPage } from '$lib/server/http';
import { amendSchema, statusSchema } from '$lib/server/decisions/decision.schema';
import { slugToNumber } from '$lib/server/decisions/decision-hash';
import { createTaskSchema, progressSchema } from '$lib/server/tasks/task.schema';
import { newFormToken } from '$lib/server/form-token';
import { strategyService } from '$lib/server/strategy/strategy-services';
import type { Actions, PageServerLoad } from './$types';

function numberOf(slug: string, locale: App.Locals['locale']): string {
	const number = slugToNumber(slug);
	if (!number) error(404, translate(locale, 'error.notFound'));
	return number;
}

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	return boardPage(event, async (board) => {
		const number = numberOf(event.params.number, locals.locale);
		const decision = await decisionService(locals).get(board, number);
		return {
			...decision,
			...(await taskService(locals).forDecision(board, number)),
			publication: await publicationService(locals).decisionStatus(board, decision.decision),
			measures: await strategyService(locals).forDecision(board, number),
			formToken: newFormToken()
		};
	});
};

export const actions: Actions = {
	status: (event) =>
		boardFormAction({
			event,
			schema: statusSchema,
			done: 'status',
			message: 'decisions.status.changed',
			run: (board, data) =>
				decisionService(event.locals).changeStatus(board, numberOf(event.params.number, event.locals.locale), data)
		}),
	amend: (event) =>
		boardFormAction({
			event,
			schema: amendSchema,
			done: 'amend',
			message: 'decisions.amended',
			run: (board, data) =>
				decisionService(event.locals).amend(board, numberOf(event.params.number, event.locals.locale), data)
		}),
	task: (event) =>
		boardFormAction({
			event,
			schema: createTaskSchema,
			done: 'task',
			message: 'tasks.created',
			run: (board, data) =>
				taskService(event.locals).create(board, {
					...data,
					decisionNumber: numberOf(event.params.number, event.locals.locale)
				})
		}),
	publish: (event) =>
		boardFormAction({
			event,
			schema: switchSchema,
			done: 'publish',
			policy: 'publication.manage',
			message: (_result, data) =>
				translate(event.locals.locale, data.on ? 'decisions.publication.published' : 'decisions.publication.withdrawn'),
			run: (board, data) =>
				publicationService(event.locals).setDecisionPublic(
					board,
					numberOf(event.params.number, event.locals.locale),
					data.on
				)
		}),
	progress: (event) =>
		boardFormAction({
			event,
			schema: progressSchema,
			done: 'progress',
			message: 'tasks.updated',
			run: (board, data) => taskService(event.locals).progress(board, data)
		})
};
