import { describe, expect, it } from 'vitest';
import { parseSearch, searchParamsOf } from './search.schema';

describe('parseSearch', () => {
	it('trims the query, keeps known kinds once and valid dates', () => {
		expect(
			parseSearch({ q: '  Gründungen ', kinds: ['paper', 'paper', 'file'], from: '2026-02-28', to: '2026-03-01' })
		).toEqual({
			ok: true,
			input: { q: 'Gründungen', kinds: ['paper', 'file'], from: '2026-02-28', to: '2026-03-01' }
		});
		expect(parseSearch({ q: 'Logistik', from: '', to: '' })).toEqual({
			ok: true,
			input: { q: 'Logistik', kinds: [], from: undefined, to: undefined }
		});
	});

	it('names every problem with a message key', () => {
		expect(parseSearch({ q: ' ' })).toEqual({ ok: false, errors: ['search.error.empty'] });
		expect(parseSearch({})).toEqual({ ok: false, errors: ['search.error.empty'] });
		expect(parseSearch({ q: 'ä'.repeat(201) })).toEqual({ ok: false, errors: ['search.error.tooLong'] });
		expect(parseSearch({ q: 'x', from: '2026-02-29' })).toEqual({ ok: false, errors: ['search.error.date'] });
		expect(parseSearch({ q: 'x', to: '01.03.2026' })).toEqual({ ok: false, errors: ['search.error.date'] });
		expect(parseSearch({ q: 'x', from: '2026-03-02', to: '2026-03-01' })).toEqual({
			ok: false,
			errors: ['search.error.range']
		});
		expect(parseSearch({ q: 'x', kinds: ['profiles'] })).toEqual({ ok: false, errors: ['search.error.kind'] });
	});

	it('reads a search page address', () => {
		const params = new URLSearchParams('q=Hafen&kind=paper&kind=&kind=decision&from=2026-01-01');
		expect(searchParamsOf(params)).toEqual({
			q: 'Hafen',
			kinds: ['paper', 'decision'],
			from: '2026-01-01',
			to: undefined
		});
	});
});
