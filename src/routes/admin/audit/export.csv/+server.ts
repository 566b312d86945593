import { translate } from '$lib/i18n';
import { auditService } from '$lib/server/services';
import { parseAuditFilter } from '$lib/server/audit/audit.schema';
import { csvResponse } from '$lib/server/audit/audit-route';
import { pageData } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The filtered trail of all boards as CSV (platform admins; the service refuses everyone else). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const csv = await pageData(locals, () => auditService(locals).csvAll(parseAuditFilter(url.searchParams)));
	return csvResponse(csv, `${translate(locals.locale, 'audit.csv.filename')}.csv`);
};
