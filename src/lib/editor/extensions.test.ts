import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { baseExtensions, PAPER_FRAGMENT } from './extensions';
import { colourFor } from './colour';

describe('paper schema', () => {
	const schema = getSchema(baseExtensions());

	it('has the nodes and marks the toolbar offers, and no code blocks', () => {
		for (const node of [
			'heading',
			'bulletList',
			'orderedList',
			'blockquote',
			'table',
			'tableRow',
			'tableCell',
			'tableHeader',
			'horizontalRule'
		]) {
			expect(schema.nodes, node).toHaveProperty(node);
		}
		for (const mark of ['bold', 'italic', 'underline', 'strike', 'link', 'comment'])
			expect(schema.marks, mark).toHaveProperty(mark);
		expect(schema.nodes).not.toHaveProperty('codeBlock');
	});

	it('round-trips a document through the Yjs fragment the editor uses (server side, no DOM)', () => {
		const doc = new Y.Doc();
		const json = {
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Handlungsfeld' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: 'fett', marks: [{ type: 'bold' }] }] }
			]
		};
		prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(PAPER_FRAGMENT));
		const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(PAPER_FRAGMENT), schema);
		expect(node.child(0).type.name).toBe('heading');
		expect(node.child(1).textContent).toBe('fett');
		expect(
			node
				.child(1)
				.child(0)
				.marks.map((m) => m.type.name)
		).toEqual(['bold']);
	});

	it('gives each person a stable colour', () => {
		expect(colourFor('00000000-0000-4000-8000-000000000002')).toBe(colourFor('00000000-0000-4000-8000-000000000002'));
		expect(colourFor('a')).not.toBe(colourFor('b'));
	});
});
