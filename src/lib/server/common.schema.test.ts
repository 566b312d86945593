import { describe, expect, it } from 'vitest';
import { calendarDateSchema, isCalendarDate, isUuid, uuidSchema } from './common.schema';

describe('shared input schemas', () => {
	it('accepts ids Postgres reads as uuid, and nothing else', () => {
		for (const id of [
			'00000000-0000-4000-8000-0000000000c1',
			'a3bb189e-8bf9-3888-9912-ace4e6543002',
			'00000000-0000-0000-0000-000000000000'
		]) {
			expect(isUuid(id)).toBe(true);
		}
		for (const id of [
			'abc',
			'',
			'00000000-0000-4000-8000-0000000000c1x',
			'00000000-0000-4000-8000-0000000000c\u0000',
			' 00000000-0000-4000-8000-0000000000c1',
			null,
			42
		]) {
			expect(isUuid(id)).toBe(false);
		}
		expect(uuidSchema.safeParse('abc').success).toBe(false);
	});

	it('accepts calendar days that exist', () => {
		for (const day of ['2026-02-28', '2028-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])
			expect(isCalendarDate(day)).toBe(true);
		for (const day of [
			'2026-02-31',
			'2027-02-29',
			'9999-99-99',
			'2026-13-01',
			'2026-00-10',
			'0000-01-01',
			'2026-1-1',
			'2026-01-01T00:00',
			''
		]) {
			expect(isCalendarDate(day)).toBe(false);
		}
		expect(calendarDateSchema.safeParse('2026-02-31').success).toBe(false);
	});
});
