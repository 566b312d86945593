import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { exportSchema } from '$lib/server/export/export.service';
import { paperPage } from '$lib/server/papers/paper-route';
import { exportService } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** GET ?format=pdf|docx|md: the paper's current text as a download. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const parsed = exportSchema.safeParse({ format: url.searchParams.get('format') });
	if (!parsed.success) error(400, translate(locals.locale, 'validation.invalid'));
	const board = await loadBoard(locals, params.board);
	const file = await paperPage(locals, params.id, (paperId) => exportService(locals).exportPaper(board, { paperId, format: parsed.data.format }));
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': file.disposition,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
