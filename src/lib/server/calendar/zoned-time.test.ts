import { describe, expect, it } from 'vitest';
import { berlinTime, isRepeatedWallTime } from './zoned-time';

const wall = (iso: string) => {
	const { year, month, day, hour, minute } = berlinTime(new Date(iso));
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

describe('Berlin wall-clock parts across the 2027 DST switches', () => {
	it('spring, 28 March: 01:59 winter time is followed by 03:00 summer time', () => {
		expect(wall('2027-03-28T00:59:00Z')).toBe('2027-03-28 01:59');
		expect(wall('2027-03-28T01:00:00Z')).toBe('2027-03-28 03:00');
		expect(wall('2027-03-27T23:30:00Z')).toBe('2027-03-28 00:30');
	});

	it('autumn, 31 October: 02:00–02:59 comes twice, first in summer, then in winter time', () => {
		expect(wall('2027-10-31T00:00:00Z')).toBe('2027-10-31 02:00');
		expect(wall('2027-10-31T00:59:00Z')).toBe('2027-10-31 02:59');
		expect(wall('2027-10-31T01:00:00Z')).toBe('2027-10-31 02:00');
		expect(wall('2027-10-31T02:00:00Z')).toBe('2027-10-31 03:00');
	});

	it('the year change: 23:10 UTC on 31 December is already 1 January in Berlin', () => {
		expect(wall('2026-12-31T22:59:00Z')).toBe('2026-12-31 23:59');
		expect(wall('2026-12-31T23:10:00Z')).toBe('2027-01-01 00:10');
		expect(berlinTime(new Date('2026-12-31T23:10:00Z')).toPlainDateTime().toPlainDate()).toEqual({ year: 2027, month: 1, day: 1 });
	});

	it('knows the second pass through the repeated hour, and only that', () => {
		expect(isRepeatedWallTime(new Date('2027-10-31T01:00:00Z'))).toBe(true);
		expect(isRepeatedWallTime(new Date('2027-10-31T01:59:59Z'))).toBe(true);
		for (const iso of ['2027-10-31T00:00:00Z', '2027-10-31T00:59:59Z', '2027-10-31T02:00:00Z', '2027-03-28T01:00:00Z', '2027-03-28T00:30:00Z', '2027-07-01T10:00:00Z'])
			expect(isRepeatedWallTime(new Date(iso)), iso).toBe(false);
	});
});
