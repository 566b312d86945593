// Suggest mode's transaction handling without a view: composition input (IME, dead keys) passes the filter
// and becomes the author's suggestion in the same update; other plain edits are filtered out.
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { baseExtensions } from './extensions';
import { suggestModePlugin } from './suggest-mode';

const schema = getSchema(baseExtensions());
const author = { id: 'carl', name: 'Carl' };

function stateOf(text: string) {
	return EditorState.create({
		schema,
		doc: schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }),
		plugins: [suggestModePlugin({ author, enabled: () => true })]
	});
}

/** The paragraph's text runs with their suggestion marks' kind and author. */
const runs = (state: EditorState) => {
	const out: string[] = [];
	state.doc.firstChild!.forEach((node) => {
		const marks = node.marks
			.filter((m) => m.type.name.startsWith('suggestion'))
			.map((m) => `${m.type.name === 'suggestionInsert' ? '+' : '-'}${m.attrs.authorId}`);
		out.push(`${node.text}${marks.join('')}`);
	});
	return out;
};

describe('suggest mode and composition', () => {
	it('filters a plain edit out', () => {
		const state = stateOf('Wir fördern Betriebe.');
		expect(state.apply(state.tr.insertText('nicht ', 5)).doc.eq(state.doc)).toBe(true);
	});

	it('makes composed text the author’s suggested insertion in the same update', () => {
		let state = stateOf('Wir fördern Betriebe.');
		// The IME's updates while composing, then the committed text (ProseMirror tags them `composition`).
		state = state.apply(state.tr.insertText('k', 5).setMeta('composition', 1));
		expect(runs(state)).toEqual(['Wir ', 'k+carl', 'fördern Betriebe.']);
		state = state.apply(state.tr.insertText('かん', 5, 6).setMeta('composition', 1));
		state = state.apply(state.tr.insertText('漢字', 5, 7).setMeta('composition', 1));
		expect(runs(state)).toEqual(['Wir ', '漢字+carl', 'fördern Betriebe.']);
		// One suggestion, not one per update.
		const ids = new Set<string>();
		state.doc.descendants((node) => void node.marks.forEach((m) => ids.add(String(m.attrs.id))));
		expect(ids.size).toBe(1);
	});

	it('keeps the text a composition replaced, suggested for deletion', () => {
		const state = stateOf('Wir fördern Betriebe.');
		const next = state.apply(state.tr.insertText('é', 13, 21).setMeta('composition', 2));
		expect(runs(next)).toEqual(['Wir fördern ', 'Betriebe-carl', 'é+carl', '.']);
	});

	it('does not let a composition change blocks', () => {
		const state = stateOf('Wir fördern Betriebe.');
		expect(state.apply(state.tr.split(5).setMeta('composition', 3)).doc.eq(state.doc)).toBe(true);
	});
});
