import { translate } from '$lib/i18n';
import { auditService } from '$lib/server/services';
import { parseAuditFilter } from '$lib/server/audit/audit.schema';
import { csvResponse } from '$lib/server/audit/audit-route';
import { boardResource } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The filtered trail of the board as CSV for Excel (UTF-8 with BOM, semicolons, formula-safe). */
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	return boardResource(event, async (board) => {
		const filter = parseAuditFilter(url.searchParams);
		delete filter.boardId;
		const csv = await auditService(locals).csv(board, filter);
		return csvResponse(csv, `${translate(locals.locale, 'audit.csv.filename')}-${board.slug}.csv`);
	});
};
