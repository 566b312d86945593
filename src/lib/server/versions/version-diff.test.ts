import { describe, expect, it } from 'vitest';
import { diffDocuments } from './version-diff';

const doc = (...paragraphs: string[]) => ({
	type: 'doc',
	content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }))
});

describe('version diff', () => {
	it('marks added and removed words and keeps the rest', () => {
		const segments = diffDocuments(doc('Ziel: 500 Stellen.', 'Bleibt.'), doc('Ziel: 800 Stellen.', 'Bleibt.', 'Neu.'));
		expect(segments.filter((s) => s.kind === 'removed').map((s) => s.text)).toEqual(['500']);
		expect(segments.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['800', 'Neu.']);
		expect(segments.map((s) => (s.kind === 'added' ? '' : s.text)).join('')).toBe('Ziel: 500 Stellen.\nBleibt.');
	});

	it('finds no changes between equal documents', () => {
		expect(diffDocuments(doc('Gleich.'), doc('Gleich.')).every((s) => s.kind === 'same')).toBe(true);
	});
});
