import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import type { JSONContent } from '@tiptap/core';
import type { Database } from '$lib/server/db/types';
import { withSystem } from '$lib/server/db/scoped';
import { parseImport } from '$lib/server/export/import';
import { toMarkdown } from '$lib/server/export/markdown';
import { stateToJSON } from '$lib/server/documents/paper-document';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper, createTestHub, seedDocument, servicesFor } from '../factories/comments';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const SAMPLE = `# Wirtschaftsstrategie Hamm

## Handlungsfelder

Die **Innenstadt** und der [Campus](https://www.hshl.de/campus) sind *zentral*.

- Gründerflächen
- Fachkräfte
  - Ausbildung

1. Erster Schritt
2. Zweiter Schritt

| Maßnahme | Jahr |
| --- | --- |
| Gründerzentrum | 2027 |
`;

const text = (file: { name: string; bytes: Uint8Array }) => file;
const md = (content: string, name = 'papier.md') => text({ name, bytes: new TextEncoder().encode(content) });

describe.each(testDatabases())('export and import on $name', (target) => {
	let db: Database;
	let h: Harness;
	let hub: ReturnType<typeof createTestHub>;
	let board: TestBoard;
	let office: TestUser, member: TestUser, guest: TestUser, outsider: TestUser;
	let paper: { id: string; title: string };
	let doc: JSONContent;

	const as = (user: TestUser) => servicesFor(db, { user, board, hub, mailer: h.mailer, origin: ORIGIN });
	const paperCount = () =>
		withSystem(db, 'test-setup', (tx) => tx.query<{ n: number }>(`select count(*)::int as n from public.papers`)).then(
			(r) => r[0]!.n
		);

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		hub = createTestHub(db);
		({
			board,
			people: { office, member, guest }
		} = await boardWithRoles(db, { office: 'office', member: 'member', guest: 'guest' }));
		outsider = await addMember(db, { board: await createBoard(db), role: 'office' });
		paper = await createPaper(db, { board, author: office, title: 'Strategie für Groß & Klein: Ärzte/Ökonomie' });
		doc = await parseImport(md(SAMPLE));
		await seedDocument(hub, { paperId: paper.id, author: office, doc });
	});
	afterAll(async () => {
		await hub.close();
		await db.close();
	});

	it('exports Markdown that round-trips headings, lists, bold, links and tables', async () => {
		const { exports, board: ctx } = await as(member);
		const file = await exports.exportPaper(ctx, { paperId: paper.id, format: 'md' });
		expect(file.contentType).toBe('text/markdown; charset=utf-8');
		expect(file.disposition).toBe(
			`attachment; filename="Strategie-fuer-Gross-Klein-Aerzte-Oekonomie.md"; filename*=UTF-8''${encodeURIComponent('Strategie für Groß & Klein: Ärzte Ökonomie.md')}`
		);
		const exported = file.body.toString('utf8');
		expect(exported).toContain('## Handlungsfelder');
		expect(exported).toContain('**Innenstadt**');
		expect(exported).toContain('[Campus](https://www.hshl.de/campus)');
		expect(exported).toContain('| Gründerzentrum | 2027 |');
		// Round trip: parsing the export gives the same document again (below the title heading).
		const body = toMarkdown(stateToJSON(await hub.getState(paper.id)));
		expect(toMarkdown(await parseImport(md(body)))).toBe(body);
		expect(body).toContain('- Fachkräfte\n  - Ausbildung');
		expect(body).toContain('1. Erster Schritt\n2. Zweiter Schritt');
	});

	it('exports a DOCX that opens as a Word package with the text', async () => {
		const { exports, board: ctx } = await as(member);
		const file = await exports.exportPaper(ctx, { paperId: paper.id, format: 'docx' });
		const zip = await JSZip.loadAsync(file.body);
		const xml = await zip.file('word/document.xml')!.async('string');
		for (const part of ['Strategie für Groß', 'Handlungsfelder', 'Innenstadt', 'Gründerflächen', 'Gründerzentrum'])
			expect(xml).toContain(part);
		expect(file.disposition).toContain('.docx"');
	});

	it('exports a PDF with the text, umlauts included', async () => {
		const { exports, board: ctx } = await as(member);
		const file = await exports.exportPaper(ctx, { paperId: paper.id, format: 'pdf' });
		expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(file.body)), { mergePages: true });
		for (const part of ['Strategie für Groß', 'Handlungsfelder', 'Gründerflächen', 'Maßnahme'])
			expect(text).toContain(part);
	});

	it('refuses exports to people who may not read the paper', async () => {
		for (const user of [guest, outsider]) {
			const { exports, board: ctx } = await as(user);
			expect(await refusal(exports.exportPaper(ctx, { paperId: paper.id, format: 'md' }))).toBe('error.notFound');
		}
	});

	it('imports Markdown into a new paper whose content is its first change', async () => {
		const { exports, board: ctx } = await as(member);
		const { paperId, title } = await exports.importPaper(ctx, { file: md(SAMPLE, 'strategie.md') });
		expect(title).toBe('Wirtschaftsstrategie Hamm');
		const content = stateToJSON(await hub.getState(paperId));
		expect(toMarkdown(content)).toBe(toMarkdown(doc));
	});

	it('imports a Word document into a new paper', async () => {
		const word = new Document({
			sections: [
				{
					children: [
						new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Fachkräfteoffensive')] }),
						new Paragraph({
							children: [
								new TextRun('Wir stärken die '),
								new TextRun({ text: 'duale Ausbildung', bold: true }),
								new TextRun('.')
							]
						}),
						new Paragraph({
							children: [new ExternalHyperlink({ link: 'https://www.hamm.de', children: [new TextRun('Stadt Hamm')] })]
						})
					]
				}
			]
		});
		const bytes = new Uint8Array(await Packer.toBuffer(word));
		const { exports, board: ctx } = await as(member);
		const { paperId, title } = await exports.importPaper(ctx, {
			file: { name: 'Offensive.docx', bytes },
			title: 'Fachkräfte 2030'
		});
		expect(title).toBe('Fachkräfte 2030');
		const markdown = toMarkdown(stateToJSON(await hub.getState(paperId)));
		expect(markdown).toContain('# Fachkräfteoffensive');
		expect(markdown).toContain('Wir stärken die **duale Ausbildung**.');
		expect(markdown).toContain('[Stadt Hamm](https://www.hamm.de');
	});

	it('refuses oversized, empty, wrong-type and disguised uploads, and guests; nothing is saved', async () => {
		const { exports, board: ctx } = await as(member);
		const before = await paperCount();
		const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61);
		expect(await refusal(exports.importPaper(ctx, { file: { name: 'gross.md', bytes: big } }))).toBe(
			'comments.import.error.tooLarge'
		);
		expect(await refusal(exports.importPaper(ctx, { file: md('', 'leer.md') }))).toBe('comments.import.error.empty');
		expect(await refusal(exports.importPaper(ctx, { file: md('hallo', 'bild.png') }))).toBe(
			'comments.import.error.type'
		);
		expect(await refusal(exports.importPaper(ctx, { file: md('kein Word', 'falsch.docx') }))).toBe(
			'comments.import.error.type'
		);
		const brokenZip = new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]);
		expect(await refusal(exports.importPaper(ctx, { file: { name: 'kaputt.docx', bytes: brokenZip } }))).toBe(
			'comments.import.error.unreadable'
		);
		const g = await as(guest);
		expect(await refusal(g.exports.importPaper(g.board, { file: md(SAMPLE) }))).toBe('error.forbidden');
		const o = await as(outsider);
		expect(await refusal(o.exports.importPaper(o.board, { file: md(SAMPLE) }))).toBe('error.forbidden');
		expect(await paperCount()).toBe(before);
	});
});
