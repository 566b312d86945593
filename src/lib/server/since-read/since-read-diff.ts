import { diffArrays, diffWordsWithSpace } from 'diff';
import * as Y from 'yjs';
import type { SinceReadBlock, SinceReadSegment } from '$lib/types/since-read.types';

/**
 * A leaf block of the document: its place in the structure, its text and the id of its Yjs element (reads
 * stored before ids were kept have none).
 */
export type StoredBlock = [key: string, text: string, client?: number, clock?: number];

/** A deleted Yjs item inside a block: where it sits in the block's current text and which item range it is. */
export type DeletedItem = [at: number, client: number, clock: number, length: number];

/** A block of the current document with, run by run, the Yjs client that inserted each character. */
export interface AttributedBlock {
	key: string;
	text: string;
	/** [client id, length] runs covering `text`. */
	runs: [number, number][];
	/** The deleted items between its characters (who deleted them is recorded per item range). */
	deleted: DeletedItem[];
	/** The Yjs id of the block's element. */
	id: [client: number, clock: number] | null;
}

/** Who deleted (any part of) a Yjs item range since the read. */
export type DeletersOf = (client: number, clock: number, length: number) => string[];

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

/** The text of a leaf block, who inserted it and where deleted items sit, read from the Yjs items. */
function leafText(children: (Y.XmlElement | Y.XmlText)[]) {
	const parts: string[] = [];
	const runs: [number, number][] = [];
	const deleted: DeletedItem[] = [];
	let at = 0;
	for (const child of children) {
		if (child instanceof Y.XmlText) {
			for (let item = child._start; item !== null; item = item.right) {
				if (item.deleted) {
					deleted.push([at, item.id.client, item.id.clock, item.length]);
					continue;
				}
				if (!(item.content instanceof Y.ContentString)) continue;
				parts.push(item.content.str);
				pushRun(runs, item.id.client, item.content.str.length);
				at += item.content.str.length;
			}
		} else if (child.nodeName === 'hardBreak') {
			parts.push('\n');
			pushRun(runs, child._item?.id.client ?? 0, 1);
			at += 1;
		}
	}
	return { text: parts.join(''), runs, deleted };
}

function walk(element: Y.XmlElement | Y.XmlFragment, path: string, out: AttributedBlock[]) {
	for (const child of element.toArray()) {
		if (!(child instanceof Y.XmlElement)) continue;
		const children = child.toArray().filter((c) => c instanceof Y.XmlElement || c instanceof Y.XmlText);
		const key = keyOf(child, path);
		const id: AttributedBlock['id'] = child._item ? [child._item.id.client, child._item.id.clock] : null;
		if (isLeaf(children)) out.push({ key, id, ...leafText(children) });
		else walk(child, `${key}>`, out);
	}
}

/** The leaf blocks of a paper's Yjs document, in order, with who inserted each character. */
export function documentBlocks(doc: Y.Doc, fragment = 'default'): AttributedBlock[] {
	const out: AttributedBlock[] = [];
	walk(doc.getXmlFragment(fragment), '', out);
	return out;
}

/** The blocks as stored with a read: the text, and the element's id to find who removed the block later. */
export const storedBlocks = (blocks: AttributedBlock[]): StoredBlock[] =>
	blocks.map((b) => (b.id ? [b.key, b.text, b.id[0], b.id[1]] : [b.key, b.text]));

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
	/** Who deleted which Yjs items since the read (recorded by the collaboration server). */
	deletersOf: DeletersOf;
	/** Who edited since the read: the authors of a deletion nobody is recorded for (older edits). */
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

/** A recorded deletion: [client, clock, length, user id]. */
export type DeletionRow = [client: number, clock: number, length: number, userId: string];

/** Looks up who deleted an item range, from the deletions recorded since the read (ranges may overlap it partly). */
export function deletersFrom(rows: readonly DeletionRow[]): DeletersOf {
	const byClient = new Map<number, DeletionRow[]>();
	for (const row of rows) {
		const list = byClient.get(row[0]);
		if (list) list.push(row);
		else byClient.set(row[0], [row]);
	}
	return (client, clock, length) => {
		const users = new Set<string>();
		for (const [, start, len, user] of byClient.get(client) ?? [])
			if (start < clock + length && start + len > clock) users.add(user);
		return [...users];
	};
}

/** The people who deleted the given items since the read. */
function deletersAmong(items: DeletedItem[], deletersOf: DeletersOf): string[] {
	const users = new Set<string>();
	for (const [, client, clock, length] of items) for (const user of deletersOf(client, clock, length)) users.add(user);
	return [...users];
}

/**
 * Who removed the text that was at [from, to] of the block's current text: the deleters of the items there,
 * else of any item deleted in the block since the read, else everybody who edited since (older edits).
 */
function removalAuthors(block: AttributedBlock, from: number, to: number, input: SinceReadInput): string[] {
	const here = deletersAmong(
		block.deleted.filter(([at]) => at >= from && at <= to),
		input.deletersOf
	);
	if (here.length > 0) return here;
	const inBlock = deletersAmong(block.deleted, input.deletersOf);
	return inBlock.length > 0 ? inBlock : [...input.editorsSince];
}

/** Who removed a whole block: the deleter of its element, else everybody who edited since. */
function blockRemovalAuthors(block: StoredBlock, input: SinceReadInput): string[] {
	const [, , client, clock] = block;
	const users = client === undefined || clock === undefined ? [] : input.deletersOf(client, clock, 1);
	return users.length > 0 ? users : [...input.editorsSince];
}

/** Word diff inside one block that changed; insertions attributed by their Yjs items, removals by their deleters. */
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
		} else {
			// Deleted items sit where the text was: around the replacement written next to it, if any.
			const previous = parts[index - 1];
			const next = parts[index + 1];
			const from = previous?.added ? at - previous.value.length : at;
			const to = next?.added ? at + next.value.length : at;
			segments.push({ kind: 'removed', text: part.value, authors: removalAuthors(after, from, to, input) });
		}
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
				segments: [{ kind: 'removed', text: old[1], authors: blockRemovalAuthors(old, input) }]
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
