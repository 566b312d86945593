import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { createAgendaViewService } from '$lib/server/agenda/agenda-view.service';
import { createAgendaService } from '$lib/server/agenda/agenda.service';
import { createBoardBookService } from '$lib/server/boardbook/boardbook.service';
import { createMeetingService } from '$lib/server/meetings/meeting.service';
import { createMeetingInvitationService } from '$lib/server/meetings/meeting-invitation.service';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createItem, createMeeting, inviteGuest, type TestMeeting } from '../factories/agenda';
import { boardAs, mailsOfKind } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { refusal } from '../support/refusal';

// Issue #11: the numbers and start times of the public part are the same for everyone, in the app,
// the invitation mail, the calendar file and the board book; a guest simply does not see the rest.

/** Every "Ö n  hh:mm  title" line of a text (mail, calendar description, PDF). */
const publicLines = (text: string) =>
	[
		...text.matchAll(/Ö \d+(?:\.\d+)?\s+\d\d:\d\d\s+[^\n]+?(?=\s*(?:\n|$|Ö \d|N \d|Nichtöffentlicher|Non-public))/g)
	].map((m) => m[0].replace(/\s+/g, ' '));

/** The DESCRIPTION of a calendar file, unfolded and unescaped (RFC 5545). */
function icsDescription(ics: string): string {
	const unfolded = ics.replace(/\r\n[ \t]/g, '');
	const line = unfolded.split('\r\n').find((l) => l.startsWith('DESCRIPTION:')) ?? '';
	return line
		.slice('DESCRIPTION:'.length)
		.replace(/\\n/gi, '\n')
		.replace(/\\([,;\\])/g, '$1');
}

async function pdfText(body: Buffer): Promise<string> {
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
	return text;
}

