import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { attendanceService } from '$lib/server/services';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem } from '../factories/agenda';
import { boardAs, createMeeting, addMeetingGuest } from '../factories/meetings';
import { createPaper, grantPaperAccess } from '../factories/papers';
import { recordDecision } from '../factories/decisions';
import { circularInput, votesAs } from '../factories/votes';
import { createMention, createTask, dashboardOf } from '../factories/dashboard';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
const berlinDay = (days: number) =>
	new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(inDays(days));

describe.each(testDatabases())('dashboard ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let other: TestBoard;
	let people: Record<
		'office' | 'chair' | 'member' | 'member2' | 'advisor' | 'guest' | 'laterGuest' | 'outsider',
		TestUser
	>;
	let next: { id: string; title: string };
	let later: { id: string };
	let otherMeeting: { id: string };

	beforeAll(async () => {
		db = await database.open();
		({ board, other, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			member: 'member',
			member2: 'member',
			advisor: 'advisor',
			guest: 'guest',
			laterGuest: 'guest',
			outsider: { role: 'member', otherBoard: true }
		}));
		// A held meeting in the past and a cancelled one tomorrow are never "next".
		await createMeeting(db, { board, status: 'held', startsAt: inDays(-7) });
		await createMeeting(db, { board, status: 'cancelled', startsAt: inDays(1) });
		const nextMeeting = await createMeeting(db, {
			board,
			title: 'Nächste Beiratssitzung',
			status: 'invited',
			startsAt: inDays(3),
			agendaPublished: true
		});
		next = { id: nextMeeting.id, title: 'Nächste Beiratssitzung' };
		later = await createMeeting(db, { board, title: 'Spätere Sitzung', startsAt: inDays(30) });
		otherMeeting = await createMeeting(db, { board: other, title: 'Sitzung der AG', startsAt: inDays(2) });
		const ref = { id: next.id, boardId: board.id, title: next.title, startsAt: nextMeeting.startsAt };
		await createItem(db, { meeting: ref, title: 'Begrüßung', isPublic: true });
		await createItem(db, { meeting: ref, title: 'Personalangelegenheit', isPublic: false });
		await createItem(db, { meeting: ref, title: 'Öffentlicher Unterpunkt', isPublic: true, isSubItem: true });
		await addMeetingGuest(db, { meetingId: next.id, user: people.guest });
		await addMeetingGuest(db, { meetingId: later.id, user: people.laterGuest });
	});
	afterAll(() => db.close());

	describe('next meeting', () => {
		it('shows a member the next open meeting with its whole agenda, its numbers by part and the RSVP', async () => {
			const dash = await dashboardOf(db, people.member);
			expect(dash.nextMeeting).toMatchObject({
				id: next.id,
				title: next.title,
				boardSlug: board.slug,
				canRsvp: true,
				myResponse: null,
				agendaPublished: true
			});
			expect(dash.nextMeeting!.agenda.map((i) => [i.number, i.title])).toEqual([
				['Ö 1', 'Begrüßung'],
				['Ö 1.1', 'Öffentlicher Unterpunkt'],
				['N 1', 'Personalangelegenheit']
			]);
			expect(dash.guestOnly).toBe(false);
		});

		it('shows the answer given through the meetings area', async () => {
			const attendance = attendanceService(await requestTo(db, people.member2));
			await attendance.rsvp(await boardAs(db, people.member2, board), next.id, { response: 'online', proxyNote: '' });
			expect((await dashboardOf(db, people.member2)).nextMeeting).toMatchObject({ id: next.id, myResponse: 'online' });
			expect((await dashboardOf(db, people.member)).nextMeeting?.myResponse).toBeNull();
		});

		it('offers the office no RSVP (it runs the meeting)', async () => {
			expect((await dashboardOf(db, people.office)).nextMeeting).toMatchObject({ id: next.id, canRsvp: false });
		});

		it('shows a guest only their meeting with its public items and nothing of the board', async () => {
			const paper = await createPaper(db, { board, author: people.office, title: 'Für den Gast freigegeben' });
			await grantPaperAccess(db, { paper, user: people.guest, access: 'view' });
			await recordDecision(db, { board, by: people.chair, meetingId: next.id, isPublic: true });
			await createMention(db, { paperId: paper.id, author: people.office, mentioned: [people.guest] });
			const dash = await dashboardOf(db, people.guest);
			expect(dash.guestOnly).toBe(true);
			expect(dash.boards).toEqual([]);
			expect(dash.nextMeeting).toMatchObject({ id: next.id, canRsvp: false });
			// The same numbers as the member's: the non-public part is simply not there.
			expect(dash.nextMeeting!.agenda.map((i) => [i.number, i.title])).toEqual([
				['Ö 1', 'Begrüßung'],
				['Ö 1.1', 'Öffentlicher Unterpunkt']
			]);
			expect(dash.nextMeeting!.agenda.every((i) => i.isPublic)).toBe(true);
			expect([dash.papers, dash.decisions, dash.mentions, dash.tasks, dash.openVotes]).toEqual([[], [], [], [], []]);
		});

		it('shows a guest invited to a later meeting that one, not the board’s next', async () => {
			expect((await dashboardOf(db, people.laterGuest)).nextMeeting).toMatchObject({
				id: later.id,
				title: 'Spätere Sitzung'
			});
		});

		it('shows a member of another board only their own board’s meeting', async () => {
			expect((await dashboardOf(db, people.outsider)).nextMeeting).toMatchObject({
				id: otherMeeting.id,
				boardSlug: other.slug
			});
		});
	});

	it('lists open circular resolutions to cast until the person has voted', async () => {
		const office = await votesAs(db, people.office);
		const voteId = await office.circular.create(
			await boardAs(db, people.office, board),
			circularInput({ motion: 'Der Beirat unterstützt das Gründerzentrum.' })
		);
		const mine = (await dashboardOf(db, people.member)).openVotes;
		expect(mine).toEqual([
			expect.objectContaining({
				id: voteId,
				motion: 'Der Beirat unterstützt das Gründerzentrum.',
				boardSlug: board.slug
			})
		]);
		// Advisors do not vote, the office has no vote, guests and other boards are not asked.
		for (const who of [people.advisor, people.office, people.guest, people.outsider])
			expect((await dashboardOf(db, who)).openVotes).toEqual([]);
		await (await votesAs(db, people.member)).circular.vote(await boardAs(db, people.member, board), voteId, 'yes');
		expect((await dashboardOf(db, people.member)).openVotes).toEqual([]);
		expect((await dashboardOf(db, people.chair)).openVotes.map((v) => v.id)).toEqual([voteId]);
	});

	it('lists only the person’s own open tasks, overdue first by date and marked', async () => {
		const overdue = await createTask(db, {
			board,
			owner: people.member,
			title: 'Bericht Gewerbeflächen',
			dueDate: berlinDay(-3)
		});
		const soon = await createTask(db, {
			board,
			owner: people.member,
			title: 'Stellungnahme IHK',
			dueDate: berlinDay(5),
			status: 'in_progress'
		});
		await createTask(db, { board, owner: people.member, title: 'Erledigt', status: 'done' });
		await createTask(db, { board, owner: people.member2, title: 'Fremde Aufgabe' });
		const officeTask = await createTask(db, { board, owner: null, ownerOffice: true, title: 'Einladungen versenden' });
		const tasks = (await dashboardOf(db, people.member)).tasks;
		expect(tasks.map((t) => [t.id, t.overdue])).toEqual([
			[overdue.id, true],
			[soon.id, false]
		]);
		expect((await dashboardOf(db, people.office)).tasks.map((t) => t.id)).toEqual([officeTask.id]);
		expect((await dashboardOf(db, people.outsider)).tasks).toEqual([]);
	});

	it('lists comments mentioning the person, newest first, only on papers they may open', async () => {
		const open = await createPaper(db, { board, author: people.chair, title: 'Strategie 2030' });
		const secret = await createPaper(db, {
			board,
			author: people.office,
			title: 'Vertraulich',
			visibility: 'restricted'
		});
		const older = await createMention(db, {
			paperId: open.id,
			author: people.chair,
			mentioned: [people.member],
			createdAt: new Date(Date.now() - 3_600_000)
		});
		const newer = await createMention(db, {
			paperId: open.id,
			author: people.office,
			mentioned: [people.member, people.member2]
		});
		await createMention(db, { paperId: secret.id, author: people.office, mentioned: [people.member] });
		const mentions = (await dashboardOf(db, people.member)).mentions;
		expect(mentions.map((m) => [m.commentId, m.paperTitle, m.threadId])).toEqual([
			[newer.commentId, 'Strategie 2030', newer.threadId],
			[older.commentId, 'Strategie 2030', older.threadId]
		]);
		expect(mentions[0]).toMatchObject({
			body: newer.body,
			authorName: people.office.displayName,
			boardSlug: board.slug
		});
		expect((await dashboardOf(db, people.member2)).mentions.map((m) => m.commentId)).toEqual([newer.commentId]);
		expect((await dashboardOf(db, people.advisor)).mentions).toEqual([]);
		expect((await dashboardOf(db, people.outsider)).mentions).toEqual([]);
	});

	it('lists recently changed papers the person may see', async () => {
		const b = await createBoard(db);
		const office = await addMember(db, { board: b, role: 'office' });
		const member = await addMember(db, { board: b, role: 'member' });
		const outsider = await addMember(db, { board: other, role: 'member' });
		const old = await createPaper(db, {
			board: b,
			author: office,
			title: 'Alt',
			updatedAt: new Date(Date.now() - 2 * DAY)
		});
		const fresh = await createPaper(db, {
			board: b,
			author: office,
			title: 'Neu',
			updatedAt: new Date(Date.now() - 60_000)
		});
		const restricted = await createPaper(db, {
			board: b,
			author: office,
			title: 'Nur Geschäftsstelle',
			visibility: 'restricted'
		});
		expect((await dashboardOf(db, member)).papers.map((p) => p.id)).toEqual([fresh.id, old.id]);
		expect((await dashboardOf(db, office)).papers.map((p) => p.id)).toEqual([restricted.id, fresh.id, old.id]);
		expect((await dashboardOf(db, outsider)).papers.every((p) => p.boardSlug === other.slug)).toBe(true);
	});

	it('lists the latest decisions in their current state, at most five', async () => {
		const b = await createBoard(db);
		const chair = await addMember(db, { board: b, role: 'chair' });
		const member = await addMember(db, { board: b, role: 'member' });
		const recorded = [];
		for (let i = 0; i < 6; i++)
			recorded.push(await recordDecision(db, { board: b, by: chair, title: `Beschluss Nr. ${i}` }));
		const decisions = (await dashboardOf(db, member)).decisions;
		expect(decisions.map((d) => d.number)).toEqual(
			recorded
				.slice(1)
				.reverse()
				.map((r) => r.number)
		);
		expect(decisions[0]).toMatchObject({ title: 'Beschluss Nr. 5', status: 'adopted', boardSlug: b.slug });
		const outsider = await addMember(db, { board: other, role: 'member' });
		expect((await dashboardOf(db, outsider)).decisions.some((d) => d.boardSlug === b.slug)).toBe(false);
	});
});
