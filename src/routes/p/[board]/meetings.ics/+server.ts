import { pageData } from '$lib/server/http';
import { citizensExportService } from '$lib/server/citizens/citizens-services';
import type { RequestHandler } from './$types';

/** The board's public meetings as a calendar to subscribe to: public agenda items only (read as anon). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const ics = await pageData(locals, () => citizensExportService(locals).calendar(params.board, locals.locale));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${params.board}.ics"`,
			'cache-control': 'no-cache'
		}
	});
};
