import { describe, expect, it } from 'vitest';
import { belowTitle } from './citizens.service';

describe('a published paper on its page', () => {
	it('puts its headings below the page title, at most h6', () => {
		const doc = {
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Eins' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: 'Text' }] },
				{ type: 'heading', attrs: { level: 6 }, content: [{ type: 'text', text: 'Sechs' }] }
			]
		};
		expect(belowTitle(doc)).toEqual({
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Eins' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: 'Text' }] },
				{ type: 'heading', attrs: { level: 6 }, content: [{ type: 'text', text: 'Sechs' }] }
			]
		});
	});
});
