import { describe, expect, it } from 'vitest';
import { toMarkdown } from './markdown';

const text = (value: string, marks: { type: string; attrs?: Record<string, unknown> }[] = []) => ({
	type: 'text',
	text: value,
	marks
});

describe('Markdown serializer', () => {
	it('writes marks, links and escapes characters Markdown would read as syntax', () => {
		const doc = {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						text('fett', [{ type: 'bold' }]),
						text(' und '),
						text('Link', [{ type: 'link', attrs: { href: 'https://a.de/x y' } }])
					]
				},
				{ type: 'paragraph', content: [text('# kein Titel, *kein* Stern')] },
				{ type: 'paragraph', content: [text('Kommentiert', [{ type: 'comment', attrs: { threadId: 'x' } }])] }
			]
		};
		expect(toMarkdown(doc)).toBe(
			'**fett** und [Link](https://a.de/x%20y)\n\n\\# kein Titel, \\*kein\\* Stern\n\nKommentiert\n'
		);
	});

	it('exports only web and mail links: a javascript:, data: or relative link keeps its text, not its target', () => {
		const link = (label: string, href: string) => text(label, [{ type: 'link', attrs: { href } }]);
		const doc = {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						link('Klick', 'javascript:alert(document.cookie)'),
						text(' '),
						link('Tarnung', ' Java\tScript:alert(1)')
					]
				},
				{
					type: 'paragraph',
					content: [link('Bild', 'data:text/html,<script>alert(1)</script>'), text(' '), link('intern', '/b/x/papers')]
				},
				{
					type: 'paragraph',
					content: [link('Stadt', 'https://hamm.de/wirtschaft'), text(' '), link('Büro', 'mailto:buero@hamm.de')]
				}
			]
		};
		const markdown = toMarkdown(doc);
		expect(markdown).toBe(
			'Klick Tarnung\n\nBild intern\n\n[Stadt](https://hamm.de/wirtschaft) [Büro](mailto:buero@hamm.de)\n'
		);
		expect(markdown.toLowerCase()).not.toMatch(/javascript|data:/);
	});

	it('nests lists and writes tables with a header row', () => {
		const item = (value: string, nested?: object) => ({
			type: 'listItem',
			content: [{ type: 'paragraph', content: [text(value)] }, ...(nested ? [nested] : [])]
		});
		const doc = {
			type: 'doc',
			content: [
				{
					type: 'bulletList',
					content: [item('a', { type: 'orderedList', attrs: { start: 3 }, content: [item('b')] })]
				},
				{
					type: 'table',
					content: [
						{
							type: 'tableRow',
							content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [text('Kopf')] }] }]
						},
						{
							type: 'tableRow',
							content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [text('a|b')] }] }]
						}
					]
				}
			]
		};
		expect(toMarkdown(doc)).toBe('- a\n  3. b\n\n| Kopf |\n| --- |\n| a\\|b |\n');
	});
});
