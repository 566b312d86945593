import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { BoardContext } from '$lib/server/boards/policy';
import { createBoardBookService } from '$lib/server/boardbook/boardbook.service';
import { paperTextReader } from '$lib/server/boardbook/paper-text';
import { createAgendaPaperService } from '$lib/server/agenda/agenda-paper.service';
import { appendUpdates, loadState } from '$lib/server/collab/persistence';
import { createFileService } from '$lib/server/files/file.service';
import { BUCKET } from '$lib/server/files/file.repository';
import { createLocalStorage, type LocalStorage } from '$lib/server/storage/local';
import { jsonToState } from '$lib/server/documents/paper-document';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createItem, createMeeting, inviteGuest, type TestMeeting } from '../factories/agenda';
import { pdfBytes, pngBytes } from '../factories/files';
import { testDatabases } from '../support/databases';

interface OutlineNode {
	title: string;
	items: OutlineNode[];
}

async function readBook(body: Buffer): Promise<{ pages: string[]; outline: OutlineNode[] }> {
	const pdf = await getDocumentProxy(new Uint8Array(body));
	const { text } = await extractText(pdf, { mergePages: false });
	const outline = ((await pdf.getOutline()) ?? []) as OutlineNode[];
	return { pages: text, outline };
}

/** Bookmark titles, nested ones indented; an item's label ("TOP 1", "Ö 1") is left out, its numbering is not tested here. */
const titles = (nodes: OutlineNode[], depth = 0): string[] =>
	nodes.flatMap((node) => [
		`${'  '.repeat(depth)}${node.title.replace(/^.*? {2}/, '')}`,
		...titles(node.items, depth + 1)
	]);

describe.each(testDatabases())('board book with attachments on $name', (target) => {
	let db: Database;
	let dataDir: string;
	let storage: LocalStorage;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;
	let guest: TestUser;
	let meeting: TestMeeting & { board: TestBoard };

	const book = (user: TestUser) =>
		createBoardBookService({
			db: scopedDb(db, claimsFor(user)),
			readerName: user.displayName,
			paperText: paperTextReader({ getState: async (id) => (await loadState(db, id)).update }),
			readFile: (name) => storage.read(BUCKET, name)
		}).render({ boardId: meeting.boardId, meetingId: meeting.id }, 'de');

	async function upload(itemId: string, fileName: string, bytes: Uint8Array) {
		const ctx: BoardContext = { id: board.id, slug: board.slug, name: board.name, role: 'office' };
		await createFileService({ db: scopedDb(db, claimsFor(office)), storage, actor: { userId: office.id } }).upload(
			ctx,
			{ fileName, bytes, agendaItemId: itemId }
		);
	}

	async function paperWithText(title: string, text: string): Promise<string> {
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ id: string }>(
				`insert into public.papers (board_id, title, created_by) values ($1, $2, $3) returning id`,
				[board.id, title, office.id]
			)
		);
		const state = jsonToState({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
		await appendUpdates(db, row!.id, [{ update: state, userId: office.id }]);
		return row!.id;
	}

	beforeAll(async () => {
		db = await target.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-book-'));
		storage = await createLocalStorage({ dataDir });
		board = await createBoard(db, { name: 'Wirtschaft.Hamm.2030' });
		office = await addMember(db, { board, role: 'office' });
		member = await addMember(db, { board, role: 'member' });
		meeting = await createMeeting(db, {
			board,
			title: 'Sitzung des Beirats',
			startsAt: new Date('2026-12-10T13:00:00Z'),
			published: true
		});
		guest = await inviteGuest(db, { meeting });
		const innovation = await createItem(db, {
			meeting,
			title: 'Handlungsfeld Innovation und Gründungen',
			kind: 'decision'
		});
		const staff = await createItem(db, { meeting, title: 'Personalangelegenheiten', isPublic: false });
		await createItem(db, { meeting, title: 'Verschiedenes' });
		const paper = await paperWithText(
			'Strategiepapier Innovation',
			'Hamm will bis 2030 jährlich 50 Gründungen begleiten.'
		);
		await createAgendaPaperService({ db: scopedDb(db, claimsFor(office)) }).attach(
			{ boardId: board.id, meetingId: meeting.id },
			{ itemId: innovation.id, paperId: paper }
		);
		await upload(
			innovation.id,
			'Gründungsmonitor 2026.pdf',
			await pdfBytes('Gründungsmonitor: 212 Neugründungen im Jahr 2026')
		);
		await upload(innovation.id, 'Foto.png', pngBytes());
		await upload(staff.id, 'Bewerberliste.pdf', await pdfBytes('Vertrauliche Bewerberliste Referentenstelle'));
	});
	afterAll(async () => {
		await db.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('holds the paper’s current text and the attached PDF’s pages right after the item, with bookmarks', async () => {
		const { pages, outline } = await readBook((await book(member)).body);
		const all = pages.join('\n');
		expect(all).toContain('Hamm will bis 2030 jährlich 50 Gründungen begleiten.');
		expect(all).not.toContain('im Arbeitsbereich abrufbar.');
		const monitor = pages.findIndex((page) => page.includes('212 Neugründungen'));
		const innovation = pages.findIndex((page) => page.includes('Strategiepapier Innovation'));
		expect(innovation).toBeGreaterThan(0);
		expect(monitor).toBe(innovation + 1);
		// The merged pages end the item: the next section starts on the page after them.
		expect(pages[monitor + 1]).not.toContain('Strategiepapier');
		const staff = pages.findIndex(
			(page) => page.includes('Bewerberliste.pdf') && page.includes('Personalangelegenheiten')
		);
		expect(pages[staff + 1]).toContain('Vertrauliche Bewerberliste');
		// The PNG is named, never merged; footers count the merged pages too.
		expect(all).toContain('Foto.png');
		expect(pages[0]).toContain(`Seite 1 von ${pages.length}`);
		const found = titles(outline);
		expect(found[0]).toBe('Tagesordnung');
		expect(found.slice(1).sort()).toEqual([
			'  Bewerberliste.pdf',
			'  Gründungsmonitor 2026.pdf',
			'Handlungsfeld Innovation und Gründungen',
			'Personalangelegenheiten',
			'Verschiedenes'
		]);
		expect(found[found.indexOf('Handlungsfeld Innovation und Gründungen') + 1]).toBe('  Gründungsmonitor 2026.pdf');
		expect(found[found.indexOf('Personalangelegenheiten') + 1]).toBe('  Bewerberliste.pdf');
	});

	it('gives a guest the public items’ attachments only', async () => {
		const { pages, outline } = await readBook((await book(guest)).body);
		const all = pages.join('\n');
		expect(all).toContain('212 Neugründungen');
		expect(all).not.toContain('Bewerberliste');
		expect(all).not.toContain('Personalangelegenheiten');
		expect(titles(outline)).toEqual([
			'Tagesordnung',
			'Handlungsfeld Innovation und Gründungen',
			'  Gründungsmonitor 2026.pdf',
			'Verschiedenes'
		]);
	});
});
