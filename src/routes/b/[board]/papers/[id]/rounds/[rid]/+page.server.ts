import { roundService } from '$lib/server/rounds/round-request';
import { attachSummarySchema, closeRoundSchema, roundFilterSchema } from '$lib/server/rounds/round.schema';
import { newFormToken } from '$lib/server/form-token';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const filter = roundFilterSchema.parse({
		kind: url.searchParams.get('kind') ?? 'all',
		state: url.searchParams.get('state') ?? 'all',
		person: url.searchParams.get('person') ?? ''
	});
	const page = await boardPage(event, (board) =>
		roundService(locals).page(board, {
			paperId: idParam(locals, params.id),
			roundId: idParam(locals, params.rid),
			filter
		})
	);
	return { page, filter, formToken: newFormToken() };
};

const ids = (event: { locals: App.Locals; params: { id: string; rid: string } }) => ({
	paperId: idParam(event.locals, event.params.id),
	roundId: idParam(event.locals, event.params.rid)
});

export const actions: Actions = {
	close: (event) =>
		boardFormAction({
			event,
			schema: closeRoundSchema,
			done: 'close',
			message: 'rounds.closed',
			keep: 'form',
			run: (board, data) => roundService(event.locals).close(board, { ...ids(event), summary: data.summary })
		}),
	attach: (event) =>
		boardFormAction({
			event,
			schema: attachSummarySchema,
			done: 'attach',
			message: 'rounds.attached',
			run: (board, data) =>
				roundService(event.locals).attachSummary(board, { ...ids(event), ...data, locale: event.locals.locale })
		})
};
