import { describe, expect, it } from 'vitest';
import { berlinDay, formatDate, formatDateTime } from './format';

describe('dates in Europe/Berlin', () => {
	it('shows midnight UTC in summer as the same day, 02:00', () => {
		expect(formatDateTime(new Date('2026-07-01T00:00:00Z'), 'de')).toBe('01.07.2026, 02:00');
	});
	it('moves a late UTC evening in winter to the next day', () => {
		expect(formatDate(new Date('2026-12-31T23:30:00Z'), 'en')).toBe('1 Jan 2027');
	});
	it('gives the Berlin calendar day for a date input', () => {
		expect(berlinDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
		expect(berlinDay('2026-07-01T21:59:00Z')).toBe('2026-07-01');
		expect(berlinDay('2026-07-01T22:00:00Z')).toBe('2026-07-02');
	});
});
