import { translate } from '$lib/i18n';
import { boardResource } from '$lib/server/http';
import { decisionService } from '$lib/server/services';
import { parseFilter } from '$lib/server/decisions/decision.schema';
import { decisionCsvColumns } from '$lib/server/decisions/decision-csv-columns';
import type { RequestHandler } from './$types';

/** The filtered log as CSV for Excel (UTF-8 with BOM, semicolons; see decision-csv.ts). */
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	return boardResource(event, async (board) => {
		const { header, row } = decisionCsvColumns(locals.locale);
		const csv = await decisionService(locals).csv(board, parseFilter(url.searchParams), row, header);
		const name = `${translate(locals.locale, 'decisions.csv.filename')}-${board.slug}.csv`;
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${name}"`,
				'cache-control': 'private, no-store'
			}
		});
	});
};
