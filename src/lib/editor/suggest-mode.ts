// "Vorschlagen": typing and deleting become suggestions (marks) instead of changes. Plain edits are filtered
// out while the mode is on; only this plugin's transactions and remote changes (Yjs) pass. Enter suggests a
// paragraph break (the new block's `suggestedBreak` attribute), Backspace at a block's start and Delete at its
// end suggest joining two blocks. Formatting and moving blocks cannot be suggested: the server accepts from
// commenters only their own suggestions (src/lib/server/collab/suggestion-guard.ts).
import { Extension, type Editor } from '@tiptap/core';
import type { Fragment as PmFragment, Mark, MarkType, Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { canJoin, Mapping, ReplaceStep } from '@tiptap/pm/transform';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import {
	BREAK_BLOCKS,
	breakSuggestionOf,
	SUGGESTED_BREAK,
	SUGGESTION_DELETE,
	SUGGESTION_INSERT,
	type SuggestionAttrs
} from '$lib/suggestions/suggestion-marks';
import { selects, type SuggestionSelector } from '$lib/suggestions/suggestions';

/** Transaction meta of changes made by suggest mode or by accepting/rejecting (they pass the filter). */
export const SUGGESTION_META = 'beiratSuggestion';

export interface SuggestAuthor {
	id: string;
	name: string;
}

export interface SuggestModeOptions {
	author: SuggestAuthor;
	/** Whether suggest mode is on now (read on every input). */
	enabled: () => boolean;
}

const key = new PluginKey('suggestMode');

function newAttrs(author: SuggestAuthor): SuggestionAttrs {
	return { id: crypto.randomUUID(), authorId: author.id, authorName: author.name, createdAt: new Date().toISOString() };
}

const markOf = (marks: readonly Mark[], type: MarkType) => marks.find((m) => m.type === type) ?? null;

/** The own suggestion mark of that type right at `pos` (before or after), to continue it instead of starting anew. */
function neighbour(doc: PmNode, pos: number, type: MarkType, authorId: string): SuggestionAttrs | null {
	const $pos = doc.resolve(pos);
	for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
		const mark = node ? markOf(node.marks, type) : null;
		if (mark && mark.attrs.authorId === authorId) return mark.attrs as SuggestionAttrs;
	}
	return null;
}

/** Marks [from, to) as suggested for deletion; own suggested insertions in it are removed for real. */
function suggestDeletion(tr: Transaction, from: number, to: number, author: SuggestAuthor) {
	const schema = tr.doc.type.schema;
	const insertType = schema.marks[SUGGESTION_INSERT]!;
	const deleteType = schema.marks[SUGGESTION_DELETE]!;
	const attrs =
		neighbour(tr.doc, from, deleteType, author.id) ?? neighbour(tr.doc, to, deleteType, author.id) ?? newAttrs(author);
	const own: [number, number][] = [];
	tr.doc.nodesBetween(from, to, (node, pos) => {
		if (!node.isText) return true;
		const start = Math.max(from, pos);
		const end = Math.min(to, pos + node.nodeSize);
		const inserted = markOf(node.marks, insertType);
		if (inserted && inserted.attrs.authorId === author.id) own.push([start, end]);
		else if (!markOf(node.marks, deleteType)) tr.addMark(start, end, deleteType.create(attrs));
		return false;
	});
	for (const [start, end] of own.reverse()) tr.delete(start, end);
}

/** Suggests replacing [from, to) (possibly empty) with `text`; returns the transaction. */
export function suggestReplace(
	state: EditorState,
	input: { from: number; to: number; text: string; author: SuggestAuthor }
) {
	const { from, to, text, author } = input;
	const tr = state.tr;
	if (to > from) suggestDeletion(tr, from, to, author);
	const at = tr.mapping.map(to);
	if (text) {
		const schema = state.schema;
		const insertType = schema.marks[SUGGESTION_INSERT]!;
		const $at = tr.doc.resolve(at);
		const kept = (tr.storedMarks ?? $at.marks()).filter(
			(m) => m.type !== insertType && m.type.name !== SUGGESTION_DELETE && m.type.name !== 'comment'
		);
		const attrs = (to === from ? neighbour(tr.doc, at, insertType, author.id) : null) ?? newAttrs(author);
		tr.insert(at, schema.text(text, [...kept, insertType.create(attrs)]));
		tr.setSelection(TextSelection.create(tr.doc, at + text.length));
	} else tr.setSelection(TextSelection.create(tr.doc, at));
	return tr.setMeta(SUGGESTION_META, true).scrollIntoView();
}

