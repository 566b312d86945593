import PDFDocument from 'pdfkit';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { TIME_ZONE } from '$lib/format';

// The board book: one PDF with cover, agenda with time plan and every item in detail. pdfkit's standard
// fonts speak WinAnsi (German umlauts and ß included); anything outside it is replaced, not dropped.

type Pdf = InstanceType<typeof PDFDocument>;

export interface BookPaper {
	title: string;
	/** The paper's current text, or null when it cannot be read here. */
	text: string | null;
}

/** A file attached to an item; `pages` > 0 when its PDF pages are merged after the item's section. */
export interface BookAttachment {
	name: string;
	pages: number;
}

export interface BookItem {
	number: string;
	isSubItem: boolean;
	title: string;
	description: string;
	kind: 'information' | 'discussion' | 'decision';
	isPublic: boolean;
	presenter: string | null;
	startsAt: Date;
	endsAt: Date;
	papers: BookPaper[];
	attachments: BookAttachment[];
}

/** Where things landed in the generated part (page indices from 0, before any attachment is merged). */
export interface BookLayout {
	pageCount: number;
	agendaPage: number;
	/** Per item, in order: the page of its heading and the last page of its section. */
	items: { firstPage: number; lastPage: number }[];
}

export interface BookInput {
	locale: Locale;
	boardName: string;
	meetingTitle: string;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
	onlineUrl: string | null;
	/** Who downloads it: the book shows exactly what they may see. */
	readerName: string;
	items: BookItem[];
}

const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Characters the standard fonts cannot draw become "?" instead of garbage glyphs. */
export function winAnsi(text: string): string {
	return [...text.replace(/\r\n?/g, '\n')]
		.map((ch) => {
			const code = ch.codePointAt(0)!;
			if (
				ch === '\n' ||
				ch === '\t' ||
				(code >= 0x20 && code <= 0x7e) ||
				(code >= 0xa0 && code <= 0xff) ||
				WIN_ANSI_EXTRA.includes(ch)
			)
				return ch;
			return '?';
		})
		.join('');
}

function berlin(locale: Locale, options: Intl.DateTimeFormatOptions): (value: Date) => string {
	const format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { ...options, timeZone: TIME_ZONE });
	return (value) => format.format(value);
}

/** Pages merged in before generated page `page`: the attachments of every item whose section ended earlier. */
export function pagesInsertedBefore(items: BookItem[], layout: BookLayout, page: number): number {
	return items.reduce((sum, item, i) => (layout.items[i]!.lastPage < page ? sum + attachedPages(item) : sum), 0);
}

const attachedPages = (item: BookItem) => item.attachments.reduce((sum, a) => sum + a.pages, 0);
const currentPage = (pdf: Pdf) => pdf.bufferedPageRange().count - 1;

