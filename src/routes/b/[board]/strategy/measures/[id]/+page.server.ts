import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import { newFormToken } from '$lib/server/form-token';
import { strategyService } from '$lib/server/strategy/strategy-services';
import { commentSchema, linkSchema, measureUpdateSchema, removeSchema } from '$lib/server/strategy/strategy.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const id = idParam(event.locals, event.params.id);
	return {
		...(await boardPage(event, (board) => strategyService(event.locals).measure(board, id))),
		formToken: newFormToken()
	};
};

const measureId = (event: { locals: App.Locals; params: { id: string } }) => idParam(event.locals, event.params.id);

export const actions: Actions = {
	remove: (event) =>
		boardFormAction({
			event,
			schema: removeSchema,
			done: 'remove',
			run: (board) => strategyService(event.locals).remove(board, 'measure', idParam(event.locals, event.params.id)),
			redirect: (_, board) => `/b/${board.slug}/strategy`
		}),
	update: (event) =>
		boardFormAction({
			event,
			schema: measureUpdateSchema,
			done: 'update',
			message: 'strategy.measure.updated',
			keep: 'form',
			run: (board, data) => strategyService(event.locals).updateMeasure(board, measureId(event), data)
		}),
	link: (event) =>
		boardFormAction({
			event,
			schema: linkSchema,
			done: 'link',
			message: 'strategy.link.added',
			run: (board, data) => strategyService(event.locals).link(board, measureId(event), data)
		}),
	unlink: (event) =>
		boardFormAction({
			event,
			schema: linkSchema,
			done: 'unlink',
			message: 'strategy.link.removed',
			run: (board, data) => strategyService(event.locals).unlink(board, measureId(event), data)
		}),
	comment: (event) =>
		boardFormAction({
			event,
			schema: commentSchema,
			done: 'comment',
			message: 'strategy.comment.added',
			keep: 'form',
			run: (board, data) => strategyService(event.locals).comment(board, measureId(event), data)
		})
};
