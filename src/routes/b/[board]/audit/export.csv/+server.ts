import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { auditService } from '$lib/server/services';
import { parseAuditFilter } from '$lib/server/audit/audit.schema';
import { auditOrError, csvResponse } from '$lib/server/audit/audit-route';
import type { RequestHandler } from './$types';

/** The filtered trail of the board as CSV for Excel (UTF-8 with BOM, semicolons, formula-safe). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const board = await loadBoard(locals, params.board);
	const filter = parseAuditFilter(url.searchParams);
	delete filter.boardId;
	const csv = await auditOrError(locals, () => auditService(locals).csv(board, filter));
	return csvResponse(csv, `${translate(locals.locale, 'audit.csv.filename')}-${board.slug}.csv`);
};
