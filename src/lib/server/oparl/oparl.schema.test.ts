import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, objectId, parseListQuery, parseObjectQuery } from './oparl.schema';

const parse = (query: string) => parseListQuery(new URLSearchParams(query));

describe('OParl list query', () => {
	it('has defaults', () => {
		expect(parse('')).toEqual({
			ok: true,
			value: { page: 1, pageSize: 50, filters: {}, omitInternal: false }
		});
	});

	it('reads the filters as instants, whatever the offset', () => {
		const result = parse(
			'created_since=2014-01-01T00%3A00%3A00%2B01%3A00&modified_until=2026-12-06T10:00:00Z&omit_internal=true'
		);
		expect(result.ok && result.value.filters.createdSince?.toISOString()).toBe('2013-12-31T23:00:00.000Z');
		expect(result.ok && result.value.filters.modifiedUntil?.toISOString()).toBe('2026-12-06T10:00:00.000Z');
		expect(result.ok && result.value.omitInternal).toBe(true);
	});

	it('takes an unencoded "+" (read as a space) as the offset it was', () => {
		const result = parse('created_since=2014-01-01T00:00:00+01:00');
		expect(result.ok && result.value.filters.createdSince?.toISOString()).toBe('2013-12-31T23:00:00.000Z');
	});

	it.each([
		['created_since=2014-01-01', 'created_since'],
		['created_since=2014-01-01T00:00:00', 'created_since'],
		['modified_since=yesterday', 'modified_since'],
		['modified_until=2014-13-45T00:00:00Z', 'modified_until'],
		['page=0', 'page'],
		['page=-1', 'page'],
		['page=abc', 'page'],
		['page=1&page=2', 'page'],
		['elementsPerPage=0', 'elementsPerPage'],
		['omit_internal=maybe', 'omit_internal'],
		['created_since=2020-01-01T00:00:00Z&created_until=2019-01-01T00:00:00Z', 'created_until']
	])('refuses %s, naming %s', (query, parameter) => {
		const result = parse(query);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems.map((p) => p.parameter)).toContain(parameter);
	});

	it('caps the page size, from elementsPerPage or limit', () => {
		const big = parse('elementsPerPage=100000');
		expect(big.ok && big.value.pageSize).toBe(MAX_PAGE_SIZE);
		const limit = parse('limit=7');
		expect(limit.ok && limit.value.pageSize).toBe(7);
	});

	it('ignores parameters it does not know', () => {
		expect(parse('foo=bar').ok).toBe(true);
	});
});

describe('OParl object query and ids', () => {
	it('reads omit_internal only', () => {
		expect(parseObjectQuery(new URLSearchParams('omit_internal=1'))).toEqual({
			ok: true,
			value: { omitInternal: true }
		});
		expect(parseObjectQuery(new URLSearchParams('omit_internal=x')).ok).toBe(false);
	});

	it('accepts any 8-4-4-4-12 hex id (a consultation id carries no RFC version) and lower-cases it', () => {
		expect(objectId.safeParse('0002C5AF-DD27-4181-5163-B872629DDC66')).toEqual({
			success: true,
			data: '0002c5af-dd27-4181-5163-b872629ddc66'
		});
		expect(objectId.safeParse('not-a-uuid').success).toBe(false);
		expect(objectId.safeParse("1' or '1'='1").success).toBe(false);
	});
});
