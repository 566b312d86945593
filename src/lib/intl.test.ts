import { describe, expect, it } from 'vitest';
import { collator, dateTimeFormat, numberFormat, pluralRules } from './intl';

describe('shared Intl formatters', () => {
	it('builds one formatter per locale and options and reuses it', () => {
		const options = { dateStyle: 'medium', timeZone: 'Europe/Berlin' } as const;
		expect(dateTimeFormat('de-DE', options)).toBe(dateTimeFormat('de-DE', { ...options }));
		expect(dateTimeFormat('de-DE', options)).not.toBe(dateTimeFormat('en-GB', options));
		expect(dateTimeFormat('de-DE', options)).not.toBe(dateTimeFormat('de-DE', { ...options, timeStyle: 'short' }));
		expect(numberFormat('de', { maximumFractionDigits: 1 })).toBe(numberFormat('de', { maximumFractionDigits: 1 }));
		expect(pluralRules('en')).toBe(pluralRules('en'));
		expect(collator('de', { numeric: true })).not.toBe(collator('de'));
	});

	it('formats as a new formatter would', () => {
		const date = new Date('2026-07-01T00:00:00Z');
		const options = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' } as const;
		expect(dateTimeFormat('de-DE', options).format(date)).toBe(new Intl.DateTimeFormat('de-DE', options).format(date));
		expect(numberFormat('de', { maximumFractionDigits: 1 }).format(1.25)).toBe('1,3');
		expect(pluralRules('en').select(1)).toBe('one');
	});
});
