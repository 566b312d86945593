// Pure functions over a paper's ProseMirror JSON: the list of suggestions and the document with
// suggestions accepted or rejected. No Yjs, no schema: usable in the browser, the server and tests.
import type { JSONContent } from '@tiptap/core';
import {
	BREAK_BLOCKS,
	breakSuggestionOf,
	PILCROW,
	SUGGESTED_BREAK,
	SUGGESTION_DELETE,
	SUGGESTION_INSERT,
	type SuggestionAttrs,
	type SuggestionKind
} from './suggestion-marks';

/** One suggestion of a document, in document order of its first character. */
export interface SuggestionSummary {
	id: string;
	kind: SuggestionKind;
	authorId: string;
	/** Name stored with the suggestion (null when none was stored). */
	authorName: string | null;
	/** ISO 8601 time of suggesting. */
	createdAt: string;
	/** The suggested text (inserted or to be deleted), all its runs joined. */
	text: string;
	/** Text of the last heading before it (the section it is in); null before the first heading. */
	section: string | null;
	/** A suggested paragraph break (insert: split, delete: join) rather than text; its text is `¶`. */
	paragraphBreak?: boolean;
	/** For a break: the start of the block after it (to tell breaks apart in lists). */
	context?: string;
}

/** What to do with one suggestion; null leaves it pending. */
export type SuggestionDecision = 'accept' | 'reject' | null;

/** Which suggestions to decide: one id, everything of one author, or all. */
export type SuggestionSelector = { id: string } | { authorId: string } | { all: true };

export function selects(selector: SuggestionSelector, s: { id: string; authorId: string }): boolean {
	if ('id' in selector) return s.id === selector.id;
	if ('authorId' in selector) return s.authorId === selector.authorId;
	return true;
}

/** The suggestion attributes of a text node's mark of that name, if any. */
export function suggestionMark(node: JSONContent, name: string): SuggestionAttrs | null {
	const mark = node.marks?.find((m) => m.type === name);
	if (!mark) return null;
	const attrs = (mark.attrs ?? {}) as Partial<SuggestionAttrs>;
	return {
		id: String(attrs.id ?? ''),
		authorId: String(attrs.authorId ?? ''),
		authorName: attrs.authorName == null ? null : String(attrs.authorName),
		createdAt: String(attrs.createdAt ?? '')
	};
}

function plainText(node: JSONContent): string {
	if (node.type === 'text') return node.text ?? '';
	if (node.type === 'hardBreak') return ' ';
	return (node.content ?? []).map(plainText).join('');
}

/**
 * The suggestions of a document (the editor's `getJSON()`, or `stateToJSON` on the server), in document order.
 * A stable contract: the consultation round page, exports and tests read it.
 */
export function listSuggestions(doc: JSONContent): SuggestionSummary[] {
	const found = new Map<string, SuggestionSummary>();
	let section: string | null = null;
	const visit = (node: JSONContent) => {
		const broken = blockBreak(node);
		if (broken && !found.has(`${broken.kind}:${broken.id}`)) {
			const { kind, ...attrs } = broken;
			const context = plainText(node).trim().slice(0, 40);
			found.set(`${kind}:${attrs.id}`, { ...attrs, kind, text: PILCROW, section, paragraphBreak: true, context });
		}
		if (node.type === 'heading') section = plainText(node).trim() || section;
		if (node.type === 'text') {
			for (const [name, kind] of [
				[SUGGESTION_INSERT, 'insert'],
				[SUGGESTION_DELETE, 'delete']
			] as const) {
				const attrs = suggestionMark(node, name);
				if (!attrs) continue;
				const key = `${kind}:${attrs.id}`;
				const seen = found.get(key);
				if (seen) seen.text += node.text ?? '';
				else found.set(key, { ...attrs, kind, text: node.text ?? '', section });
			}
		}
		for (const child of node.content ?? []) visit(child);
	};
	visit(doc);
	return [...found.values()];
}

const sameMarks = (a: JSONContent, b: JSONContent) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

/** Joins neighbouring text nodes with the same marks (what ProseMirror would do). */
function joinText(nodes: JSONContent[]): JSONContent[] {
	const joined: JSONContent[] = [];
	for (const node of nodes) {
		const last = joined.at(-1);
		if (last && last.type === 'text' && node.type === 'text' && sameMarks(last, node))
			joined[joined.length - 1] = { ...last, text: (last.text ?? '') + (node.text ?? '') };
		else joined.push(node);
	}
	return joined;
}

