import { PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';

// pdf-lib merges the attached PDFs into the generated book and writes its outline (bookmarks).
// pdfkit keeps drawing the generated part; pdf-lib only copies pages and adds dictionaries.

/** A bookmark: `page` is the final page index (after merging), children are shown nested. */
export interface OutlineEntry {
	title: string;
	page: number;
	children: OutlineEntry[];
}

/** An attached PDF ready to merge, or null when it cannot be read (broken, encrypted, no pages). */
export async function loadAttachment(bytes: Uint8Array): Promise<PDFDocument | null> {
	try {
		const doc = await PDFDocument.load(bytes, { updateMetadata: false });
		return doc.getPageCount() > 0 ? doc : null;
	} catch {
		return null;
	}
}

/** Copies every page of `sources` into `book` after page index `after`, in order; returns the pages added. */
export async function insertAfter(book: PDFDocument, after: number, sources: PDFDocument[]): Promise<number> {
	let at = after + 1;
	for (const source of sources) {
		for (const page of await book.copyPages(source, source.getPageIndices())) book.insertPage(at++, page);
	}
	return at - after - 1;
}

/** Writes the document outline (replacing any) and opens the book with the bookmarks panel. */
export function writeOutline(book: PDFDocument, entries: OutlineEntry[]): void {
	if (entries.length === 0) return;
	const root = book.context.nextRef();
	const pages = book.getPages().map((page) => page.ref);
	const count = addLevel(book, { entries, parent: root, pages });
	book.context.assign(
		root,
		book.context.obj({ Type: 'Outlines', First: count.first, Last: count.last, Count: count.visible })
	);
	book.catalog.set(PDFName.of('Outlines'), root);
	book.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

interface Level {
	entries: OutlineEntry[];
	parent: PDFRef;
	pages: PDFRef[];
}

/** One level of siblings linked with Prev/Next; returns its ends and how many entries it shows (all open). */
function addLevel(book: PDFDocument, level: Level): { first: PDFRef; last: PDFRef; visible: number } {
	const refs = level.entries.map(() => book.context.nextRef());
	let visible = refs.length;
	level.entries.forEach((entry, i) => {
		const page = level.pages[Math.min(entry.page, level.pages.length - 1)]!;
		const dict = book.context.obj({
			Title: PDFHexString.fromText(entry.title),
			Parent: level.parent,
			Dest: [page, 'Fit']
		});
		if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
		if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
		if (entry.children.length > 0) {
			const sub = addLevel(book, { entries: entry.children, parent: refs[i]!, pages: level.pages });
			dict.set(PDFName.of('First'), sub.first);
			dict.set(PDFName.of('Last'), sub.last);
			dict.set(PDFName.of('Count'), PDFNumber.of(sub.visible));
			visible += sub.visible;
		}
		book.context.assign(refs[i]!, dict);
	});
	return { first: refs[0]!, last: refs[refs.length - 1]!, visible };
}
