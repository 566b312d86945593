import { describe, expect, it } from 'vitest';
import { placeholders } from './fill';
import { loadAreas, missingArea, translate, type MessageKey } from './index';

const files = import.meta.glob('./messages/*.json', { eager: true, import: 'default' }) as Record<
	string,
	Record<string, string>
>;
const areas = [...new Set(Object.keys(files).map((file) => file.replace(/^.*\/(\w+)\.\w+\.json$/, '$1')))];

describe.each(areas)('message catalog %s', (area) => {
	const german = files[`./messages/${area}.de.json`]!;
	const english = files[`./messages/${area}.en.json`]!;

	it('has every German key in English and no extra ones', () => {
		expect(Object.keys(english).sort()).toEqual(Object.keys(german).sort());
	});

	it('uses the same placeholders in both languages', () => {
		for (const [key, text] of Object.entries(german))
			expect(placeholders(english[key] ?? ''), key).toEqual(placeholders(text));
	});
});

describe('translate', () => {
	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('de', 'dashboard.greeting', { name: 'Frau Wolter' })).toBe('Guten Tag, Frau Wolter');
		expect(translate('en', 'dashboard.greeting')).toBe('Hello, {name}');
	});

	it('has both languages on the server without loading one, and shows a key that is in neither', async () => {
		expect(translate('en', 'shell.skipToContent')).toBe('Skip to content');
		expect(translate('de', 'shell.skipToContent')).toBe('Zum Inhalt springen');
		await loadAreas('en', ['app', 'votes']);
		expect(missingArea('en', 'votes.nav')).toBeUndefined();
		expect(translate('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
	});
});
