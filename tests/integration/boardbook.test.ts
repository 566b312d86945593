import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { ServiceError } from '$lib/server/errors';
import { createBoardBookService } from '$lib/server/boardbook/boardbook.service';
import { createAgendaPaperService } from '$lib/server/agenda/agenda-paper.service';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createItem, createMeeting, inviteGuest, type TestMeeting } from '../factories/agenda';
import { testDatabases } from '../support/databases';

async function pdfText(body: Buffer): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(body));
	const { text } = await extractText(pdf, { mergePages: true });
	return text;
}

async function createPaper(
	db: Database,
	input: { board: TestBoard; title: string; createdBy: string }
): Promise<string> {
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ id: string }>(
			`insert into public.papers (board_id, title, created_by) values ($1, $2, $3) returning id`,
			[input.board.id, input.title, input.createdBy]
		)
	);
	return row!.id;
}

describe.each(testDatabases())('board book on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;
	let guest: TestUser;
	let meeting: TestMeeting & { board: TestBoard };
	const paperTexts = new Map<string, string>();

	const book = (user: TestUser, locale: 'de' | 'en' = 'de') =>
		createBoardBookService({
			db: scopedDb(db, claimsFor(user)),
			readerName: user.displayName,
			paperText: async (id) => paperTexts.get(id) ?? null
		}).render({ boardId: meeting.boardId, meetingId: meeting.id }, locale);

	beforeAll(async () => {
		db = await target.open();
		board = await createBoard(db, { name: 'Wirtschaft.Hamm.2030' });
		office = await addMember(db, { board, role: 'office' });
		member = await addMember(db, { board, role: 'member' });
		meeting = await createMeeting(db, {
			board,
			title: 'Sitzung des Beirats',
			startsAt: new Date('2026-12-10T13:00:00Z'),
			location: 'Rathaus Hamm',
			published: true
		});
		guest = await inviteGuest(db, { meeting });
		await createItem(db, { meeting, title: 'Eröffnung und Begrüßung', minutes: 5, kind: 'information' });
		const innovation = await createItem(db, {
			meeting,
			title: 'Handlungsfeld Innovation und Gründungen',
			description: 'Bericht über Gründungsförderung',
			kind: 'decision'
		});
		await createItem(db, {
			meeting,
			title: 'Personalangelegenheiten der Geschäftsstelle',
			isPublic: false,
			description: 'Vertraulich: Stellenbesetzung'
		});
		const paper = await createPaper(db, { board, title: 'Strategiepapier Innovation', createdBy: office.id });
		paperTexts.set(paper, 'Ziele: 50 Gründungen pro Jahr');
		await createAgendaPaperService({ db: scopedDb(db, claimsFor(office)) }).attach(
			{ boardId: board.id, meetingId: meeting.id },
			{ itemId: innovation.id, paperId: paper }
		);
	});
	afterAll(async () => {
		await db.close();
	});

	it('names the file by the day of the meeting in Berlin, also just after midnight', async () => {
		const newYear = await createMeeting(db, {
			board,
			title: 'Neujahrssitzung',
			startsAt: new Date('2026-12-31T23:30:00Z'),
			published: true
		});
		const service = createBoardBookService({
			db: scopedDb(db, claimsFor(member)),
			readerName: member.displayName,
			paperText: async () => null
		});
		expect((await service.render({ boardId: board.id, meetingId: newYear.id }, 'de')).fileName).toBe(
			'Sitzungsunterlage-2027-01-01.pdf'
		);
	});

	it('holds cover, agenda with time plan and every item with its papers for a member', async () => {
		const { body, fileName } = await book(member);
		expect(body.subarray(0, 5).toString()).toBe('%PDF-');
		expect(fileName).toBe('Sitzungsunterlage-2026-12-10.pdf');
		const text = await pdfText(body);
		for (const expected of [
			'Wirtschaft.Hamm.2030',
			'Sitzung des Beirats',
			'Donnerstag, 10. Dezember 2026',
			'Rathaus Hamm',
			'Öffentlicher Teil',
			'Ö 1',
			'Nichtöffentlicher Teil',
			'N 1',
			'Eröffnung und Begrüßung',
			'Handlungsfeld Innovation und Gründungen',
			'Personalangelegenheiten der Geschäftsstelle',
			'Vertraulich: Stellenbesetzung',
			'Strategiepapier Innovation',
			'Ziele: 50 Gründungen pro Jahr'
		]) {
			expect(text, expected).toContain(expected);
		}
		// 14:00 Berlin start; the second item starts after the first one's 5 minutes.
		expect(text).toContain('14:05');
	});

	it('leaves out non-public items (and papers the guest may not see) for a guest', async () => {
		const text = await pdfText((await book(guest)).body);
		expect(text).toContain('Handlungsfeld Innovation und Gründungen');
		expect(text).not.toContain('Personalangelegenheiten');
		expect(text).not.toMatch(/Nichtöffentlich|N 1/);
		expect(text).not.toContain('Vertraulich');
		expect(text).not.toContain('Strategiepapier Innovation');
	});

	it('has English labels on request', async () => {
		const { body, fileName } = await book(member, 'en');
		const text = await pdfText(body);
		expect(fileName).toBe('board-book-2026-12-10.pdf');
		expect(text).toContain('Board book');
		expect(text).toContain('Public part');
		expect(text).toContain('Ö 2');
		expect(text).toContain('Thursday, 10 December 2026');
	});

	it('refuses a member of another board and an unknown meeting', async () => {
		const outsider = await addMember(db, { board: await createBoard(db), role: 'member' });
		const refused = await book(outsider).then(
			() => null,
			(e: unknown) => (e instanceof ServiceError ? e.messageKey : e)
		);
		expect(refused).toBe('agenda.error.meetingNotFound');
		const unknown = await createBoardBookService({
			db: scopedDb(db, claimsFor(member)),
			readerName: member.displayName
		})
			.render({ boardId: board.id, meetingId: '00000000-0000-4000-8000-00000000beef' }, 'de')
			.then(
				() => null,
				(e: unknown) => (e instanceof ServiceError ? e.messageKey : e)
			);
		expect(unknown).toBe('agenda.error.meetingNotFound');
	});
});
