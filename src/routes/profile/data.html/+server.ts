import { personalDataService } from '$lib/server/services';
import { renderPersonalDataHtml } from '$lib/server/personal-data/personal-data-html';
import type { RequestHandler } from './$types';

/** The same data as a readable, printable document. */
export const GET: RequestHandler = async ({ locals }) => {
	const data = await personalDataService(locals).exportData();
	return new Response(renderPersonalDataHtml(data, locals.locale), {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-disposition': `attachment; filename="beirat-meine-daten-${data.generatedAt.slice(0, 10)}.html"`,
			'cache-control': 'private, no-store',
			// A downloaded document runs nothing and loads nothing.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
};
