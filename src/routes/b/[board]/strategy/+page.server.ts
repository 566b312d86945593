import { boardFormAction, boardPage } from '$lib/server/http';
import { newFormToken } from '$lib/server/form-token';
import { indicatorService, strategyService } from '$lib/server/strategy/strategy-services';
import { fieldSchema, goalSchema, indicatorSchema, measureSchema } from '$lib/server/strategy/strategy.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => strategyService(event.locals).map(board))),
	formToken: newFormToken()
});

export const actions: Actions = {
	field: (event) =>
		boardFormAction({
			event,
			schema: fieldSchema,
			done: 'field',
			message: 'strategy.field.created',
			keep: 'form',
			run: (board, data) => strategyService(event.locals).createField(board, data)
		}),
	goal: (event) =>
		boardFormAction({
			event,
			schema: goalSchema,
			done: 'goal',
			message: 'strategy.goal.created',
			keep: 'form',
			run: (board, data) => strategyService(event.locals).createGoal(board, data)
		}),
	measure: (event) =>
		boardFormAction({
			event,
			schema: measureSchema,
			done: 'measure',
			message: 'strategy.measure.created',
			keep: 'form',
			run: (board, data) => strategyService(event.locals).createMeasure(board, data)
		}),
	indicator: (event) =>
		boardFormAction({
			event,
			schema: indicatorSchema,
			done: 'indicator',
			message: 'strategy.indicator.created',
			keep: 'form',
			run: (board, data) => indicatorService(event.locals).create(board, data)
		})
};
