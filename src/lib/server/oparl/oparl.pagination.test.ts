import { describe, expect, it } from 'vitest';
import { listPage, offsetOf, pageUrl } from './oparl.pagination';
import type { ListQuery } from './oparl.schema';

const base = 'https://example.org/oparl/v1/body/hamm/meetings';
const query = (page: number, filters: ListQuery['filters'] = {}): ListQuery => ({
	page,
	pageSize: 10,
	filters,
	omitInternal: false
});

describe('OParl pagination', () => {
	it('counts pages and links first, prev, next and last', () => {
		const middle = listPage(base, query(2), ['x'], 25);
		expect(middle.pagination).toEqual({ totalElements: 25, elementsPerPage: 10, currentPage: 2, totalPages: 3 });
		expect(middle.links).toEqual({
			first: `${base}?elementsPerPage=10`,
			prev: `${base}?elementsPerPage=10`,
			self: `${base}?elementsPerPage=10&page=2`,
			next: `${base}?elementsPerPage=10&page=3`,
			last: `${base}?elementsPerPage=10&page=3`
		});
	});

	it('has no next on the last page and no prev on the first', () => {
		expect(listPage(base, query(3), [], 25).links.next).toBeUndefined();
		expect(listPage(base, query(1), [], 25).links.prev).toBeUndefined();
	});

	it('keeps one (empty) page for an empty list', () => {
		const empty = listPage(base, query(1), [], 0);
		expect(empty.pagination.totalPages).toBe(1);
		expect(empty.links.next).toBeUndefined();
	});

	it('points a page past the end back to the last page', () => {
		expect(listPage(base, query(9), [], 25).links.prev).toBe(`${base}?elementsPerPage=10&page=3`);
	});

	it('keeps the filters on every page', () => {
		const since = new Date('2026-01-01T00:00:00Z');
		const url = pageUrl(base, { ...query(1, { modifiedSince: since }), omitInternal: true }, 2);
		expect(new URL(url).searchParams.get('modified_since')).toBe('2026-01-01T00:00:00.000Z');
		expect(new URL(url).searchParams.get('omit_internal')).toBe('true');
		expect(new URL(url).searchParams.get('page')).toBe('2');
	});

	it('skips the rows of the pages before', () => {
		expect(offsetOf({ page: 3, pageSize: 10 })).toBe(20);
	});
});
