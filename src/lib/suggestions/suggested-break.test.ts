// Suggested paragraph breaks (issue #15): a split or a join as a block attribute, in ProseMirror JSON, in the
// Yjs view the server compares, and as the editor's suggest mode writes it (through y-prosemirror's own diff).
import { describe, expect, it } from 'vitest';
import { getSchema, type Editor, type JSONContent } from '@tiptap/core';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, prosemirrorJSONToYDoc, updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { baseExtensions, PAPER_FRAGMENT } from '$lib/editor/extensions';
import { decideSuggestions, suggestKeyDelete, suggestSplit } from '$lib/editor/suggest-mode';
import { isOwnSuggestionUpdate } from '$lib/server/collab/suggestion-guard';
import { toMarkdown } from '$lib/server/export/markdown';
import { diffDocuments } from '$lib/server/versions/version-diff';
import { acceptAll, hasSuggestions, listSuggestions, markBreaks, rejectAll, resolveSuggestions } from './suggestions';
import { onlyOwnSuggestionsChanged, suggestionView } from './y-suggestions';

const schema = getSchema(baseExtensions());
const by = (id: string, authorId: string, kind: 'insert' | 'delete') => ({
	kind,
	id,
	authorId,
	authorName: authorId.toUpperCase(),
	createdAt: '2026-12-06T10:00:00.000Z'
});
const para = (text: string, suggestedBreak: unknown = null): JSONContent => ({
	type: 'paragraph',
	attrs: { suggestedBreak },
	content: [{ type: 'text', text }]
});
const texts = (json: JSONContent) =>
	(json.content ?? []).map((node) => (node.content ?? []).map((child) => child.text).join(''));

const doc: JSONContent = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ziele' }] },
		para('Wir fördern '),
		para('Betriebe.', by('b1', 'anna', 'insert')),
		para('Und Vereine.', by('b2', 'ben', 'delete'))
	]
};

describe('suggested breaks in ProseMirror JSON', () => {
	it('lists a split and a join with author, section and a pilcrow', () => {
		expect(listSuggestions(doc)).toEqual([
			{ ...by('b1', 'anna', 'insert'), text: '¶', section: 'Ziele', paragraphBreak: true, context: 'Betriebe.' },
			{ ...by('b2', 'ben', 'delete'), text: '¶', section: 'Ziele', paragraphBreak: true, context: 'Und Vereine.' }
		]);
		expect(hasSuggestions(doc)).toBe(true);
	});

	it('rejecting joins a split back and keeps a join apart; accepting does the opposite', () => {
		const rejected = rejectAll(doc);
		expect(texts(rejected)).toEqual(['Ziele', 'Wir fördern Betriebe.', 'Und Vereine.']);
		expect(rejected.content![1]!.content).toHaveLength(1);
		expect(hasSuggestions(rejected)).toBe(false);
		const accepted = acceptAll(doc);
		expect(texts(accepted)).toEqual(['Ziele', 'Wir fördern ', 'Betriebe.Und Vereine.']);
		expect(hasSuggestions(accepted)).toBe(false);
		const one = resolveSuggestions(doc, (s) => (s.id === 'b1' ? 'accept' : null));
		expect(listSuggestions(one).map((s) => s.id)).toEqual(['b2']);
	});
});

describe('suggested breaks in marked exports and compares', () => {
	it('shows a pilcrow marked as the suggestion at the start of the block', () => {
		const marked = markBreaks(doc);
		expect(marked.content![2]!.content![0]).toMatchObject({ text: '¶', marks: [{ type: 'suggestionInsert' }] });
		expect(marked.content![3]!.content![0]).toMatchObject({ text: '¶', marks: [{ type: 'suggestionDelete' }] });
		expect(toMarkdown(marked)).toContain('{++¶++}Betriebe.');
		expect(toMarkdown(marked)).toContain('{--¶--}Und Vereine.');
		const plain: JSONContent = rejectAll(doc);
		const added = diffDocuments(plain, doc, 'marked').filter((segment) => segment.kind === 'added');
		expect(added.map((segment) => segment.text).join('')).toContain('¶');
		expect(diffDocuments(plain, doc).some((segment) => segment.kind !== 'same')).toBe(false);
	});
});

