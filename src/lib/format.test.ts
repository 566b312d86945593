import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('dates in Europe/Berlin', () => {
	it('shows midnight UTC in summer as the same day, 02:00', () => {
		expect(formatDateTime(new Date('2026-07-01T00:00:00Z'), 'de')).toBe('01.07.2026, 02:00');
	});
	it('moves a late UTC evening in winter to the next day', () => {
		expect(formatDate(new Date('2026-12-31T23:30:00Z'), 'en')).toBe('1 Jan 2027');
	});
});
