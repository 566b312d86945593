import { describe, expect, it } from 'vitest';
import { buildMinutesDocument, canonicalText, decisionTexts, numberItems, publicCopy, sha256, type MinutesItem } from './minutes-document';

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
	const items = numberItems([item('A'), item('B', { kind: 'decision', isPublic: false }), item('B1', { isSubItem: true }), item('C', { presenter: 'Frau X' })]);

	it('numbers items like the agenda, sub-items under the item before', () => {
		expect(items.map((i) => i.number)).toEqual(['TOP 1', 'TOP 2', 'TOP 2.1', 'TOP 3']);
	});

	it('filters non-public sections and finds the decision text', () => {
		const doc = buildMinutesDocument({ labels, present: ['Anna'], absent: [], items });
		const decisionParagraph = doc.content!.findIndex((n) => n.type === 'heading' && n.content?.[0]?.text === 'Beschluss') + 1;
		doc.content![decisionParagraph] = { type: 'paragraph', content: [{ type: 'text', text: 'Geheim beschlossen.' }] };
		expect(decisionTexts(doc, ['Beschluss']).get('TOP 2')).toBe('Geheim beschlossen.');
		const copy = canonicalText(publicCopy(doc, new Set(['TOP 1', 'TOP 2.1', 'TOP 3'])));
		expect(copy).toContain('## TOP 3: C\nBerichterstattung: Frau X');
		expect(copy).toContain('## TOP 2.1: B1');
		expect(copy).not.toContain('Geheim');
		expect(copy).not.toContain('TOP 2: B');
		expect(canonicalText(doc)).toContain('Anwesend: Anna\nAbwesend: niemand erfasst');
	});

	it('hashes the canonical text (SHA-256, hex)', () => {
		expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
});
