import { describe, expect, it } from 'vitest';
import { jsonToState } from '../documents/paper-document';
import { paperTextReader } from './paper-text';

describe('paperTextReader', () => {
	it('reads a paper’s current text from its collaboration state', async () => {
		const state = jsonToState({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ziele' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: '50 Gründungen pro Jahr' }] }
			]
		});
		const read = paperTextReader({ getState: async () => state });
		const text = await read('paper-1');
		expect(text).toContain('Ziele');
		expect(text).toContain('50 Gründungen pro Jahr');
	});

	it('gives null for an empty document', async () => {
		const read = paperTextReader({ getState: async () => new Uint8Array() });
		expect(await read('paper-2')).toBeNull();
	});
});
