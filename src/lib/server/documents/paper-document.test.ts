import { describe, expect, it } from 'vitest';
import { generateHTML } from '@tiptap/html/server';
import * as Y from 'yjs';
import {
	documentExtensions,
	isEmptyUpdate,
	jsonToState,
	stateToJSON,
	stateToNode,
	updateTowards
} from './paper-document';

const paragraphs = (...texts: string[]) => ({
	type: 'doc',
	content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))
});

describe('paper document on the server', () => {
	it('renders stored text escaped and neutralises script links (shown with {@html})', () => {
		const html = generateHTML(
			{
				type: 'doc',
				content: [
					{
						type: 'paragraph',
						content: [
							{
								type: 'text',
								text: '<script>x</script>',
								marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]
							}
						]
					}
				]
			},
			documentExtensions
		);
		expect(html).toContain('&lt;script&gt;');
		expect(html).not.toContain('javascript:');
	});

	it('computes a minimal forward update: untouched paragraphs keep their identity', () => {
		const current = jsonToState(paragraphs('eins', 'zwei'));
		const update = updateTowards(current, stateToNode(jsonToState(paragraphs('EINS', 'zwei'))));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, current);
		const second = doc.getXmlFragment('default').get(1);
		Y.applyUpdate(doc, update);
		expect(doc.getXmlFragment('default').get(1)).toBe(second);
		// Compared through the schema, which adds the blocks' default attributes (e.g. suggestedBreak: null).
		expect(stateToJSON(Y.encodeStateAsUpdate(doc))).toEqual(stateToJSON(jsonToState(paragraphs('EINS', 'zwei'))));
		expect(JSON.stringify(stateToJSON(Y.encodeStateAsUpdate(doc)))).toContain('EINS');
		expect(isEmptyUpdate(updateTowards(current, stateToNode(current)))).toBe(true);
	});
});
