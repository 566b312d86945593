import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { jsonToState } from '../documents/paper-document';
import { deletionsOf } from './edit-authors';
import {
	deletersFrom,
	diffSinceRead,
	documentBlocks,
	MAX_BLOCKS,
	storedBlocks,
	type DeletionRow
} from './since-read-diff';

const para = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const doc = (...content: object[]) => ({ type: 'doc', content });

/** A Y.Doc of `json` whose later edits come from `client`. */
function ydoc(json: object, client: number): Y.Doc {
	const d = new Y.Doc({ gc: false });
	Y.applyUpdate(d, jsonToState(json));
	d.clientID = client;
	return d;
}

/** No deletion recorded (edits made before the collaboration server recorded deleters). */
const nobody = deletersFrom([]);

/** Records, like the collaboration server's commit, who deleted which items: `users` maps a Yjs client to a person. */
function recordDeletions(d: Y.Doc, users: Record<number, string>): DeletionRow[] {
	const rows: DeletionRow[] = [];
	d.on('update', (update: Uint8Array) => {
		for (const [client, clock, len] of deletionsOf(update)) rows.push([client, clock, len, users[d.clientID]!]);
	});
	return rows;
}

const textOf = (d: Y.Doc, index: number) =>
	(d.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe('documentBlocks', () => {
	it('reads leaf blocks with their structure and text, lists and headings included', () => {
		const d = ydoc(
			doc({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ziele' }] }, para('Erster Absatz'), {
				type: 'bulletList',
				content: [{ type: 'listItem', content: [para('Punkt')] }]
			}),
			1
		);
		const stored = storedBlocks(documentBlocks(d));
		// Each block keeps its element's Yjs id (client, clock) for later removals.
		expect(stored.every(([, , client, clock]) => typeof client === 'number' && typeof clock === 'number')).toBe(true);
		expect(stored.map(([key, text]) => [key, text])).toEqual([
			['heading2', 'Ziele'],
			['paragraph', 'Erster Absatz'],
			['bulletList>listItem>paragraph', 'Punkt']
		]);
	});
});

describe('diffSinceRead', () => {
	it('finds nothing when nothing changed', () => {
		const d = ydoc(doc(para('Gleich'), para('Auch gleich')), 1);
		const before = storedBlocks(documentBlocks(d));
		const result = diffSinceRead({
			before,
			after: documentBlocks(d),
			clientUser: new Map(),
			deletersOf: nobody,
			editorsSince: []
		});
		expect(result).toEqual({ count: 0, blocks: [], truncated: false });
	});

	it('marks inserted words with their author and deletions with who deleted them', () => {
		const d = ydoc(doc(para('Die Stadt plant ein Zentrum.'), para('Zweiter Absatz bleibt.')), 1);
		const before = storedBlocks(documentBlocks(d));
		const deletions = recordDeletions(d, { 42: 'anna', 43: 'ben' });
		d.clientID = 42;
		textOf(d, 0).insert('Die Stadt plant '.length, 'bis 2030 ');
		textOf(d, 1).delete(0, 'Zweiter '.length);
		d.clientID = 43;
		// Ben replaces a word: the deletion and his insertion at the same place.
		d.transact(() => {
			textOf(d, 0).delete('Die '.length, 'Stadt'.length);
			textOf(d, 0).insert('Die '.length, 'Kommune');
		});
		const result = diffSinceRead({
			before,
			after: documentBlocks(d),
			clientUser: new Map([
				[42, 'anna'],
				[43, 'ben']
			]),
			deletersOf: deletersFrom(deletions),
			editorsSince: ['anna', 'ben']
		});
		const changes = result.blocks.map((b) => b.segments.filter((s) => s.kind !== 'same'));
		expect(changes).toEqual([
			[
				{ kind: 'removed', text: 'Stadt', authors: ['ben'] },
				{ kind: 'added', text: 'Kommune', authors: ['ben'] },
				{ kind: 'added', text: 'bis 2030 ', authors: ['anna'] }
			],
			[{ kind: 'removed', text: 'Zweiter ', authors: ['anna'] }]
		]);
	});

	it('names everybody who edited since for a deletion nobody was recorded for', () => {
		const d = ydoc(doc(para('Die Stadt plant ein Zentrum.'), para('Zweiter Absatz bleibt.')), 1);
		const before = storedBlocks(documentBlocks(d));
		d.clientID = 42;
		textOf(d, 0).insert('Die Stadt plant '.length, 'bis 2030 ');
		d.clientID = 43;
		textOf(d, 0).delete('Die '.length, 'Stadt '.length);
		const result = diffSinceRead({
			before,
			after: documentBlocks(d),
			clientUser: new Map([
				[42, 'anna'],
				[43, 'ben']
			]),
			deletersOf: nobody,
			editorsSince: ['anna', 'ben']
		});
		expect(result.count).toBe(2);
		expect(result.blocks).toHaveLength(1);
		const [block] = result.blocks;
		expect(block!.kind).toBe('changed');
		expect(block!.segments.filter((s) => s.kind === 'added')).toEqual([
			{ kind: 'added', text: 'bis 2030 ', authors: ['anna'] }
		]);
		expect(block!.segments.filter((s) => s.kind === 'removed')).toEqual([
			{ kind: 'removed', text: 'Stadt ', authors: ['anna', 'ben'] }
		]);
	});

	it('reports whole blocks inserted and deleted, a deleted block with who deleted it', () => {
		const d = ydoc(doc(para('Eins'), para('Zwei'), para('Drei')), 1);
		const before = storedBlocks(documentBlocks(d));
		const deletions = recordDeletions(d, { 7: 'cara', 8: 'dirk' });
		const fragment = d.getXmlFragment('default');
		d.clientID = 8;
		textOf(d, 0).insert(4, '!');
		d.clientID = 7;
		d.transact(() => {
			fragment.delete(1, 1);
			const added = new Y.XmlElement('paragraph');
			added.insert(0, [new Y.XmlText('Vier')]);
			fragment.insert(2, [added]);
		});
		const result = diffSinceRead({
			before,
			after: documentBlocks(d),
			clientUser: new Map([
				[7, 'cara'],
				[8, 'dirk']
			]),
			deletersOf: deletersFrom(deletions),
			editorsSince: ['dirk', 'cara']
		});
		expect(result.count).toBe(3);
		expect(result.blocks.map((b) => [b.kind, b.segments.at(-1)!.text, b.segments.at(-1)!.authors])).toEqual([
			['changed', '!', ['dirk']],
			['removed', 'Zwei', ['cara']],
			['added', 'Vier', ['cara']]
		]);
		// A read stored before element ids were kept: the block's removal falls back to who edited since.
		const legacy = before.map(([key, text]) => [key, text] as [string, string]);
		const old = diffSinceRead({
			before: legacy,
			after: documentBlocks(d),
			clientUser: new Map(),
			deletersOf: deletersFrom(deletions),
			editorsSince: ['dirk', 'cara']
		});
		expect(old.blocks.find((b) => b.kind === 'removed')!.segments[0]!.authors).toEqual(['dirk', 'cara']);
	});

	it('shortens long unchanged text around a change and caps the blocks shown', () => {
		const long = 'Wort '.repeat(200).trim();
		const d = ydoc(doc(para(long)), 1);
		const before = storedBlocks(documentBlocks(d));
		textOf(d, 0).insert(long.length, ' Ende');
		const [block] = diffSinceRead({
			before,
			after: documentBlocks(d),
			clientUser: new Map(),
			deletersOf: nobody,
			editorsSince: []
		}).blocks;
		const same = block!.segments.find((s) => s.kind === 'same')!;
		expect(same.text.startsWith('…')).toBe(true);
		expect(same.text.length).toBeLessThan(100);

		const many = Array.from({ length: MAX_BLOCKS + 5 }, (_, i) => ['paragraph', `alt ${i}`] as [string, string]);
		const capped = diffSinceRead({
			before: many,
			after: [],
			clientUser: new Map(),
			deletersOf: nobody,
			editorsSince: []
		});
		expect(capped.blocks).toHaveLength(MAX_BLOCKS);
		expect(capped.truncated).toBe(true);
		expect(capped.count).toBe(MAX_BLOCKS + 5);
	});
});