describe('suggested breaks in the Yjs view (server)', () => {
	const fragmentOf = (json: JSONContent) =>
		prosemirrorJSONToYDoc(schema, json, PAPER_FRAGMENT).getXmlFragment(PAPER_FRAGMENT);

	it('has the rejected projection of the document with the split joined back', () => {
		const view = suggestionView(fragmentOf(doc));
		expect(view.rejected).toBe(suggestionView(fragmentOf(rejectAll(doc))).rejected);
		expect(view.rejected).not.toBe(suggestionView(fragmentOf(acceptAll(doc))).rejected);
		expect([...view.suggestions.keys()]).toEqual(['insert:b1', 'delete:b2']);
	});

	it('lets the author add or withdraw their suggested break; a plain or a foreign one is a change', () => {
		const plain: JSONContent = { type: 'doc', content: [para('Wir fördern Betriebe.'), para('Und Vereine.')] };
		const before = suggestionView(fragmentOf(plain));
		const split = (value: unknown) =>
			suggestionView(
				fragmentOf({ type: 'doc', content: [para('Wir fördern '), para('Betriebe.', value), para('Und Vereine.')] })
			);
		expect(onlyOwnSuggestionsChanged(before, split(by('x', 'carl', 'insert')), 'carl')).toBe(true);
		expect(onlyOwnSuggestionsChanged(before, split(by('x', 'anna', 'insert')), 'carl')).toBe(false);
		expect(onlyOwnSuggestionsChanged(before, split(null), 'carl')).toBe(false);
		// A malformed value is not a suggestion.
		expect(onlyOwnSuggestionsChanged(before, split({ kind: 'insert', authorId: 'carl' }), 'carl')).toBe(false);
		// A split in the middle of a word keeps the text; a suggested join changes no text.
		const joined = suggestionView(
			fragmentOf({
				type: 'doc',
				content: [para('Wir fördern Betriebe.'), para('Und Vereine.', by('j', 'carl', 'delete'))]
			})
		);
		expect(onlyOwnSuggestionsChanged(before, joined, 'carl')).toBe(true);
		expect(onlyOwnSuggestionsChanged(split(by('x', 'carl', 'insert')), before, 'carl')).toBe(true);
		expect(onlyOwnSuggestionsChanged(split(by('x', 'carl', 'insert')), before, 'anna')).toBe(false);
	});
});

