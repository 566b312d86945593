import { isLocale } from '$lib/i18n';
import { boardResource } from '$lib/server/http';
import { boardBookService, sinceReadService } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The board book of a meeting as one PDF (`?lang=en` for English labels), holding only what the reader may see. */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const lang = url.searchParams.get('lang');
	const locale = isLocale(lang) ? lang : locals.locale;
	const book = await boardResource(event, async (board) => {
		const rendered = await boardBookService(locals).render({ boardId: board.id, meetingId: params.id }, locale);
		// After the book was made for this reader: their agenda then marks papers that change later (#15).
		await sinceReadService(locals).recordDownload(params.id);
		return rendered;
	});
	return new Response(new Uint8Array(book.body), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${book.fileName}"`,
			// Confidential content: never kept by shared caches, nor reused after signing out.
			'cache-control': 'private, no-store'
		}
	});
};