/** The next character position from `pos` in `direction` within its text block, skipping text already suggested for deletion. */
function nextChar(state: EditorState, pos: number, direction: -1 | 1): number | null {
	const deleteType = state.schema.marks[SUGGESTION_DELETE]!;
	let at = pos;
	for (;;) {
		const $at = state.doc.resolve(at);
		const node = direction < 0 ? $at.nodeBefore : $at.nodeAfter;
		if (!node || !node.isInline) return null;
		const next = at + direction;
		if (!markOf(node.marks, deleteType)) return next;
		at = next;
	}
}

/** Enter: suggests splitting the block at the caret (a selection is suggested for deletion first). */
export function suggestSplit(state: EditorState, author: SuggestAuthor): Transaction | null {
	const { from, to } = state.selection;
	const tr = from === to ? state.tr : suggestReplace(state, { from, to, text: '', author });
	const at = tr.mapping.map(to);
	const $at = tr.doc.resolve(at);
	const block = $at.parent;
	if (!block.isTextblock || !BREAK_BLOCKS.includes(block.type.name)) return null;
	const atEnd = $at.parentOffset === block.content.size;
	// After a heading's last character comes a paragraph (as without suggest mode).
	const type = atEnd && block.type.name === 'heading' ? state.schema.nodes.paragraph! : block.type;
	const attrs = type === block.type ? { ...block.attrs } : {};
	attrs[SUGGESTED_BREAK] = { kind: 'insert', ...newAttrs(author) };
	tr.split(at, 1, [{ type, attrs }]);
	tr.setSelection(TextSelection.create(tr.doc, at + 2));
	return tr.setMeta(SUGGESTION_META, true).scrollIntoView();
}

/**
 * Backspace at a block's start (direction -1) or Delete at its end (1): suggests joining the block with the one
 * before (after) it. Withdrawing one's own suggested split joins the blocks for real.
 */
function suggestJoin(state: EditorState, direction: -1 | 1, author: SuggestAuthor): Transaction | null {
	const $pos = state.selection.$from;
	if (!$pos.parent.isTextblock || $pos.depth < 1) return null;
	const index = $pos.index($pos.depth - 1) + (direction < 0 ? 0 : 1);
	const container = $pos.node($pos.depth - 1);
	if (index < 1 || index >= container.childCount) return null;
	const before = container.child(index - 1);
	const block = container.child(index);
	if (!BREAK_BLOCKS.includes(before.type.name) || !BREAK_BLOCKS.includes(block.type.name)) return null;
	let blockPos = $pos.start($pos.depth - 1);
	for (let i = 0; i < index; i++) blockPos += container.child(i).nodeSize;
	const tr = state.tr;
	const existing = breakSuggestionOf(block.attrs[SUGGESTED_BREAK]);
	if (existing) {
		if (existing.kind !== 'insert' || existing.authorId !== author.id) return null;
		tr.join(blockPos);
	} else {
		tr.setNodeAttribute(blockPos, SUGGESTED_BREAK, { kind: 'delete', ...newAttrs(author) });
	}
	return tr.setMeta(SUGGESTION_META, true);
}

export function suggestKeyDelete(state: EditorState, direction: -1 | 1, author: SuggestAuthor): Transaction | null {
	const { from, to, empty } = state.selection;
	if (!empty) return suggestReplace(state, { from, to, text: '', author });
	const other = nextChar(state, from, direction);
	if (other === null) return suggestJoin(state, direction, author);
	const [start, end] = direction < 0 ? [other, other + 1] : [other - 1, other];
	const tr = suggestReplace(state, { from: start, to: end, text: '', author });
	// The caret goes past the struck-through character, like Word does.
	const caret = tr.mapping.map(direction < 0 ? start : end, direction < 0 ? -1 : 1);
	return tr.setSelection(TextSelection.create(tr.doc, caret));
}

