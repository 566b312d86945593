// The same view of suggestions read straight from the Yjs document (no ProseMirror schema), for the
// collaboration server's hot path: is an update from a commenter a change of suggestions and nothing else?
import * as Y from 'yjs';
import { SUGGESTION_DELETE, SUGGESTION_INSERT, type SuggestionKind } from './suggestion-marks';

/** One suggestion as the server compares it: who, with which attributes, on which text. */
export interface SuggestionRecord {
	kind: SuggestionKind;
	authorId: string;
	/** The mark attributes of its runs (stable JSON, distinct ones joined). */
	attrs: string;
	text: string;
}

export interface SuggestionView {
	/** A canonical serialisation of the document with every suggestion rejected. */
	rejected: string;
	/** Suggestions by `kind:id`. */
	suggestions: Map<string, SuggestionRecord>;
}

/** JSON with sorted keys, so equal attributes serialise equally whatever order they were set in. */
function stable(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	const entries = Object.keys(value as object)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`);
	return `{${entries.join(',')}}`;
}

type Attributes = Record<string, unknown> | undefined;

function record(view: SuggestionView, kind: SuggestionKind, value: unknown, text: string) {
	const attrs = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
	const key = `${kind}:${String(attrs.id ?? '')}`;
	const json = stable(attrs);
	const seen = view.suggestions.get(key);
	if (!seen) {
		view.suggestions.set(key, { kind, authorId: String(attrs.authorId ?? ''), attrs: json, text });
		return;
	}
	seen.text += text;
	if (seen.attrs !== json && !seen.attrs.split('\u0000').includes(json)) seen.attrs += `\u0000${json}`;
	if (seen.authorId !== String(attrs.authorId ?? '')) seen.authorId = '\u0000mixed';
}

/** Walks one element's children; text runs of neighbouring Y.XmlText join when their formatting is equal. */
function walk(type: Y.XmlElement | Y.XmlFragment, parts: string[], view: SuggestionView, snapshot?: Y.Snapshot) {
	let runKey: string | null = null;
	let runText = '';
	const flush = () => {
		if (runKey !== null) parts.push(`"${runKey}${JSON.stringify(runText)}`);
		runKey = null;
		runText = '';
	};
	const children = snapshot ? Y.typeListToArraySnapshot(type, snapshot) : type.toArray();
	for (const child of children) {
		if (child instanceof Y.XmlText) {
			for (const op of child.toDelta(snapshot) as { insert: unknown; attributes?: Attributes }[]) {
				const text = typeof op.insert === 'string' ? op.insert : '\ufffc';
				const attributes = op.attributes ?? {};
				const inserted = attributes[SUGGESTION_INSERT];
				if (inserted) record(view, 'insert', inserted, text);
				if (attributes[SUGGESTION_DELETE]) record(view, 'delete', attributes[SUGGESTION_DELETE], text);
				if (inserted) continue;
				const rest: Record<string, unknown> = {};
				for (const key in attributes) if (key !== SUGGESTION_DELETE) rest[key] = attributes[key];
				const key = stable(rest);
				if (key !== runKey) flush();
				runKey = key;
				runText += text;
			}
		} else if (child instanceof Y.XmlElement) {
			flush();
			element(child, parts, view, snapshot);
		}
	}
	flush();
}

function element(node: Y.XmlElement, parts: string[], view: SuggestionView, snapshot?: Y.Snapshot) {
	parts.push(`<${node.nodeName}${stable(node.getAttributes(snapshot))}`);
	walk(node, parts, view, snapshot);
	parts.push('>');
}

/**
 * The rejected projection and the suggestions of a Yjs fragment (the paper's `default` fragment), or of some of
 * its blocks; with `snapshot` (a document without garbage collection), as they were at that snapshot.
 */
export function suggestionView(source: Y.XmlFragment | readonly Y.XmlElement[], snapshot?: Y.Snapshot): SuggestionView {
	const view: SuggestionView = { rejected: '', suggestions: new Map() };
	const parts: string[] = [];
	if (source instanceof Y.XmlFragment) walk(source, parts, view, snapshot);
	else for (const node of source) element(node, parts, view, snapshot);
	view.rejected = parts.join('');
	return view;
}

const sameRecord = (a: SuggestionRecord | undefined, b: SuggestionRecord | undefined) =>
	a !== undefined && b !== undefined && a.authorId === b.authorId && a.attrs === b.attrs && a.text === b.text;

/**
 * Whether going from `before` to `after` changes suggestions and nothing else, and only `authorId`'s own:
 * the document with every suggestion rejected is the same, and every suggestion added, changed or withdrawn
 * was, and is, by `authorId`.
 */
export function onlyOwnSuggestionsChanged(before: SuggestionView, after: SuggestionView, authorId: string): boolean {
	if (before.rejected !== after.rejected) return false;
	const own = (r: SuggestionRecord | undefined) => r === undefined || r.authorId === authorId;
	for (const [key, was] of before.suggestions) {
		const now = after.suggestions.get(key);
		if (!sameRecord(was, now) && !(own(was) && own(now))) return false;
	}
	for (const [key, now] of after.suggestions) {
		if (!before.suggestions.has(key) && !own(now)) return false;
	}
	return true;
}
