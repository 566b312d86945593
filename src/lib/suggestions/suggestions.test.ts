import { describe, expect, it } from 'vitest';
import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { baseExtensions, PAPER_FRAGMENT } from '$lib/editor/extensions';
import { acceptAll, hasSuggestions, listSuggestions, rejectAll, resolveSuggestions } from './suggestions';
import { onlyOwnSuggestionsChanged, suggestionView } from './y-suggestions';

const by = (id: string, authorId: string) => ({
	id,
	authorId,
	authorName: authorId.toUpperCase(),
	createdAt: '2026-12-06T10:00:00.000Z'
});
const ins = (id: string, authorId: string) => ({ type: 'suggestionInsert', attrs: by(id, authorId) });
const del = (id: string, authorId: string) => ({ type: 'suggestionDelete', attrs: by(id, authorId) });
const text = (value: string, ...marks: JSONContent['marks'] & object) =>
	marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value };

const doc: JSONContent = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [text('Ziele')] },
		{
			type: 'paragraph',
			content: [text('Wir '), text('fördern ', ins('s1', 'anna')), text('alte ', del('s2', 'ben')), text('Betriebe.')]
		},
		{ type: 'heading', attrs: { level: 2 }, content: [text('Wege')] },
		{ type: 'paragraph', content: [text('Mit '), text('Geld', { type: 'bold' }, ins('s3', 'anna'))] }
	]
};

const paragraphText = (json: JSONContent) =>
	(json.content ?? []).map((node) => (node.content ?? []).map((child) => child.text).join(''));

describe('suggestions in ProseMirror JSON', () => {
	it('lists each suggestion once with author, kind, time, text and section', () => {
		expect(listSuggestions(doc)).toEqual([
			{ ...by('s1', 'anna'), kind: 'insert', text: 'fördern ', section: 'Ziele' },
			{ ...by('s2', 'ben'), kind: 'delete', text: 'alte ', section: 'Ziele' },
			{ ...by('s3', 'anna'), kind: 'insert', text: 'Geld', section: 'Wege' }
		]);
		expect(hasSuggestions(doc)).toBe(true);
	});

	it('projects all rejected and all accepted, joining the plain text again', () => {
		const rejected = rejectAll(doc);
		expect(paragraphText(rejected)).toEqual(['Ziele', 'Wir alte Betriebe.', 'Wege', 'Mit ']);
		expect(rejected.content![1]!.content).toHaveLength(1);
		expect(hasSuggestions(rejected)).toBe(false);
		const accepted = acceptAll(doc);
		expect(paragraphText(accepted)).toEqual(['Ziele', 'Wir fördern Betriebe.', 'Wege', 'Mit Geld']);
		expect(accepted.content![3]!.content![1]).toEqual({ type: 'text', text: 'Geld', marks: [{ type: 'bold' }] });
		expect(paragraphText(doc)[1]).toBe('Wir fördern alte Betriebe.');
	});

	it('decides one suggestion or one author and leaves the others pending', () => {
		const oneAccepted = resolveSuggestions(doc, (s) => (s.id === 's2' ? 'accept' : null));
		expect(paragraphText(oneAccepted)[1]).toBe('Wir fördern Betriebe.');
		expect(listSuggestions(oneAccepted).map((s) => s.id)).toEqual(['s1', 's3']);
		const annaRejected = resolveSuggestions(doc, (s) => (s.authorId === 'anna' ? 'reject' : null));
		expect(listSuggestions(annaRejected).map((s) => s.id)).toEqual(['s2']);
	});
});

describe('suggestions in the Yjs document (server view)', () => {
	const schema = getSchema(baseExtensions());
	const fragmentOf = (json: JSONContent) =>
		prosemirrorJSONToYDoc(schema, json, PAPER_FRAGMENT).getXmlFragment(PAPER_FRAGMENT);

	it('has the same rejected projection for a document and its all-rejected form', () => {
		const view = suggestionView(fragmentOf(doc));
		expect(view.rejected).toBe(suggestionView(fragmentOf(rejectAll(doc))).rejected);
		expect(view.rejected).not.toBe(suggestionView(fragmentOf(acceptAll(doc))).rejected);
		expect([...view.suggestions.keys()]).toEqual(['insert:s1', 'delete:s2', 'insert:s3']);
		expect(view.suggestions.get('delete:s2')).toMatchObject({ authorId: 'ben', text: 'alte ' });
	});

	it('allows only the author’s own suggestions to change', () => {
		const before = suggestionView(fragmentOf(doc));
		const withdrawn = suggestionView(fragmentOf(resolveSuggestions(doc, (s) => (s.id === 's1' ? 'reject' : null))));
		expect(onlyOwnSuggestionsChanged(before, withdrawn, 'anna')).toBe(true);
		expect(onlyOwnSuggestionsChanged(before, withdrawn, 'ben')).toBe(false);
		const accepted = suggestionView(fragmentOf(resolveSuggestions(doc, (s) => (s.id === 's1' ? 'accept' : null))));
		expect(onlyOwnSuggestionsChanged(before, accepted, 'anna')).toBe(false);
	});

	it('reads the fragment of a live Y.Doc', () => {
		const ydoc = new Y.Doc();
		const fragment = ydoc.getXmlFragment(PAPER_FRAGMENT);
		const paragraph = new Y.XmlElement('paragraph');
		fragment.insert(0, [paragraph]);
		const ytext = new Y.XmlText();
		paragraph.insert(0, [ytext]);
		ytext.insert(0, 'Hallo');
		const before = suggestionView(fragment);
		ytext.insert(5, ' Welt', { suggestionInsert: by('x', 'carl') });
		const after = suggestionView(fragment);
		expect(onlyOwnSuggestionsChanged(before, after, 'carl')).toBe(true);
		ytext.format(0, 5, { bold: {} });
		expect(onlyOwnSuggestionsChanged(after, suggestionView(fragment), 'carl')).toBe(false);
	});
});