export const SuggestMode = Extension.create<SuggestModeOptions>({
	name: 'suggestMode',
	addOptions() {
		return { author: { id: '', name: '' }, enabled: () => false };
	},
	addProseMirrorPlugins() {
		return [suggestModePlugin(this.options)];
	}
});

/** The plugin of suggest mode (exported for tests without an editor view). */
export function suggestModePlugin({ author, enabled }: SuggestModeOptions): Plugin {
	return new Plugin({
		key,
		filterTransaction: (tr) =>
			!enabled() ||
			!tr.docChanged ||
			tr.getMeta(SUGGESTION_META) === true ||
			tr.getMeta(ySyncPluginKey) !== undefined ||
			isTextComposition(tr),
		// Composition input that did not come through handleTextInput becomes a suggestion before anyone sees it.
		appendTransaction: (trs, _old, state) => {
			if (!enabled()) return null;
			const composed = trs.filter(
				(tr) => tr.docChanged && isTextComposition(tr) && tr.getMeta(SUGGESTION_META) !== true
			);
			return composed.length > 0 ? suggestComposition(composed, state, author) : null;
		},
		props: {
			handleTextInput(view, from, to, text) {
				if (!enabled()) return false;
				view.dispatch(suggestReplace(view.state, { from, to, text, author }));
				return true;
			},
			handleKeyDown(view, event) {
				if (!enabled()) return false;
				if (event.key === 'Backspace' || event.key === 'Delete') {
					const tr = suggestKeyDelete(view.state, event.key === 'Backspace' ? -1 : 1, author);
					if (tr) view.dispatch(tr);
					return true;
				}
				if (event.key === 'Enter') {
					const tr = suggestSplit(view.state, author);
					if (tr) view.dispatch(tr);
					return true;
				}
				return false;
			},
			handlePaste(view, _event, slice) {
				if (!enabled()) return false;
				const text = slice.content.textBetween(0, slice.content.size, ' ', ' ').replace(/\s+/g, ' ');
				const { from, to } = view.state.selection;
				view.dispatch(suggestReplace(view.state, { from, to, text, author }));
				return true;
			},
			handleDrop: () => enabled()
		}
	});
}

/**
 * A transaction of the view's composition (IME, dead keys; ProseMirror marks it with `composition`) that only
 * replaces inline content inside text blocks: it may pass while suggesting, and becomes a suggestion right away.
 */
export function isTextComposition(tr: Transaction): boolean {
	if (tr.getMeta('composition') === undefined || tr.getMeta(ySyncPluginKey) !== undefined) return false;
	return tr.steps.every((step, i) => {
		if (!(step instanceof ReplaceStep)) return false;
		const { from, to } = step as unknown as { from: number; to: number };
		const before = tr.docs[i]!;
		const after = tr.docs[i + 1] ?? tr.doc;
		const inOneTextblock = (doc: PmNode, a: number, b: number) => {
			const $a = doc.resolve(a);
			return $a.parent.isTextblock && $a.sameParent(doc.resolve(b));
		};
		return inOneTextblock(before, from, to) && inOneTextblock(after, from, step.getMap().map(to, 1));
	});
}

/**
 * Turns composed text into suggestions: the text it inserted becomes the author's suggested insertion, the text
 * it replaced comes back suggested for deletion (the author's own suggested insertions go for real).
 */
