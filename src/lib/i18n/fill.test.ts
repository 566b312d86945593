import { describe, expect, it } from 'vitest';
import { fill, placeholders } from './fill';

const ABSTAIN_DE = '{count, plural, one {# Enthaltung} other {# Enthaltungen}}';
const ENTRIES_EN = '{count, plural, =0 {no entries} one {# entry} other {# entries}} in {board}';

describe('fill with plurals', () => {
	it('chooses the branch by the plural rules of the language', () => {
		expect(fill(ABSTAIN_DE, { count: 1 }, 'de')).toBe('1 Enthaltung');
		expect(fill(ABSTAIN_DE, { count: 2 }, 'de')).toBe('2 Enthaltungen');
		expect(fill(ABSTAIN_DE, { count: 0 }, 'de')).toBe('0 Enthaltungen');
	});

	it('prefers exact branches and fills placeholders inside and around', () => {
		expect(fill(ENTRIES_EN, { count: 0, board: 'Beirat' }, 'en')).toBe('no entries in Beirat');
		expect(fill(ENTRIES_EN, { count: 1, board: 'Beirat' }, 'en')).toBe('1 entry in Beirat');
		expect(fill('{n, plural, one {# vote by {who}} other {# votes by {who}}}', { n: 3, who: 'A' }, 'en')).toBe(
			'3 votes by A'
		);
	});

	it('handles several plurals in one message', () => {
		const text = '{yes, plural, one {# Ja} other {# Ja}}, {abstain, plural, one {# Enthaltung} other {# Enthaltungen}}';
		expect(fill(text, { yes: 2, abstain: 1 })).toBe('2 Ja, 1 Enthaltung');
	});

	it('leaves a plural without its number visible', () => {
		expect(fill(ABSTAIN_DE, {}, 'de')).toBe(ABSTAIN_DE);
	});

	it('lists plural arguments as placeholders', () => {
		expect(placeholders(ENTRIES_EN)).toEqual(['{board}', '{count}']);
	});
});

describe('catalog plurals', () => {
	it('counts votes, entries and files right in both languages', async () => {
		const { translate } = await import('./index');
		expect(translate('de', 'decisions.vote.counted', { yes: 7, no: 1, abstain: 1 })).toBe('7 Ja, 1 Nein, 1 Enthaltung');
		expect(translate('de', 'decisions.vote.counted', { yes: 7, no: 1, abstain: 2 })).toBe(
			'7 Ja, 1 Nein, 2 Enthaltungen'
		);
		expect(translate('en', 'decisions.vote.counted', { yes: 7, no: 1, abstain: 1 })).toBe('7 yes, 1 no, 1 abstention');
		expect(translate('de', 'decisions.verify.ok', { count: 1 })).toBe(
			'Prüfung erfolgreich: 1 Eintrag, die Kette ist unverändert.'
		);
		expect(translate('en', 'decisions.verify.ok', { count: 3 })).toBe(
			'Check passed: 3 entries, the chain is unchanged.'
		);
		expect(translate('en', 'files.uploaded', { count: 1 })).toBe('1 file uploaded.');
	});
});
