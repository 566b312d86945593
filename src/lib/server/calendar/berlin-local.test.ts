import { describe, expect, it } from 'vitest';
import { berlinTime, fromBerlinLocal, isRepeatedWallTime, toBerlinLocal } from './berlin-local';

describe('Berlin wall-clock time', () => {
	it('reads winter and summer times with their offsets', () => {
		expect(fromBerlinLocal('2026-12-10T16:00')?.toISOString()).toBe('2026-12-10T15:00:00.000Z');
		expect(fromBerlinLocal('2026-07-01T09:30')?.toISOString()).toBe('2026-07-01T07:30:00.000Z');
	});

	it('round-trips', () => {
		expect(toBerlinLocal(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29T03:30');
		expect(toBerlinLocal(fromBerlinLocal('2026-10-25T12:00')!)).toBe('2026-10-25T12:00');
	});

	it('refuses malformed values', () => {
		expect(fromBerlinLocal('2026-02-30T10:00')).toBeNull();
		expect(fromBerlinLocal('morgen')).toBeNull();
		expect(fromBerlinLocal('2026-01-01T25:00')).toBeNull();
	});
});

describe('Berlin wall-clock time across the 2027 DST switches', () => {
	const read = (value: string) => fromBerlinLocal(value)?.toISOString();

	it('spring, 28 March 02:00 → 03:00: the hour before and after keep their offsets', () => {
		expect(read('2027-03-28T01:59')).toBe('2027-03-28T00:59:00.000Z');
		expect(read('2027-03-28T03:00')).toBe('2027-03-28T01:00:00.000Z');
		expect(toBerlinLocal(new Date('2027-03-28T00:59:00Z'))).toBe('2027-03-28T01:59');
		expect(toBerlinLocal(new Date('2027-03-28T01:00:00Z'))).toBe('2027-03-28T03:00');
	});

	it('spring: a wall time in the gap is read with the offset before it (02:30 is 03:30 summer time)', () => {
		expect(read('2027-03-28T02:00')).toBe('2027-03-28T01:00:00.000Z');
		expect(read('2027-03-28T02:30')).toBe('2027-03-28T01:30:00.000Z');
		expect(toBerlinLocal(fromBerlinLocal('2027-03-28T02:30')!)).toBe('2027-03-28T03:30');
	});

	it('autumn, 31 October 03:00 → 02:00: a repeated wall time is its first occurrence (summer time)', () => {
		expect(read('2027-10-31T01:59')).toBe('2027-10-30T23:59:00.000Z');
		expect(read('2027-10-31T02:00')).toBe('2027-10-31T00:00:00.000Z');
		expect(read('2027-10-31T02:30')).toBe('2027-10-31T00:30:00.000Z');
		expect(read('2027-10-31T02:59')).toBe('2027-10-31T00:59:00.000Z');
		expect(read('2027-10-31T03:00')).toBe('2027-10-31T02:00:00.000Z');
	});

	it('autumn: both occurrences show as the same wall time, the day around keeps its offsets', () => {
		expect(toBerlinLocal(new Date('2027-10-31T00:30:00Z'))).toBe('2027-10-31T02:30');
		expect(toBerlinLocal(new Date('2027-10-31T01:30:00Z'))).toBe('2027-10-31T02:30');
		expect(toBerlinLocal(new Date('2027-10-31T02:00:00Z'))).toBe('2027-10-31T03:00');
		expect(read('2027-10-30T12:00')).toBe('2027-10-30T10:00:00.000Z');
		expect(read('2027-11-01T12:00')).toBe('2027-11-01T11:00:00.000Z');
		expect(toBerlinLocal(fromBerlinLocal('2027-10-31T12:00')!)).toBe('2027-10-31T12:00');
	});

	it('the year change: 00:10 on 1 January in Berlin is still 31 December in UTC', () => {
		expect(read('2026-12-31T23:30')).toBe('2026-12-31T22:30:00.000Z');
		expect(read('2027-01-01T00:10')).toBe('2026-12-31T23:10:00.000Z');
		expect(toBerlinLocal(new Date('2026-12-31T23:10:00Z'))).toBe('2027-01-01T00:10');
	});
});

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
		expect(berlinTime(new Date('2026-12-31T23:10:00Z')).toPlainDateTime().toPlainDate()).toEqual({
			year: 2027,
			month: 1,
			day: 1
		});
	});

	it('knows the second pass through the repeated hour, and only that', () => {
		expect(isRepeatedWallTime(new Date('2027-10-31T01:00:00Z'))).toBe(true);
		expect(isRepeatedWallTime(new Date('2027-10-31T01:59:59Z'))).toBe(true);
		for (const iso of [
			'2027-10-31T00:00:00Z',
			'2027-10-31T00:59:59Z',
			'2027-10-31T02:00:00Z',
			'2027-03-28T01:00:00Z',
			'2027-03-28T00:30:00Z',
			'2027-07-01T10:00:00Z'
		])
			expect(isRepeatedWallTime(new Date(iso)), iso).toBe(false);
	});
});