export function suggestComposition(trs: readonly Transaction[], state: EditorState, author: SuggestAuthor) {
	const schema = state.schema;
	const insertType = schema.marks[SUGGESTION_INSERT]!;
	const deleteType = schema.marks[SUGGESTION_DELETE]!;
	// Where each step's insertion and removed text are in `state`, across all later steps and transactions.
	const changes: { from: number; to: number; removed: PmFragment }[] = [];
	const maps = trs.flatMap((tr) => tr.mapping.maps);
	let index = 0;
	for (const tr of trs) {
		tr.steps.forEach((step, i) => {
			const { from, to } = step as unknown as { from: number; to: number };
			const $from = tr.docs[i]!.resolve(from);
			const removed = $from.parent.content.cut(from - $from.start(), to - $from.start());
			const end = step.getMap().map(to, 1);
			const rest = new Mapping(maps.slice(index + 1));
			changes.push({ from: rest.map(from, 1), to: rest.map(end, -1), removed });
			index += 1;
		});
	}
	const fix = state.tr;
	for (const change of changes) {
		const from = fix.mapping.map(change.from, 1);
		const to = fix.mapping.map(change.to, -1);
		if (to > from) {
			const attrs =
				neighbour(fix.doc, from, insertType, author.id) ??
				neighbour(fix.doc, to, insertType, author.id) ??
				newAttrs(author);
			fix.removeMark(from, to, deleteType);
			fix.addMark(from, to, insertType.create(attrs));
		}
		// Text it replaced: back, struck through, unless it was the author's own suggestion.
		const back: PmNode[] = [];
		const deletion = newAttrs(author);
		change.removed.forEach((node) => {
			if (!node.isText) return;
			const inserted = markOf(node.marks, insertType);
			if (inserted && inserted.attrs.authorId === author.id) return;
			back.push(markOf(node.marks, deleteType) ? node : node.mark(deleteType.create(deletion).addToSet(node.marks)));
		});
		if (back.length > 0) fix.insert(from, back);
	}
	return fix.docChanged ? fix.setMeta(SUGGESTION_META, true) : null;
}

/**
 * Suggested breaks: a rejected split or an accepted join merges the block into the one before it (when they can
 * join; else only the attribute goes), an accepted split or a rejected join loses the attribute.
 */
function decideBreaks(
	tr: Transaction,
	doc: PmNode,
	input: { selector: SuggestionSelector; decision: 'accept' | 'reject' },
	decided: Set<string>
) {
	const found: { pos: number; joins: boolean }[] = [];
	doc.descendants((node, pos) => {
		if (node.isInline) return false;
		const broken = BREAK_BLOCKS.includes(node.type.name) ? breakSuggestionOf(node.attrs[SUGGESTED_BREAK]) : null;
		if (broken && selects(input.selector, broken)) {
			decided.add(broken.id);
			found.push({ pos, joins: (broken.kind === 'insert') === (input.decision === 'reject') });
		}
		return !node.isTextblock;
	});
	for (const { pos, joins } of found.reverse()) {
		const at = tr.mapping.map(pos);
		tr.setNodeAttribute(at, SUGGESTED_BREAK, null);
		const $at = tr.doc.resolve(at);
		const before = $at.nodeBefore;
		if (joins && before && BREAK_BLOCKS.includes(before.type.name) && canJoin(tr.doc, at)) tr.join(at);
	}
}

/**
 * Accepts or rejects suggestions in the editor: accepted insertions and rejected deletions become plain text,
 * rejected insertions and accepted deletions disappear. Returns the decided suggestions' ids.
 */
export function decideSuggestions(
	editor: Editor,
	input: { selector: SuggestionSelector; decision: 'accept' | 'reject' }
): string[] {
	const { state } = editor;
	const tr = state.tr;
	const removals: [number, number][] = [];
	const decided = new Set<string>();
	state.doc.descendants((node, pos) => {
		if (!node.isText) return true;
		for (const mark of node.marks) {
			const name = mark.type.name;
			if (name !== SUGGESTION_INSERT && name !== SUGGESTION_DELETE) continue;
			const attrs = mark.attrs as SuggestionAttrs;
			if (!selects(input.selector, attrs)) continue;
			decided.add(attrs.id);
			const disappears = (name === SUGGESTION_INSERT) === (input.decision === 'reject');
			if (disappears) removals.push([pos, pos + node.nodeSize]);
			else tr.removeMark(pos, pos + node.nodeSize, mark.type);
		}
		return false;
	});
	for (const [from, to] of removals.reverse()) tr.delete(tr.mapping.map(from), tr.mapping.map(to));
	decideBreaks(tr, state.doc, input, decided);
	if (tr.docChanged) editor.view.dispatch(tr.setMeta(SUGGESTION_META, true));
	return [...decided];
}
