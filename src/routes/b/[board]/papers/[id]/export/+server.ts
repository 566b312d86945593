import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { exportSchema } from '$lib/server/export/export.schema';
import { boardResource, idParam } from '$lib/server/http';
import { exportService } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** GET ?format=pdf|docx|md[&suggestions=marked|accepted|rejected]: the paper's current text as a download. */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const parsed = exportSchema.safeParse({
		format: url.searchParams.get('format'),
		suggestions: url.searchParams.get('suggestions') ?? undefined
	});
	if (!parsed.success) error(400, translate(locals.locale, 'validation.invalid'));
	const file = await boardResource(event, (board) =>
		exportService(locals).exportPaper(board, {
			paperId: idParam(locals, params.id),
			format: parsed.data.format,
			suggestions: parsed.data.suggestions
		})
	);
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': file.disposition,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
