import { idParam, pageData } from '$lib/server/http';
import { citizensExportService } from '$lib/server/citizens/citizens-services';
import type { RequestHandler } from './$types';

/** The published (frozen) version of a paper as PDF, read as anon. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = idParam(locals, params.id);
	const file = await pageData(locals, () => citizensExportService(locals).paperPdf(params.board, id));
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': file.disposition,
			'content-length': String(file.body.byteLength),
			'cache-control': 'no-cache',
			'x-content-type-options': 'nosniff'
		}
	});
};
