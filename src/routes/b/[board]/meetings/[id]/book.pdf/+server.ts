import { error } from '@sveltejs/kit';
import { isLocale, translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { ServiceError } from '$lib/server/errors';
import { boardBookService } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The board book of a meeting as one PDF (`?lang=en` for English labels), holding only what the reader may see. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const board = await loadBoard(locals, params.board);
	const lang = url.searchParams.get('lang');
	const locale = isLocale(lang) ? lang : locals.locale;
	try {
		const book = await boardBookService(locals).render({ boardId: board.id, meetingId: params.id }, locale);
		return new Response(new Uint8Array(book.body), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${book.fileName}"`,
				// Confidential content: never kept by shared caches, nor reused after signing out.
				'cache-control': 'private, no-store'
			}
		});
	} catch (cause) {
		if (cause instanceof ServiceError) error(cause.status, translate(locals.locale, cause.messageKey, cause.params));
		throw cause;
	}
};
