import { pageData } from '$lib/server/http';
import { citizensExportService } from '$lib/server/citizens/citizens-services';
import type { RequestHandler } from './$types';

/** Atom 1.0 feed of the board's published resolutions, newest first (read as anon). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const feed = await pageData(locals, () => citizensExportService(locals).feed(params.board, locals.locale));
	return new Response(feed, {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'no-cache' }
	});
};
