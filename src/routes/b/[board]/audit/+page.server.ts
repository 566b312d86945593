import { auditService } from '$lib/server/services';
import { parseAuditFilter } from '$lib/server/audit/audit.schema';
import { auditOrError, auditPageData } from '$lib/server/audit/audit-route';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { board } = await parent();
	const filter = parseAuditFilter(url.searchParams);
	delete filter.boardId;
	const page = await auditOrError(locals, () => auditService(locals).list(board, filter));
	return auditPageData(`/b/${board.slug}/audit`, filter, page);
};
