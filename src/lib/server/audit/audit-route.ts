import { filterQuery } from './audit.schema';
import type { AuditFilter } from '$lib/types/audit.types';
import type { AuditPage } from './audit.service';

/** Page data: the page plus the addresses of the CSV export and of the neighbouring pages. */
export function auditPageData(base: string, filter: AuditFilter, page: AuditPage) {
	const query = filterQuery(filter);
	const withQuery = (extra: string) => `${base}?${[query, extra].filter(Boolean).join('&')}`;
	return {
		...page,
		filter,
		csvHref: `${base}/export.csv${query ? `?${query}` : ''}`,
		olderHref: page.nextBefore ? withQuery(`before=${page.nextBefore}`) : null,
		newestHref: filter.before ? (query ? `${base}?${query}` : base) : null
	};
}

/** The CSV as a download that is never cached. */
export function csvResponse(csv: string, filename: string): Response {
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}
