import { describe, expect, it } from 'vitest';
import { parseResolutionFilters } from './citizens.schema';

const parse = (query: string) => parseResolutionFilters(new URLSearchParams(query));

describe('resolution filters', () => {
	it('defaults to everything, first page', () => {
		expect(parse('')).toEqual({ q: '', year: null, kind: null, page: 1 });
		expect(parse('q=&year=&kind=&page=')).toEqual({ q: '', year: null, kind: null, page: 1 });
	});

	it('takes a search, a year, a kind and a page', () => {
		expect(parse('q=%20Innovation%20&year=2026&kind=recommendation&page=2')).toEqual({
			q: 'Innovation',
			year: 2026,
			kind: 'recommendation',
			page: 2
		});
	});

	it('refuses malformed values', () => {
		for (const query of [
			'year=abc',
			'year=1850',
			'kind=secret',
			'page=0',
			'page=-1',
			'page=1.5',
			`q=${'x'.repeat(201)}`
		])
			expect(parse(query), query).toBeNull();
	});
});