/** Resolves a text node: null when it disappears, else the node with decided marks removed. */
function resolveText(node: JSONContent, decide: (s: SuggestionSummary) => SuggestionDecision): JSONContent | null {
	let drop = false;
	const marks = (node.marks ?? []).filter((mark) => {
		const kind = mark.type === SUGGESTION_INSERT ? 'insert' : mark.type === SUGGESTION_DELETE ? 'delete' : null;
		if (!kind) return true;
		const attrs = suggestionMark({ marks: [mark] }, mark.type)!;
		const decision = decide({ ...attrs, kind, text: node.text ?? '', section: null });
		if (decision === null) return true;
		// Accepted insertion and rejected deletion: plain text. Rejected insertion and accepted deletion: gone.
		if ((kind === 'insert') === (decision === 'reject')) drop = true;
		return false;
	});
	if (drop) return null;
	const resolved: JSONContent = { ...node };
	if (marks.length > 0) resolved.marks = marks;
	else delete resolved.marks;
	return resolved;
}

/** The suggested break of a paragraph or heading, if any. */
export function blockBreak(node: JSONContent) {
	return BREAK_BLOCKS.includes(node.type ?? '') ? breakSuggestionOf(node.attrs?.[SUGGESTED_BREAK]) : null;
}

function withoutBreak(node: JSONContent): JSONContent {
	return { ...node, attrs: { ...node.attrs, [SUGGESTED_BREAK]: null } };
}

/**
 * Decides suggested breaks among siblings: a rejected split or an accepted join merges the block into the block
 * before it (when both are paragraphs or headings; else only the attribute goes), the others lose the attribute.
 */
function resolveBreaks(nodes: JSONContent[], decide: (s: SuggestionSummary) => SuggestionDecision): JSONContent[] {
	const out: JSONContent[] = [];
	for (const node of nodes) {
		const broken = blockBreak(node);
		const decision = broken ? decide({ ...broken, text: PILCROW, section: null, paragraphBreak: true }) : null;
		if (!broken || decision === null) {
			out.push(node);
			continue;
		}
		const previous = out.at(-1);
		const joins = (broken.kind === 'insert') === (decision === 'reject');
		if (joins && previous && BREAK_BLOCKS.includes(previous.type ?? ''))
			out[out.length - 1] = {
				...previous,
				content: joinText([...(previous.content ?? []), ...(node.content ?? [])])
			};
		else out.push(withoutBreak(node));
	}
	return out;
}

/**
 * The document with suggestions decided by `decide` (called per run with the suggestion's id, kind, author):
 * accepted insertions and rejected deletions become plain text, rejected insertions and accepted deletions
 * disappear, undecided ones stay. The input is not changed.
 */
export function resolveSuggestions(
	doc: JSONContent,
	decide: (s: SuggestionSummary) => SuggestionDecision
): JSONContent {
	const visit = (node: JSONContent): JSONContent | null => {
		if (node.type === 'text') return resolveText(node, decide);
		if (!node.content) return node;
		const content = joinText(node.content.map(visit).filter((child): child is JSONContent => child !== null));
		return { ...node, content: resolveBreaks(content, decide) };
	};
	return visit(doc)!;
}

/** The document as it would be with every suggestion rejected (what was agreed so far). */
export function rejectAll(doc: JSONContent): JSONContent {
	return resolveSuggestions(doc, () => 'reject');
}

/** The document as it would be with every suggestion accepted. */
export function acceptAll(doc: JSONContent): JSONContent {
	return resolveSuggestions(doc, () => 'accept');
}

/** Whether a document holds any suggestion. */
export function hasSuggestions(doc: JSONContent): boolean {
	const visit = (node: JSONContent): boolean =>
		(node.marks ?? []).some((m) => m.type === SUGGESTION_INSERT || m.type === SUGGESTION_DELETE) ||
		blockBreak(node) !== null ||
		(node.content ?? []).some(visit);
	return visit(doc);
}

/**
 * The document with each suggested paragraph break shown as a pilcrow at the start of its block, marked as the
 * suggestion it is (split: suggested insertion, join: suggested deletion), for marked exports and compares that
 * render only text marks. Not for editing: the pilcrow is no part of the paper.
 */
export function markBreaks(doc: JSONContent): JSONContent {
	const visit = (node: JSONContent): JSONContent => {
		const broken = blockBreak(node);
		const content = node.content?.map(visit);
		if (!broken) return content ? { ...node, content } : node;
		const { kind, ...attrs } = broken;
		const mark = { type: kind === 'insert' ? SUGGESTION_INSERT : SUGGESTION_DELETE, attrs };
		return { ...node, content: [{ type: 'text', text: PILCROW, marks: [mark] }, ...(content ?? [])] };
	};
	return visit(doc);
}
