import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { boardFormAction, boardPage, customBoardAction, idParam, readForm } from '$lib/server/http';
import { indicatorService, strategyService } from '$lib/server/strategy/strategy-services';
import { CSV_MAX_CHARS, indicatorUpdateSchema, valueSchema, removeSchema } from '$lib/server/strategy/strategy.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const id = idParam(event.locals, event.params.id);
	return boardPage(event, (board) => indicatorService(event.locals).page(board, id));
};

const indicatorId = (event: { locals: App.Locals; params: { id: string } }) => idParam(event.locals, event.params.id);

/** The CSV text of the import forms: an uploaded file, or the text the preview carried on. */
async function csvOf(event: { request: Request; locals: App.Locals }): Promise<string | null> {
	const form = await readForm(event.request, event.locals.locale);
	const file = form.get('file');
	const text = file instanceof File && file.size > 0 ? await file.text() : form.get('csv');
	if (typeof text !== 'string' || text.trim() === '' || text.length > CSV_MAX_CHARS) return null;
	return text;
}

/** The rows of a preview with their errors in the reader's language. */
function translatedRows(
	locale: App.Locals['locale'],
	rows: { line: number; observedOn: string | null; value: number | null; unit: string; errors: string[] }[]
) {
	return rows.map((row) => ({
		...row,
		errors: row.errors.map((key) => translate(locale, key as Parameters<typeof translate>[1]))
	}));
}

export const actions: Actions = {
	remove: (event) =>
		boardFormAction({
			event,
			schema: removeSchema,
			done: 'remove',
			run: (board) => strategyService(event.locals).remove(board, 'indicator', idParam(event.locals, event.params.id)),
			redirect: (_, board) => `/b/${board.slug}/strategy`
		}),
	update: (event) =>
		boardFormAction({
			event,
			schema: indicatorUpdateSchema,
			done: 'update',
			message: 'strategy.indicator.updated',
			keep: 'form',
			run: (board, data) => indicatorService(event.locals).update(board, indicatorId(event), data)
		}),
	value: (event) =>
		boardFormAction({
			event,
			schema: valueSchema,
			done: 'value',
			message: 'strategy.value.saved',
			run: (board, data) =>
				indicatorService(event.locals).addValue(board, indicatorId(event), {
					observedOn: data.observedOn,
					value: data.value
				})
		}),
	preview: (event) =>
		customBoardAction(event, async (board) => {
			const { locale } = event.locals;
			const csv = await csvOf(event);
			if (csv === null) return fail(400, { message: translate(locale, 'strategy.import.error.noFile') });
			const parsed = await indicatorService(event.locals).preview(board, indicatorId(event), csv);
			return {
				done: 'preview' as const,
				csv,
				fileError: parsed.fileError ? translate(locale, parsed.fileError) : null,
				rows: translatedRows(locale, parsed.rows),
				ok: parsed.fileError === null && parsed.rows.every((r) => r.errors.length === 0)
			};
		}),
	import: (event) =>
		customBoardAction(event, async (board) => {
			const { locale } = event.locals;
			const csv = await csvOf(event);
			if (csv === null) return fail(400, { message: translate(locale, 'strategy.import.error.noFile') });
			const { count } = await indicatorService(event.locals).import(board, indicatorId(event), csv);
			return { done: 'import' as const, message: translate(locale, 'strategy.import.saved', { count }) };
		})
};
