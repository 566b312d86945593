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

	it('compares the agreed text by default and can show pending suggestions marked', () => {
		const mark = (type: string) => ({ type, attrs: { id: 's1', authorId: 'u1', authorName: 'Jonas', createdAt: '' } });
		const withSuggestions = {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Wir fördern ' },
						{ type: 'text', text: 'Betriebe', marks: [mark('suggestionDelete')] },
						{ type: 'text', text: 'Unternehmen', marks: [mark('suggestionInsert')] },
						{ type: 'text', text: ' in Hamm.' }
					]
				}
			]
		};
		// Pending: the suggested insertion is not there yet, the suggested deletion still is.
		expect(diffDocuments(doc('Wir fördern Betriebe in Hamm.'), withSuggestions).every((s) => s.kind === 'same')).toBe(
			true
		);
		const marked = diffDocuments(doc('Wir fördern Betriebe in Hamm.'), withSuggestions, 'marked');
		expect(marked.some((s) => s.kind === 'added' && s.text.includes('{++Unternehmen++}'))).toBe(true);
		expect(marked.map((s) => (s.kind === 'removed' ? '' : s.text)).join('')).toBe(
			'Wir fördern {--Betriebe--}{++Unternehmen++} in Hamm.'
		);
	});
});