describe('suggest mode: Enter', () => {
	const author = { id: 'carl', name: 'Carl' };

	/** Enter at `at` in the editor of a Yjs document, and the update y-prosemirror's own diff makes of it. */
	function enterAt(ydoc: Y.Doc, at: number, split: (state: EditorState) => Transaction | null) {
		const { doc, meta } = initProseMirrorDoc(ydoc.getXmlFragment(PAPER_FRAGMENT), schema);
		const start = EditorState.create({ schema, doc });
		const state = start.apply(start.tr.setSelection(TextSelection.create(start.doc, at)));
		const tr = split(state);
		if (!tr) throw new Error('no transaction');
		const after = state.apply(tr);
		const vector = Y.encodeStateVector(ydoc);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
		// The mapping refers to ydoc's types; the copy's are found by the diff itself.
		void meta;
		updateYFragment(copy, copy.getXmlFragment(PAPER_FRAGMENT), after.doc, { mapping: new Map(), isOMark: new Map() });
		return { after, update: Y.encodeStateAsUpdate(copy, vector) };
	}

	it('splits the paragraph with a suggested break that the server accepts from its author only', () => {
		const ydoc = prosemirrorJSONToYDoc(
			schema,
			{ type: 'doc', content: [para('Wir fördern Betriebe.'), para('Und Vereine.')] },
			PAPER_FRAGMENT
		);
		const { after, update } = enterAt(ydoc, 13, (state) => suggestSplit(state, author));
		expect(after.doc.childCount).toBe(3);
		expect(after.doc.child(1).textContent).toBe('Betriebe.');
		expect(after.doc.child(1).attrs.suggestedBreak).toMatchObject({ kind: 'insert', authorId: 'carl' });
		expect(after.selection.from).toBe(15);
		expect(isOwnSuggestionUpdate(ydoc, update, 'carl')).toBe(true);
		const other = prosemirrorJSONToYDoc(
			schema,
			{ type: 'doc', content: [para('Wir fördern Betriebe.'), para('Und Vereine.')] },
			PAPER_FRAGMENT
		);
		expect(isOwnSuggestionUpdate(other, update, 'anna')).toBe(false);
	});

	it('refuses the same split without the suggestion (a plain Enter)', () => {
		const ydoc = prosemirrorJSONToYDoc(
			schema,
			{ type: 'doc', content: [para('Wir fördern Betriebe.')] },
			PAPER_FRAGMENT
		);
		const plainSplit = (state: EditorState) => state.tr.split(state.selection.from);
		const { update } = enterAt(ydoc, 13, plainSplit);
		expect(isOwnSuggestionUpdate(ydoc, update, 'carl')).toBe(false);
	});

	it('suggests joining at a block’s start (Backspace); withdrawing the own split joins for real', () => {
		const two = { type: 'doc', content: [para('Wir fördern '), para('Betriebe.')] };
		const ydoc = prosemirrorJSONToYDoc(schema, two, PAPER_FRAGMENT);
		const join = enterAt(ydoc, 15, (state) => suggestKeyDelete(state, -1, author));
		expect(join.after.doc.childCount).toBe(2);
		expect(join.after.doc.child(1).attrs.suggestedBreak).toMatchObject({ kind: 'delete', authorId: 'carl' });
		expect(isOwnSuggestionUpdate(ydoc, join.update, 'carl')).toBe(true);
		// Delete at the end of the block before does the same.
		const forward = enterAt(ydoc, 13, (state) => suggestKeyDelete(state, 1, author));
		expect(forward.after.doc.child(1).attrs.suggestedBreak).toMatchObject({ kind: 'delete' });

		const split = { type: 'doc', content: [para('Wir fördern '), para('Betriebe.', by('s', 'carl', 'insert'))] };
		const withSplit = prosemirrorJSONToYDoc(schema, split, PAPER_FRAGMENT);
		const withdrawn = enterAt(withSplit, 15, (state) => suggestKeyDelete(state, -1, author));
		expect(withdrawn.after.doc.childCount).toBe(1);
		expect(withdrawn.after.doc.child(0).textContent).toBe('Wir fördern Betriebe.');
		expect(isOwnSuggestionUpdate(withSplit, withdrawn.update, 'carl')).toBe(true);
		// Someone else's split stays.
		const foreign = { type: 'doc', content: [para('Wir fördern '), para('Betriebe.', by('s', 'anna', 'insert'))] };
		const state = EditorState.create({ schema, doc: schema.nodeFromJSON(foreign) });
		expect(
			suggestKeyDelete(state.apply(state.tr.setSelection(TextSelection.create(state.doc, 15))), -1, author)
		).toBeNull();
	});
});

describe('deciding suggested breaks in the editor', () => {
	/** Just enough of an editor for decideSuggestions: its state and a dispatch. */
	function editorOf(json: JSONContent) {
		const holder = { state: EditorState.create({ schema, doc: schema.nodeFromJSON(json) }) };
		const editor = {
			get state() {
				return holder.state;
			},
			view: { dispatch: (tr: Transaction) => (holder.state = holder.state.apply(tr)) }
		};
		return { editor: editor as unknown as Editor, json: () => holder.state.doc.toJSON() as JSONContent };
	}

	it('matches the JSON projection for reject all, accept all and one author', () => {
		for (const [selector, decision] of [
			[{ all: true }, 'reject'],
			[{ all: true }, 'accept'],
			[{ authorId: 'anna' }, 'reject']
		] as const) {
			const { editor, json } = editorOf(doc);
			const ids = decideSuggestions(editor, { selector, decision });
			const expected = resolveSuggestions(doc, (s) =>
				'all' in selector || s.authorId === selector.authorId ? decision : null
			);
			expect(texts(json()), `${decision} ${JSON.stringify(selector)}`).toEqual(texts(expected));
			expect(listSuggestions(json()).map((s) => s.id)).toEqual(listSuggestions(expected).map((s) => s.id));
			expect(ids.length).toBeGreaterThan(0);
		}
	});
});
