import { auditService } from '$lib/server/services';
import { parseAuditFilter } from '$lib/server/audit/audit.schema';
import { auditPageData } from '$lib/server/audit/audit-route';
import { boardPage } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	boardPage(event, async (board) => {
		const filter = parseAuditFilter(event.url.searchParams);
		delete filter.boardId;
		return auditPageData(`/b/${board.slug}/audit`, filter, await auditService(event.locals).list(board, filter));
	});
