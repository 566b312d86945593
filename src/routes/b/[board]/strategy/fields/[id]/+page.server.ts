import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import { newFormToken } from '$lib/server/form-token';
import { strategyService } from '$lib/server/strategy/strategy-services';
import {
	fieldUpdateSchema,
	goalRemoveSchema,
	goalSchema,
	goalUpdateSchema,
	removeSchema
} from '$lib/server/strategy/strategy.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const id = idParam(event.locals, event.params.id);
	const map = await boardPage(event, (board) => strategyService(event.locals).map(board, id));
	return { field: map.fields[0]!, canEdit: map.canEdit, formToken: newFormToken() };
};

export const actions: Actions = {
	update: (event) =>
		boardFormAction({
			event,
			schema: fieldUpdateSchema,
			done: 'update',
			message: 'strategy.field.updated',
			keep: 'form',
			run: (board, data) =>
				strategyService(event.locals).updateField(board, idParam(event.locals, event.params.id), data)
		}),
	goal: (event) =>
		boardFormAction({
			event,
			schema: goalSchema,
			fields: { fieldId: event.params.id },
			done: 'goal',
			message: 'strategy.goal.created',
			run: (board, data) => strategyService(event.locals).createGoal(board, data)
		}),
	updateGoal: (event) =>
		boardFormAction({
			event,
			schema: goalUpdateSchema,
			done: 'updateGoal',
			message: 'strategy.goal.updated',
			run: (board, data) => strategyService(event.locals).updateGoal(board, data)
		}),
	removeGoal: (event) =>
		boardFormAction({
			event,
			schema: goalRemoveSchema,
			done: 'removeGoal',
			message: 'strategy.goal.removed',
			run: (board, data) => strategyService(event.locals).remove(board, 'goal', data.goalId)
		}),
	remove: (event) =>
		boardFormAction({
			event,
			schema: removeSchema,
			done: 'remove',
			run: (board) => strategyService(event.locals).removeField(board, idParam(event.locals, event.params.id)),
			redirect: (_, board) => `/b/${board.slug}/strategy`
		})
};
