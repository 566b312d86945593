import type { ListQuery } from './oparl.schema';

// A list page as the spec shapes it: `data`, `pagination` and `links` (`next` on every page but the last).
// The page's address keeps the client's filters (spec: the server keeps them on all further pages).

export interface Pagination {
	totalElements: number;
	elementsPerPage: number;
	currentPage: number;
	totalPages: number;
}

export interface PageLinks {
	first: string;
	prev?: string;
	self: string;
	next?: string;
	last: string;
}

export interface ListPage<T> {
	data: T[];
	pagination: Pagination;
	links: PageLinks;
}

/** Rows to skip for a page. */
export const offsetOf = (query: Pick<ListQuery, 'page' | 'pageSize'>) => (query.page - 1) * query.pageSize;

/** The address of page `page` of the list at `base` with the query's filters. */
export function pageUrl(base: string, query: ListQuery, page: number): string {
	const params = new URLSearchParams();
	const { filters } = query;
	if (filters.createdSince) params.set('created_since', filters.createdSince.toISOString());
	if (filters.createdUntil) params.set('created_until', filters.createdUntil.toISOString());
	if (filters.modifiedSince) params.set('modified_since', filters.modifiedSince.toISOString());
	if (filters.modifiedUntil) params.set('modified_until', filters.modifiedUntil.toISOString());
	if (query.omitInternal) params.set('omit_internal', 'true');
	params.set('elementsPerPage', String(query.pageSize));
	if (page > 1) params.set('page', String(page));
	return `${base}?${params}`;
}

/** Wraps one page of objects; `total` counts the whole filtered list. */
export function listPage<T>(base: string, query: ListQuery, data: T[], total: number): ListPage<T> {
	const totalPages = Math.max(1, Math.ceil(total / query.pageSize));
	const page = query.page;
	const links: PageLinks = {
		first: pageUrl(base, query, 1),
		self: pageUrl(base, query, page),
		last: pageUrl(base, query, totalPages)
	};
	if (page > 1) links.prev = pageUrl(base, query, Math.min(page - 1, totalPages));
	if (page < totalPages) links.next = pageUrl(base, query, page + 1);
	return {
		data,
		pagination: { totalElements: total, elementsPerPage: query.pageSize, currentPage: page, totalPages },
		links
	};
}
