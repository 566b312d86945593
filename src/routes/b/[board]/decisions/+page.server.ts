import { translate } from '$lib/i18n';
import { decisionService } from '$lib/server/services';
import { boardFormAction, boardPage } from '$lib/server/http';
import { parseFilter, recordSchema } from '$lib/server/decisions/decision.schema';
import { numberToSlug } from '$lib/server/decisions/decision-hash';
import { newFormToken } from '$lib/server/form-token';
import { strategyService } from '$lib/server/strategy/strategy-services';
import { decisionMeasureSchema } from '$lib/server/strategy/strategy.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const filter = parseFilter(event.url.searchParams);
	const list = await boardPage(event, (board) => decisionService(event.locals).list(board, filter));
	// The strategy map's goals and measures a recorded decision may start or change (#16).
	const strategy = list.canRecord
		? await boardPage(event, (board) => strategyService(event.locals).choices(board))
		: { goals: [], measures: [] };
	return { ...list, strategy, filter, query: event.url.searchParams.toString(), formToken: newFormToken() };
};

export const actions: Actions = {
	record: (event) =>
		boardFormAction({
			event,
			schema: recordSchema.extend(decisionMeasureSchema.shape),
			done: 'record',
			run: (board, data) => decisionService(event.locals).record(board, data, data),
			message: ({ number }) => translate(event.locals.locale, 'decisions.recorded', { number }),
			extra: ({ number }) => ({ number, slug: numberToSlug(number) })
		}),

	verify: (event) =>
		boardFormAction({
			event,
			done: 'verify',
			run: (board) => decisionService(event.locals).verify(board),
			message: (verdict) =>
				verdict.ok
					? translate(event.locals.locale, 'decisions.verify.ok', { count: verdict.count })
					: translate(event.locals.locale, 'decisions.verify.broken', {
							number: verdict.brokenNumber,
							revision: verdict.brokenRevision
						}),
			extra: (verdict) => ({ ok: verdict.ok })
		})
};