describe.each(testDatabases())('agenda numbers as councils keep them on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let office: TestUser, member: TestUser, guest: TestUser;
	let meeting: TestMeeting & { board: TestBoard };

	const ref = () => ({ boardId: board.id, meetingId: meeting.id });
	const deps = (user: TestUser) => ({
		db: scopedDb(db, claimsFor(user)),
		mailer: h.mailer,
		origin: ORIGIN,
		actor: { userId: user.id, displayName: user.displayName },
		locale: 'de' as const
	});
	const panel = (user: TestUser) =>
		createAgendaViewService({ db: scopedDb(db, claimsFor(user)), userId: user.id }).panel(ref());
	const ics = async (user: TestUser) =>
		createMeetingService(deps(user)).ics(await boardAs(db, user, board), meeting.id, 'de');
	const book = async (user: TestUser) =>
		pdfText(
			(
				await createBoardBookService({ db: scopedDb(db, claimsFor(user)), readerName: user.displayName }).render(
					ref(),
					'de'
				)
			).body
		);

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db, { name: 'Wirtschaft.Hamm.2030' });
		office = await addMember(db, { board, role: 'office' });
		member = await addMember(db, { board, role: 'member' });
		// 16:00 in Berlin. The office's order puts the non-public item in the middle.
		meeting = await createMeeting(db, {
			board,
			title: 'Dezembersitzung',
			startsAt: new Date('2026-12-10T15:00:00Z'),
			published: true
		});
		guest = await inviteGuest(db, { meeting });
		await createItem(db, { meeting, title: 'Eröffnung', minutes: 5 });
		await createItem(db, { meeting, title: 'Protokoll', minutes: 10 });
		await createItem(db, { meeting, title: 'Grundstücksangelegenheit', minutes: 15, isPublic: false });
		await createItem(db, { meeting, title: 'Handlungsfeld Innovation', minutes: 20 });
		await createItem(db, { meeting, title: 'Gründerzentrum', minutes: 10, isSubItem: true });
		await createItem(db, { meeting, title: 'Verschiedenes', minutes: 10 });
	});
	afterAll(async () => {
		await db.close();
	});

	const expected = [
		'Ö 1 16:00 Eröffnung',
		'Ö 2 16:05 Protokoll',
		'Ö 3 16:15 Handlungsfeld Innovation',
		'Ö 3.1 16:35 Gründerzentrum',
		'Ö 4 16:45 Verschiedenes'
	];
	const time = (d: Date) =>
		new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(d);

	it('gives member and guest the same numbers and times for the public part in the page data; the non-public part follows it', async () => {
		const rows = async (user: TestUser) =>
			(await panel(user)).items.map((i) => `${i.number} ${time(i.startsAt)} ${i.title}`);
		expect(await rows(member)).toEqual([...expected, 'N 1 16:55 Grundstücksangelegenheit']);
		expect(await rows(guest)).toEqual(expected);
		expect((await panel(member)).items.map((i) => i.part)).toEqual([
			'public',
			'public',
			'public',
			'public',
			'public',
			'nonPublic'
		]);
	});

	it('writes the same public lines in the invitation mail to member and guest, the non-public part only to the member', async () => {
		const officeCtx = await boardAs(db, office, board);
		await createMeetingInvitationService(deps(office)).sendInvitations(officeCtx, meeting.id);
		const mails = (await mailsOfKind(db, 'meeting-invitation')).filter((m) => m.subject.includes('Dezembersitzung'));
		const of = (user: TestUser) => mails.find((m) => m.to_email === user.email)!;
		expect(publicLines(of(member).body_text)).toEqual(expected);
		expect(publicLines(of(guest).body_text)).toEqual(expected);
		expect(of(member).body_text).toContain('Nichtöffentlicher Teil\n  N 1  16:55  Grundstücksangelegenheit');
		expect(of(guest).body_text).not.toMatch(/Nichtöffentlich|N 1|Grundstück/);
		// The calendar file attached to each mail carries the agenda that person may read.
		expect(publicLines(icsDescription(of(guest).attachments![0]!.content))).toEqual(expected);
		expect(icsDescription(of(guest).attachments![0]!.content)).not.toContain('Grundstück');
		expect(icsDescription(of(member).attachments![0]!.content)).toContain('N 1  16:55  Grundstücksangelegenheit');
	});

	it('writes the same public lines into the downloaded calendar file', async () => {
		expect(publicLines(icsDescription(await ics(member)))).toEqual(expected);
		expect(publicLines(icsDescription(await ics(guest)))).toEqual(expected);
		expect(icsDescription(await ics(guest))).not.toContain('Grundstück');
	});

	it('prints the same public numbers and times in the board book', async () => {
		const [memberText, guestText] = [await book(member), await book(guest)];
		for (const line of expected) {
			// The agenda table prints the start, then the number and title: "16:15  Ö 3  Handlungsfeld Innovation".
			const [part, count, at, ...title] = line.split(' ');
			const pattern = new RegExp(`${at}\\s+${part}\\s${count!.replace('.', '\\.')}\\s+${title.join(' ')}`);
			expect(memberText, line).toMatch(pattern);
			expect(guestText, line).toMatch(pattern);
		}
		expect(memberText).toMatch(/16:55\s+N 1\s+Grundstücksangelegenheit/);
		expect(guestText).not.toMatch(/Nichtöffentlich|Grundstück/);
	});

	it('keeps moves within a part: the public part stays first', async () => {
		const agenda = createAgendaService(deps(office));
		const items = (await panel(office)).items;
		const lastPublic = items.find((i) => i.title === 'Verschiedenes')!;
		const secret = items.find((i) => i.title === 'Grundstücksangelegenheit')!;
		expect(await refusal(agenda.moveStep(ref(), { itemId: lastPublic.id, direction: 'down' }))).toBe(
			'agenda.error.cannotMove'
		);
		expect(await refusal(agenda.moveStep(ref(), { itemId: secret.id, direction: 'up' }))).toBe(
			'agenda.error.cannotMove'
		);
		expect(await refusal(agenda.moveBefore(ref(), { itemId: secret.id, beforeId: items[0]!.id }))).toBe(
			'agenda.error.cannotMove'
		);
		await agenda.moveStep(ref(), { itemId: lastPublic.id, direction: 'up' });
		expect((await panel(guest)).items.map((i) => `${i.number} ${i.title}`)).toEqual([
			'Ö 1 Eröffnung',
			'Ö 2 Protokoll',
			'Ö 3 Verschiedenes',
			'Ö 4 Handlungsfeld Innovation',
			'Ö 4.1 Gründerzentrum'
		]);
		expect((await panel(member)).items.at(-1)).toMatchObject({ number: 'N 1', title: 'Grundstücksangelegenheit' });
	});
});
