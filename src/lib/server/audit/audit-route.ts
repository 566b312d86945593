import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { RequestContext } from '../context';
import { ServiceError } from '../errors';
import { filterQuery } from './audit.schema';
import type { AuditFilter } from '$lib/types/audit.types';
import type { AuditPage } from './audit.service';

/** A refusal of the audit service as the matching error page (403) in the reader's language. */
export async function auditOrError<T>(locals: RequestContext, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (cause) {
		if (cause instanceof ServiceError) error(cause.status, translate(locals.locale, cause.messageKey, cause.params));
		throw cause;
	}
}

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
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' }
	});
}
