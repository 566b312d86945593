import { describe, expect, it } from 'vitest';
import { canonicalJson, formatNumber, numberToSlug, slugToNumber } from './decision-hash';

describe('decision hash helpers', () => {
	it('sorts keys at every level and drops undefined', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: true, y: null }], c: undefined } })).toBe(
			'{"a":{"d":[2,{"y":null,"z":true}]},"b":1}'
		);
	});
	it('formats and converts numbers', () => {
		expect(formatNumber(2026, 7)).toBe('2026/07');
		expect(formatNumber(2026, 123)).toBe('2026/123');
		expect(numberToSlug('2026/07')).toBe('2026-07');
		expect(slugToNumber('2026-07')).toBe('2026/07');
		expect(slugToNumber('../x')).toBeNull();
	});
});
