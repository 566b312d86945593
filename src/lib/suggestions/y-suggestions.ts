// The same view of suggestions read straight from the Yjs document (no ProseMirror schema), for the
// collaboration server's hot path: is an update from a commenter a change of suggestions and nothing else?
import * as Y from 'yjs';
import {
	BREAK_BLOCKS,
	breakSuggestionOf,
	PILCROW,
	SUGGESTED_BREAK,
	SUGGESTION_DELETE,
	SUGGESTION_INSERT,
	type SuggestionKind
} from './suggestion-marks';

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

/** A text run (its formatting as stable JSON) or a block, before neighbouring runs are joined. */
type Piece = { run: string; text: string } | { head: string; textblock: boolean; children: Piece[] };

/** The pieces of one element's or the fragment's children, with rejected splits joined to the block before. */
function collect(type: Y.XmlElement | Y.XmlFragment, view: SuggestionView, snapshot?: Y.Snapshot): Piece[] {
	const pieces: Piece[] = [];
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
				pieces.push({ run: stable(rest), text });
			}
		} else if (child instanceof Y.XmlElement) {
			const block = element(child, view, snapshot);
			const previous = pieces.at(-1);
			// A suggested split disappears when rejected: its content continues the block before it.
			if (block.split && previous && 'head' in previous && previous.textblock && block.piece.textblock)
				previous.children.push(...block.piece.children);
			else pieces.push(block.piece);
		}
	}
	return pieces;
}

function element(node: Y.XmlElement, view: SuggestionView, snapshot?: Y.Snapshot) {
	const attributes = { ...node.getAttributes(snapshot) } as Record<string, unknown>;
	const textblock = BREAK_BLOCKS.includes(node.nodeName);
	let split = false;
	const broken = textblock ? breakSuggestionOf(attributes[SUGGESTED_BREAK]) : null;
	if (broken) {
		// Rejected, a suggested break leaves no attribute behind; a malformed value stays and counts as a change.
		record(view, broken.kind, attributes[SUGGESTED_BREAK], PILCROW);
		delete attributes[SUGGESTED_BREAK];
		split = broken.kind === 'insert';
	}
	const piece: Piece = {
		head: `<${node.nodeName}${stable(attributes)}`,
		textblock,
		children: collect(node, view, snapshot)
	};
	return { piece, split };
}

/** Serialises pieces; neighbouring runs with equal formatting join (as ProseMirror would join text nodes). */
function serialise(pieces: Piece[], parts: string[]) {
	let runKey: string | null = null;
	let runText = '';
	const flush = () => {
		if (runKey !== null) parts.push(`"${runKey}${JSON.stringify(runText)}`);
		runKey = null;
		runText = '';
	};
	for (const piece of pieces) {
		if ('run' in piece) {
			if (piece.run !== runKey) flush();
			runKey = piece.run;
			runText += piece.text;
			continue;
		}
		flush();
		parts.push(piece.head);
		serialise(piece.children, parts);
		parts.push('>');
	}
	flush();
}

/**
 * The rejected projection and the suggestions of a Yjs fragment (the paper's `default` fragment), or of some of
 * its blocks; with `snapshot` (a document without garbage collection), as they were at that snapshot.
 */
export function suggestionView(source: Y.XmlFragment | readonly Y.XmlElement[], snapshot?: Y.Snapshot): SuggestionView {
	const view: SuggestionView = { rejected: '', suggestions: new Map() };
	const parts: string[] = [];
	if (source instanceof Y.XmlFragment) serialise(collect(source, view, snapshot), parts);
	else for (const node of source) serialise([element(node, view, snapshot).piece], parts);
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
