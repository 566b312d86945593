import { personalDataService } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The signed-in person's data as one JSON file (DSGVO Art. 15/20); never anyone else's. */
export const GET: RequestHandler = async ({ locals }) => {
	const data = await personalDataService(locals).exportData();
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="beirat-meine-daten-${data.generatedAt.slice(0, 10)}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
