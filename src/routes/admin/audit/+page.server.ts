import { auditService } from '$lib/server/services';
import { parseAuditFilter } from '$lib/server/audit/audit.schema';
import { auditPageData } from '$lib/server/audit/audit-route';
import { pageData } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** Every board's trail for platform admins (the admin layout refuses everyone else; the service and RLS too). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = parseAuditFilter(url.searchParams);
	const page = await pageData(locals, () => auditService(locals).listAll(filter));
	return auditPageData('/admin/audit', filter, page);
};
