import type { JSONContent } from '@tiptap/core';
import PDFDocument from 'pdfkit';
import { exportableHref } from './safe-link';

// PDF with pdfkit's standard fonts (WinAnsi covers German umlauts and ß). Layout is deliberately plain:
// headings, paragraphs, lists, quotes and tables as rows of text.

type Pdf = InstanceType<typeof PDFDocument>;

const FONT = {
	regular: 'Helvetica',
	bold: 'Helvetica-Bold',
	italic: 'Helvetica-Oblique',
	boldItalic: 'Helvetica-BoldOblique',
	code: 'Courier'
};
const HEADING_SIZE = [20, 16, 14, 12, 12, 12];

function fontFor(marks: JSONContent['marks'] = []): string {
	const has = (type: string) => marks.some((m) => m.type === type);
	if (has('code')) return FONT.code;
	if (has('bold') && has('italic')) return FONT.boldItalic;
	return has('bold') ? FONT.bold : has('italic') ? FONT.italic : FONT.regular;
}

/** Writes inline content as one flowing paragraph (pdfkit's `continued` joins the runs). */
function inline(pdf: Pdf, nodes: JSONContent[] = [], options: { size: number; indent?: number; prefix?: string }) {
	const parts = nodes.map((n) => (n.type === 'hardBreak' ? { ...n, text: '\n' } : n));
	if (options.prefix) parts.unshift({ type: 'text', text: options.prefix });
	if (parts.length === 0) parts.push({ type: 'text', text: ' ' });
	pdf.fontSize(options.size);
	parts.forEach((node, i) => {
		const link = exportableHref(node.marks?.find((m) => m.type === 'link')?.attrs?.href);
		pdf.font(fontFor(node.marks)).text(node.text ?? '', {
			continued: i < parts.length - 1,
			indent: i === 0 ? (options.indent ?? 0) : 0,
			// Pending suggestions (when exported marked): insertions underlined, deletions struck through.
			underline:
				Boolean(link) || (node.marks?.some((m) => m.type === 'underline' || m.type === 'suggestionInsert') ?? false),
			strike: node.marks?.some((m) => m.type === 'strike' || m.type === 'suggestionDelete') ?? false,
			link
		});
	});
	pdf.moveDown(0.5);
}

const plain = (nodes: JSONContent[] = []): string => nodes.map((n) => n.text ?? plain(n.content)).join(' ');

function blocks(pdf: Pdf, nodes: JSONContent[] = [], indent = 0) {
	for (const node of nodes) {
		switch (node.type) {
			case 'heading':
				inline(
					pdf,
					node.content?.map((n) => ({ ...n, marks: [...(n.marks ?? []), { type: 'bold' }] })),
					{ size: HEADING_SIZE[Number(node.attrs?.level ?? 1) - 1] ?? 12, indent }
				);
				break;
			case 'bulletList':
			case 'orderedList':
				(node.content ?? []).forEach((item, i) => {
					const [first, ...rest] = item.content ?? [];
					inline(pdf, first?.content, { size: 11, indent, prefix: node.type === 'orderedList' ? `${i + 1}. ` : '• ' });
					blocks(pdf, rest, indent + 18);
				});
				break;
			case 'table':
				for (const row of node.content ?? [])
					pdf
						.font(FONT.regular)
						.fontSize(10)
						.text((row.content ?? []).map((c) => plain(c.content)).join('  |  '), { indent });
				pdf.moveDown(0.5);
				break;
			case 'blockquote':
				blocks(pdf, node.content, indent + 18);
				break;
			case 'codeBlock':
				pdf.font(FONT.code).fontSize(10).text(plain(node.content), { indent });
				pdf.moveDown(0.5);
				break;
			case 'horizontalRule':
				pdf.moveDown(0.5);
				break;
			default:
				inline(pdf, node.content, { size: 11, indent });
		}
	}
}

/** The paper as a PDF (title on top). */
export function toPdf(input: { title: string; doc: JSONContent }): Promise<Buffer> {
	const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: input.title, Creator: 'Beirat' } });
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
	pdf.font(FONT.bold).fontSize(22).text(input.title);
	pdf.moveDown();
	blocks(pdf, input.doc.content);
	pdf.end();
	return done;
}
