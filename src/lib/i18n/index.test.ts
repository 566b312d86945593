import { describe, expect, it } from 'vitest';
import appDe from './messages/app.de.json';
import appEn from './messages/app.en.json';
import { translate } from './index';

describe('message catalogs', () => {
	it('has every German key in English and no extra ones', () => {
		expect(Object.keys(appEn).sort()).toEqual(Object.keys(appDe).sort());
	});

	it('uses the same placeholders in both languages', () => {
		const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
		for (const [key, german] of Object.entries(appDe)) {
			expect(placeholders((appEn as Record<string, string>)[key] ?? ''), key).toEqual(placeholders(german));
		}
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('de', 'app.name', {})).toBe('Beirat');
	});
});
