import { diffArrays, diffWordsWithSpace } from 'diff';
import * as Y from 'yjs';
import type { SinceReadBlock, SinceReadSegment } from '$lib/types/since-read.types';

/** A leaf block of the document: its place in the structure and its text. */
export type StoredBlock = [key: string, text: string];

/** A block of the current document with, run by run, the Yjs client that inserted each character. */
export interface AttributedBlock {
	key: string;
	text: string;
	/** [client id, length] runs covering `text`. */
	runs: [number, number][];
}

/** Inline nodes: part of their paragraph's text, not blocks of their own. */
const INLINE = new Set(['hardBreak', 'image', 'mention']);
/** Context kept around a change inside a long unchanged stretch of a block. */
const CONTEXT = 80;
/** Blocks shown at most: a rewrite of a whole paper is summarised, not rendered in full twice. */
export const MAX_BLOCKS = 300;

function keyOf(element: Y.XmlElement, path: string): string {
	const level = element.getAttribute('level');
	return `${path}${element.nodeName}${level === undefined ? '' : String(level)}`;
}

function isLeaf(children: (Y.XmlElement | Y.XmlText)[]): boolean {
	return children.every((child) => child instanceof Y.XmlText || INLINE.has(child.nodeName));
}

function pushRun(runs: [number, number][], client: number, length: number) {
	const last = runs[runs.length - 1];
	if (last && last[0] === client) last[1] += length;
	else runs.push([client, length]);
}

/** The text of a leaf block and who inserted it, read from the Yjs items (deleted ones skipped). */
function leafText(children: (Y.XmlElement | Y.XmlText)[]): { text: string; runs: [number, number][] } {
	const parts: string[] = [];
	const runs: [number, number][] = [];
	for (const child of children) {
		if (child instanceof Y.XmlText) {
			for (let item = child._start; item !== null; item = item.right) {
				if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
				parts.push(item.content.str);
				pushRun(runs, item.id.client, item.content.str.length);
			}
		} else if (child.nodeName === 'hardBreak') {
			parts.push('\n');
			pushRun(runs, child._item?.id.client ?? 0, 1);
		}
	}
	return { text: parts.join(''), runs };
}

function walk(element: Y.XmlElement | Y.XmlFragment, path: string, out: AttributedBlock[]) {
	for (const child of element.toArray()) {
		if (!(child instanceof Y.XmlElement)) continue;
		const children = child.toArray().filter((c) => c instanceof Y.XmlElement || c instanceof Y.XmlText);
		const key = keyOf(child, path);
		if (isLeaf(children)) out.push({ key, ...leafText(children) });
		else walk(child, `${key}>`, out);
	}
}

/** The leaf blocks of a paper's Yjs document, in order, with who inserted each character. */
export function documentBlocks(doc: Y.Doc, fragment = 'default'): AttributedBlock[] {
	const out: AttributedBlock[] = [];
	walk(doc.getXmlFragment(fragment), '', out);
	return out;
}

/** The blocks as stored with a read (no attribution: what matters later is only the text). */
export const storedBlocks = (blocks: AttributedBlock[]): StoredBlock[] => blocks.map((b) => [b.key, b.text]);

function tagOf(key: string): SinceReadBlock['tag'] {
	const own = key.slice(key.lastIndexOf('>') + 1);
	if (own.startsWith('heading')) return 'heading';
	if (key.includes('tableCell') || key.includes('tableHeader')) return 'cell';
	if (key.includes('listItem')) return 'item';
	return 'paragraph';
}

export interface SinceReadInput {
	/** The blocks as the person last read them. */
	before: StoredBlock[];
	/** The blocks of the document now, attributed. */
	after: AttributedBlock[];
	/** Who a Yjs client id belongs to (user id); unknown clients have no author. */
	clientUser: ReadonlyMap<number, string>;
	/** Who edited since the read: deletions are theirs (a deletion in Yjs does not say who made it). */
	editorsSince: readonly string[];
}

export interface SinceReadDiff {
	count: number;
	blocks: (Omit<SinceReadBlock, 'segments'> & { segments: RawSegment[] })[];
	truncated: boolean;
}

/** A segment with author user ids (the service turns them into indexes of the page's author list). */
export interface RawSegment extends Omit<SinceReadSegment, 'authors'> {
	authors: string[];
}

/** The distinct users behind the characters [from, to) of a block. */
function authorsIn(block: AttributedBlock, from: number, to: number, clientUser: ReadonlyMap<number, string>) {
	const users = new Set<string>();
	let at = 0;
	for (const [client, length] of block.runs) {
		if (at >= to) break;
		const user = at + length > from ? clientUser.get(client) : undefined;
		if (user) users.add(user);
		at += length;
	}
	return [...users];
}

