import { PDFDocument } from 'pdf-lib';
import { translate } from '$lib/i18n';
import { renderBoardBook, type BookInput, type BookItem } from './boardbook-pdf';
import { insertAfter, writeOutline, type OutlineEntry } from './boardbook-merge';

/** A file on an item with its PDF loaded for merging (null: listed by name only). */
export interface AssembleAttachment {
	name: string;
	pdf: PDFDocument | null;
}

export type AssembleItem = Omit<BookItem, 'attachments'> & { attachments: AssembleAttachment[] };

export type AssembleInput = Omit<BookInput, 'items'> & { items: AssembleItem[] };

/**
 * The whole board book: the generated part (pdfkit), each item's attached PDFs merged right after the
 * item's section, and an outline with the agenda, every item and, under it, every merged attachment.
 */
export async function assembleBoardBook(input: AssembleInput): Promise<Buffer> {
	const items: BookItem[] = input.items.map((item) => ({
		...item,
		attachments: item.attachments.map((file) => ({ name: file.name, pages: file.pdf?.getPageCount() ?? 0 }))
	}));
	const { bytes, layout } = await renderBoardBook({ ...input, items });
	const book = await PDFDocument.load(bytes, { updateMetadata: false });
	const outline: OutlineEntry[] = [
		{ title: translate(input.locale, 'book.agenda'), page: layout.agendaPage, children: [] }
	];
	let shift = 0;
	for (const [index, item] of input.items.entries()) {
		const placed = layout.items[index]!;
		const entry: OutlineEntry = {
			title: `${translate(input.locale, 'book.item', { number: item.number })}  ${item.title}`,
			page: placed.firstPage + shift,
			children: []
		};
		let last = placed.lastPage + shift;
		for (const file of item.attachments) {
			if (!file.pdf) continue;
			entry.children.push({ title: file.name, page: last + 1, children: [] });
			last += await insertAfter(book, last, [file.pdf]);
		}
		shift = last - placed.lastPage;
		outline.push(entry);
	}
	writeOutline(book, outline);
	return Buffer.from(await book.save());
}
