import { describe, expect, it } from 'vitest';
import {
	buildMinutesDocument,
	canonicalText,
	decisionTexts,
	numberItems,
	publicCopy,
	sha256,
	type MinutesItem
} from './minutes-document';

const item = (title: string, extra: Partial<MinutesItem> = {}): MinutesItem => ({
	id: title,
	title,
	isSubItem: false,
	kind: 'information',
	isPublic: true,
	presenter: null,
	...extra
});

const labels = {
	title: 'Protokoll: Sitzung',
	date: 'Sitzung vom 1. Mai',
	attendance: 'Anwesenheit',
	present: 'Anwesend',
	absent: 'Abwesend',
	nobody: 'niemand erfasst',
	presenter: 'Berichterstattung',
	notes: 'Diskussion:',
	decision: 'Beschluss'
};

describe('minutes document', () => {
	const items = numberItems([
		item('A'),
		item('B', { kind: 'decision', isPublic: false }),
		item('B1', { isSubItem: true }),
		item('C', { presenter: 'Frau X' })
	]);

	it("numbers items like the agenda: public part first, each part on its own, sub-items under the part's item before", () => {
		expect(items.map((i) => `${i.number} ${i.title}`)).toEqual(['Ö 1 A', 'Ö 1.1 B1', 'Ö 2 C', 'N 1 B']);
	});

	it('filters non-public sections and finds the decision text', () => {
		const doc = buildMinutesDocument({ labels, present: ['Anna'], absent: [], items });
		const decisionParagraph =
			doc.content!.findIndex((n) => n.type === 'heading' && n.content?.[0]?.text === 'Beschluss') + 1;
		doc.content![decisionParagraph] = { type: 'paragraph', content: [{ type: 'text', text: 'Geheim beschlossen.' }] };
		expect(decisionTexts(doc, ['Beschluss']).get('N 1')).toBe('Geheim beschlossen.');
		const copy = canonicalText(publicCopy(doc, new Set(['Ö 1', 'Ö 1.1', 'Ö 2'])));
		expect(copy).toContain('## Ö 2: C\nBerichterstattung: Frau X');
		expect(copy).toContain('## Ö 1.1: B1');
		expect(copy).not.toContain('Geheim');
		expect(copy).not.toContain('N 1: B');
		expect(copy).not.toContain('Nichtöffentlich');
		expect(canonicalText(doc)).toContain('Anwesend: Anna\nAbwesend: niemand erfasst');
	});

	it('still reads minutes written before the parts existed ("TOP n" sections)', () => {
		const heading = (text: string) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });
		const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
		const old = {
			type: 'doc',
			content: [
				heading('TOP 1: A'),
				para('offen'),
				heading('TOP 2: B'),
				{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Beschluss' }] },
				para('Alt beschlossen.')
			]
		};
		expect(decisionTexts(old, ['Beschluss']).get('TOP 2')).toBe('Alt beschlossen.');
		expect(canonicalText(publicCopy(old, new Set(['TOP 1'])))).toBe('## TOP 1: A\noffen\n');
	});

	it('hashes the canonical text (SHA-256, hex)', () => {
		expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
});
