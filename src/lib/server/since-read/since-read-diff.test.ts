import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { jsonToState } from '../documents/paper-document';
import { diffSinceRead, documentBlocks, MAX_BLOCKS, storedBlocks } from './since-read-diff';

const para = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const doc = (...content: object[]) => ({ type: 'doc', content });

/** A Y.Doc of `json` whose later edits come from `client`. */
function ydoc(json: object, client: number): Y.Doc {
	const d = new Y.Doc({ gc: false });
	Y.applyUpdate(d, jsonToState(json));
	d.clientID = client;
	return d;
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
		expect(storedBlocks(documentBlocks(d))).toEqual([
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
		const result = diffSinceRead({ before, after: documentBlocks(d), clientUser: new Map(), editorsSince: [] });
		expect(result).toEqual({ count: 0, blocks: [], truncated: false });
	});

	it('marks inserted words with their author and deletions with who edited since', () => {
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

	it('reports whole blocks inserted and deleted', () => {
		const d = ydoc(doc(para('Eins'), para('Zwei'), para('Drei')), 1);
		const before = storedBlocks(documentBlocks(d));
		const fragment = d.getXmlFragment('default');
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
			clientUser: new Map([[7, 'cara']]),
			editorsSince: ['cara']
		});
		expect(result.count).toBe(2);
		expect(result.blocks.map((b) => [b.kind, b.segments[0]!.text, b.segments[0]!.authors])).toEqual([
			['removed', 'Zwei', ['cara']],
			['added', 'Vier', ['cara']]
		]);
	});

	it('shortens long unchanged text around a change and caps the blocks shown', () => {
		const long = 'Wort '.repeat(200).trim();
		const d = ydoc(doc(para(long)), 1);
		const before = storedBlocks(documentBlocks(d));
		textOf(d, 0).insert(long.length, ' Ende');
		const [block] = diffSinceRead({ before, after: documentBlocks(d), clientUser: new Map(), editorsSince: [] }).blocks;
		const same = block!.segments.find((s) => s.kind === 'same')!;
		expect(same.text.startsWith('…')).toBe(true);
		expect(same.text.length).toBeLessThan(100);

		const many = Array.from({ length: MAX_BLOCKS + 5 }, (_, i) => ['paragraph', `alt ${i}`] as [string, string]);
		const capped = diffSinceRead({ before: many, after: [], clientUser: new Map(), editorsSince: [] });
		expect(capped.blocks).toHaveLength(MAX_BLOCKS);
		expect(capped.truncated).toBe(true);
		expect(capped.count).toBe(MAX_BLOCKS + 5);
	});
});