/** Shortens a long unchanged stretch to its ends next to changes. */
function trimSame(text: string, first: boolean, last: boolean): string {
	if (text.length <= CONTEXT * 2 + 1) return text;
	const head = first ? '' : text.slice(0, CONTEXT);
	const tail = last ? '' : text.slice(-CONTEXT);
	return `${head}…${tail}`;
}

/** Word diff inside one block that changed; insertions attributed by their Yjs items. */
function changedBlock(before: string, after: AttributedBlock, input: SinceReadInput) {
	const parts = diffWordsWithSpace(before, after.text);
	const segments: RawSegment[] = [];
	let at = 0;
	let places = 0;
	let inChange = false;
	parts.forEach((part, index) => {
		if (!part.added && !part.removed) {
			segments.push({ kind: 'same', text: trimSame(part.value, index === 0, index === parts.length - 1), authors: [] });
			at += part.value.length;
			inChange = false;
			return;
		}
		if (!inChange) places += 1;
		inChange = true;
		if (part.added) {
			segments.push({
				kind: 'added',
				text: part.value,
				authors: authorsIn(after, at, at + part.value.length, input.clientUser)
			});
			at += part.value.length;
		} else segments.push({ kind: 'removed', text: part.value, authors: [...input.editorsSince] });
	});
	return { segments, places };
}

/** Blocks equal at both ends are skipped before the block diff: most reads see a few local edits. */
function commonEnds(before: StoredBlock[], after: AttributedBlock[]) {
	const same = (a: StoredBlock, b: AttributedBlock) => a[0] === b.key && a[1] === b.text;
	let start = 0;
	while (start < before.length && start < after.length && same(before[start]!, after[start]!)) start += 1;
	let end = 0;
	while (
		end < before.length - start &&
		end < after.length - start &&
		same(before[before.length - 1 - end]!, after[after.length - 1 - end]!)
	)
		end += 1;
	return { start, beforeEnd: before.length - end, afterEnd: after.length - end };
}

/**
 * What changed from the blocks a person read to the document now: a block diff first (blocks are compared
 * whole), then a word diff only inside blocks that changed, removed and added blocks paired in order.
 */
export function diffSinceRead(input: SinceReadInput): SinceReadDiff {
	const { start, beforeEnd, afterEnd } = commonEnds(input.before, input.after);
	const before = input.before.slice(start, beforeEnd);
	const after = input.after.slice(start, afterEnd);
	const parts = diffArrays(
		before.map(([key, text]) => `${key}\u0001${text}`),
		after.map((b) => `${b.key}\u0001${b.text}`)
	);
	const out: SinceReadDiff = { count: 0, blocks: [], truncated: false };
	const push = (block: SinceReadDiff['blocks'][number]) => {
		if (out.blocks.length < MAX_BLOCKS) out.blocks.push(block);
		else out.truncated = true;
	};
	let b = 0;
	let a = 0;
	for (let i = 0; i < parts.length; i += 1) {
		const part = parts[i]!;
		if (!part.added && !part.removed) {
			b += part.count!;
			a += part.count!;
			continue;
		}
		const removed = part.removed ? part.count! : 0;
		const next = part.removed ? parts[i + 1] : undefined;
		const added = part.added ? part.count! : next?.added ? next.count! : 0;
		if (next?.added) i += 1;
		const paired = Math.min(removed, added);
		for (let k = 0; k < paired; k += 1) {
			const old = before[b + k]!;
			const now = after[a + k]!;
			const { segments, places } = changedBlock(old[1], now, input);
			out.count += Math.max(places, 1);
			push({ kind: 'changed', tag: tagOf(now.key), segments });
		}
		for (let k = paired; k < removed; k += 1) {
			const old = before[b + k]!;
			out.count += 1;
			push({
				kind: 'removed',
				tag: tagOf(old[0]),
				segments: [{ kind: 'removed', text: old[1], authors: [...input.editorsSince] }]
			});
		}
		for (let k = paired; k < added; k += 1) {
			const now = after[a + k]!;
			out.count += 1;
			const authors = authorsIn(now, 0, Math.max(now.text.length, 1), input.clientUser);
			push({ kind: 'added', tag: tagOf(now.key), segments: [{ kind: 'added', text: now.text, authors }] });
		}
		b += removed;
		a += added;
	}
	return out;
}