/** The generated part of the book (pdfkit) and where its parts landed. */
export function renderBoardBook(input: BookInput): Promise<{ bytes: Buffer; layout: BookLayout }> {
	const { locale } = input;
	const l = (key: MessageKey, params?: Record<string, string | number>) => winAnsi(translate(locale, key, params));
	const time = berlin(locale, { hour: '2-digit', minute: '2-digit' });
	const day = berlin(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	const pdf: Pdf = new PDFDocument({
		size: 'A4',
		margin: 56,
		bufferPages: true,
		lang: locale,
		info: { Title: winAnsi(`${l('book.title')}: ${input.meetingTitle}`), Creator: 'Beirat' }
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});

	cover(pdf, input, { l, time, day });
	pdf.addPage();
	const agendaPage = currentPage(pdf);
	agendaTable(pdf, input, { l, time });
	pdf.addPage();
	const items = details(pdf, input, { l, time });
	const layout: BookLayout = { pageCount: currentPage(pdf) + 1, agendaPage, items };
	const stamp = berlin(locale, { dateStyle: 'medium', timeStyle: 'short' })(new Date());
	const total = layout.pageCount + input.items.reduce((sum, item) => sum + attachedPages(item), 0);
	const number = (page: number) => page + 1 + pagesInsertedBefore(input.items, layout, page);
	footers(pdf, { l, generated: l('book.generated', { date: stamp, name: input.readerName }), number, total });
	pdf.end();
	return done.then((bytes) => ({ bytes, layout }));
}

type Label = (key: MessageKey, params?: Record<string, string | number>) => string;

function cover(pdf: Pdf, input: BookInput, f: { l: Label; time: (d: Date) => string; day: (d: Date) => string }) {
	pdf.moveDown(6);
	pdf.font('Helvetica').fontSize(14).fillColor('#333333').text(winAnsi(input.boardName));
	pdf.moveDown(0.5);
	pdf.font('Helvetica-Bold').fontSize(26).fillColor('#000000').text(f.l('book.title'));
	pdf.moveDown(0.3);
	pdf.font('Helvetica-Bold').fontSize(18).text(winAnsi(input.meetingTitle));
	pdf.moveDown(2);
	const when = `${f.day(input.startsAt)}, ${f.l('book.time', { start: f.time(input.startsAt), end: f.time(input.endsAt) })}`;
	pdf.font('Helvetica-Bold').fontSize(11).text(f.l('book.date'));
	pdf.font('Helvetica').fontSize(12).text(winAnsi(when));
	pdf.font('Helvetica').fontSize(9).fillColor('#444444').text(f.l('book.timeZone')).fillColor('#000000');
	if (input.location) {
		pdf.moveDown(0.8);
		pdf.font('Helvetica-Bold').fontSize(11).text(f.l('book.place'));
		pdf.font('Helvetica').fontSize(12).text(winAnsi(input.location));
	}
	if (input.onlineUrl) {
		pdf.moveDown(0.8);
		pdf.font('Helvetica-Bold').fontSize(11).text(f.l('book.online'));
		pdf.font('Helvetica').fontSize(12).text(winAnsi(input.onlineUrl), { link: input.onlineUrl });
	}
}

function agendaTable(pdf: Pdf, input: BookInput, f: { l: Label; time: (d: Date) => string }) {
	pdf.font('Helvetica-Bold').fontSize(18).text(f.l('book.agenda'));
	pdf.moveDown(0.8);
	if (input.items.length === 0) pdf.font('Helvetica').fontSize(11).text(f.l('book.empty'));
	const left = pdf.page.margins.left;
	let part: boolean | null = null;
	for (const item of input.items) {
		// Items come in meeting order, the public part first: each part gets its heading.
		if (item.isPublic !== part) {
			part = item.isPublic;
			pdf
				.font('Helvetica-Bold')
				.fontSize(12)
				.fillColor('#000000')
				.text(f.l(part ? 'agenda.part.public' : 'agenda.part.nonPublic'), left, pdf.y);
			pdf.moveDown(0.4);
		}
		const indent = item.isSubItem ? 24 : 0;
		const y = pdf.y;
		pdf.font('Helvetica').fontSize(10).fillColor('#444444').text(f.time(item.startsAt), left, y, { width: 48 });
		pdf
			.fillColor('#000000')
			.font(item.isSubItem ? 'Helvetica' : 'Helvetica-Bold')
			.fontSize(11);
		const label = `${f.l('book.item', { number: item.number })}  ${winAnsi(item.title)}`;
		const suffix = item.isPublic ? '' : ` (${f.l('book.nonPublic')})`;
		pdf.text(`${label}${suffix}`, left + 56 + indent, y, {
			width: pdf.page.width - left - pdf.page.margins.right - 56 - indent
		});
		pdf.moveDown(0.4);
	}
	pdf.x = left;
}

/** Every item in detail; an item with merged attachments ends its page, so they follow its section. */
function details(pdf: Pdf, input: BookInput, f: { l: Label; time: (d: Date) => string }): BookLayout['items'] {
	pdf.font('Helvetica-Bold').fontSize(18).text(f.l('book.details'));
	pdf.moveDown(0.8);
	const placed: BookLayout['items'] = [];
	input.items.forEach((item, index) => {
		pdf
			.font('Helvetica-Bold')
			.fontSize(item.isSubItem ? 12 : 14)
			.text(`${f.l('book.item', { number: item.number })}  ${winAnsi(item.title)}`);
		const firstPage = currentPage(pdf);
		const meta = [
			f.l('book.time', { start: f.time(item.startsAt), end: f.time(item.endsAt) }),
			f.l('book.kind', { kind: f.l(`agenda.kind.${item.kind}`) })
		];
		if (item.presenter) meta.push(f.l('book.presenter', { name: item.presenter }));
		if (!item.isPublic) meta.push(f.l('book.nonPublic'));
		pdf.font('Helvetica').fontSize(9).fillColor('#444444').text(meta.join('  ·  ')).fillColor('#000000');
		pdf.moveDown(0.3);
		pdf
			.font('Helvetica')
			.fontSize(11)
			.text(item.description ? winAnsi(item.description) : f.l('book.noDescription'));
		if (item.papers.length > 0) papers(pdf, item.papers, f.l);
		if (item.attachments.length > 0) attachments(pdf, item.attachments, f.l);
		placed.push({ firstPage, lastPage: currentPage(pdf) });
		if (attachedPages(item) > 0 && index < input.items.length - 1) pdf.addPage();
		else pdf.moveDown(1);
	});
	return placed;
}

function attachments(pdf: Pdf, list: BookAttachment[], l: Label) {
	pdf.moveDown(0.4);
	pdf.font('Helvetica-Bold').fontSize(11).text(l('book.attachments'));
	for (const file of list) {
		pdf
			.font('Helvetica')
			.fontSize(10)
			.text(`• ${winAnsi(file.name)} – ${l(file.pages > 0 ? 'book.attachmentMerged' : 'book.attachmentNotMerged')}`, {
				indent: 10
			});
	}
}

function papers(pdf: Pdf, list: BookPaper[], l: Label) {
	pdf.moveDown(0.4);
	pdf.font('Helvetica-Bold').fontSize(11).text(l('book.papers'));
	for (const paper of list) {
		pdf.moveDown(0.3);
		pdf
			.font('Helvetica-Bold')
			.fontSize(10)
			.text(`• ${winAnsi(paper.title)}`);
		pdf
			.font('Helvetica')
			.fontSize(10)
			.text(paper.text ? winAnsi(paper.text) : l('book.paperTextMissing'), { indent: 10 });
	}
}

function footers(pdf: Pdf, f: { l: Label; generated: string; number: (page: number) => number; total: number }) {
	const range = pdf.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		pdf.switchToPage(i);
		const bottom = pdf.page.height - pdf.page.margins.bottom + 16;
		// Writing below the bottom margin would make pdfkit add a page; lift the margin while stamping.
		const margin = pdf.page.margins.bottom;
		pdf.page.margins.bottom = 0;
		pdf.font('Helvetica').fontSize(8).fillColor('#444444');
		pdf.text(f.generated, pdf.page.margins.left, bottom, { lineBreak: false });
		pdf.text(f.l('book.page', { page: f.number(i), pages: f.total }), pdf.page.margins.left, bottom, {
			width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
			align: 'right',
			lineBreak: false
		});
		pdf.page.margins.bottom = margin;
	}
}
