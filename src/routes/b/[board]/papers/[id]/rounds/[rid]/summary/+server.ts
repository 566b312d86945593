import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { roundService } from '$lib/server/rounds/round-request';
import { summaryFormatSchema } from '$lib/server/rounds/round.schema';
import { boardResource, idParam } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The closed round's summary as PDF or DOCX (`?format=`), for the board's full members. */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const format = summaryFormatSchema.safeParse(url.searchParams.get('format') ?? 'pdf');
	if (!format.success) error(400, translate(locals.locale, 'validation.invalid'));
	const file = await boardResource(event, (board) =>
		roundService(locals).summaryFile(board, {
			paperId: idParam(locals, params.id),
			roundId: idParam(locals, params.rid),
			format: format.data,
			locale: locals.locale
		})
	);
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': file.disposition,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
