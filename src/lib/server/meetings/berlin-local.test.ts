import { describe, expect, it } from 'vitest';
import { fromBerlinLocal, toBerlinLocal } from './berlin-local';

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
