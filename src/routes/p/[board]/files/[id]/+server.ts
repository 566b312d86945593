import { idParam, pageData } from '$lib/server/http';
import { citizensExportService } from '$lib/server/citizens/citizens-services';
import { publicFileResponse } from '$lib/server/citizens/file-response';
import type { RequestHandler } from './$types';

/** A public file's current version, shown in the browser where it can be (OParl accessUrl). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = idParam(locals, params.id);
	return publicFileResponse(
		await pageData(locals, () => citizensExportService(locals).file(params.board, id)),
		'inline'
	);
};
