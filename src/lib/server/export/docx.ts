import type { JSONContent } from '@tiptap/core';
import {
	Document,
	ExternalHyperlink,
	HeadingLevel,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	InsertedTextRun,
	DeletedTextRun,
	WidthType,
	type ParagraphChild
} from 'docx';
import { exportableHref } from './safe-link';
import { suggestionMark } from '$lib/suggestions/suggestions';
import { SUGGESTION_DELETE, SUGGESTION_INSERT } from '$lib/suggestions/suggestion-marks';

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6
];

/** Revision ids of Word's tracked changes: unique within a document (a counter never reused is). */
let revisionCounter = 0;

/** A pending suggestion as a real Word revision (w:ins / w:del) with its author and time. */
function revision(
	node: JSONContent,
	options: ConstructorParameters<typeof TextRun>[0] & object
): ParagraphChild | null {
	const deleted = suggestionMark(node, SUGGESTION_DELETE);
	const inserted = suggestionMark(node, SUGGESTION_INSERT);
	const mark = deleted ?? inserted;
	if (!mark) return null;
	revisionCounter = (revisionCounter + 1) % 2_000_000_000;
	const change = { id: revisionCounter, author: mark.authorName || mark.authorId || '?', date: mark.createdAt };
	const text = node.text ?? '';
	return deleted
		? new DeletedTextRun({ ...options, ...change, text })
		: new InsertedTextRun({ ...options, ...change, text });
}

function runs(nodes: JSONContent[] = []): ParagraphChild[] {
	return nodes.map((node) => {
		if (node.type === 'hardBreak') return new TextRun({ text: '', break: 1 });
		const has = (type: string) => node.marks?.some((m) => m.type === type) ?? false;
		const href = exportableHref(node.marks?.find((m) => m.type === 'link')?.attrs?.href);
		const options = {
			text: node.text ?? '',
			bold: has('bold'),
			italics: has('italic'),
			strike: has('strike'),
			underline: has('underline') ? {} : undefined,
			font: has('code') ? 'Courier New' : undefined,
			style: href ? 'Hyperlink' : undefined
		};
		const tracked = revision(node, options);
		if (tracked) return tracked;
		const run = new TextRun(options);
		return href ? new ExternalHyperlink({ link: href, children: [run] }) : run;
	});
}

type Block = Paragraph | Table;

function listBlocks(node: JSONContent, ordered: boolean, level: number): Block[] {
	return (node.content ?? []).flatMap((item) =>
		(item.content ?? []).flatMap((child, i) => {
			if (child.type === 'bulletList' || child.type === 'orderedList')
				return listBlocks(child, child.type === 'orderedList', level + 1);
			if (i > 0) return blocks([child], level);
			return [
				new Paragraph({
					children: runs(child.content),
					...(ordered ? { numbering: { reference: 'paper-numbers', level } } : { bullet: { level } })
				})
			];
		})
	);
}

function table(node: JSONContent): Table {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: (node.content ?? []).map(
			(row) =>
				new TableRow({
					children: (row.content ?? []).map(
						(cell) =>
							new TableCell({
								children: (cell.content ?? []).map((p) => new Paragraph({ children: runs(p.content) }))
							})
					)
				})
		)
	});
}

function blocks(nodes: JSONContent[] = [], level = 0): Block[] {
	return nodes.flatMap((node): Block[] => {
		switch (node.type) {
			case 'heading':
				return [new Paragraph({ heading: HEADINGS[Number(node.attrs?.level ?? 1) - 1], children: runs(node.content) })];
			case 'bulletList':
			case 'orderedList':
				return listBlocks(node, node.type === 'orderedList', level);
			case 'table':
				return [table(node)];
			case 'blockquote':
				return blocks(node.content, level).map((b) => b);
			case 'codeBlock':
				return [
					new Paragraph({
						children: [new TextRun({ text: (node.content ?? []).map((t) => t.text).join(''), font: 'Courier New' })]
					})
				];
			case 'horizontalRule':
				return [new Paragraph({ thematicBreak: true, children: [] })];
			default:
				return [new Paragraph({ children: runs(node.content) })];
		}
	});
}

/** The paper as a Word document (title as the first heading). */
export async function toDocx(input: { title: string; doc: JSONContent }): Promise<Buffer> {
	const document = new Document({
		title: input.title,
		creator: 'Beirat',
		numbering: {
			config: [
				{
					reference: 'paper-numbers',
					levels: Array.from({ length: 6 }, (_, level) => ({
						level,
						format: 'decimal' as const,
						text: `%${level + 1}.`,
						alignment: 'left' as const
					}))
				}
			]
		},
		sections: [
			{
				children: [
					new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(input.title)] }),
					...blocks(input.doc.content)
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
