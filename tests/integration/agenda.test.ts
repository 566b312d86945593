import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { RequestContext } from '$lib/server/context';
import { agendaBatchService, agendaParticipationService, agendaService, agendaViewService } from '$lib/server/services';
import { sendSettledChanges } from '$lib/server/agenda/agenda-change.job';
import type { AgendaItemFields } from '$lib/server/agenda/agenda.repository';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, inviteGuest, type TestMeeting } from '../factories/agenda';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { requestAs } from '../support/app-context';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const fields = (title: string, extra: Partial<AgendaItemFields> = {}): AgendaItemFields => ({
	title,
	description: '',
	kind: 'discussion',
	isPublic: true,
	presenterText: null,
	presenterUserId: null,
	plannedMinutes: 10,
	...extra
});

describe.each(testDatabases())('agenda items on $name', (target) => {
	let db: Database;
	let h: Harness;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;

	/** One request per person (their roles do not change here), each service built from it as the app does. */
	const requests = new Map<string, RequestContext>();
	const signIn = async (user: TestUser) => void requests.set(user.id, await requestAs(h.app, user));
	function as(user: TestUser) {
		const request = requests.get(user.id)!;
		return {
			agenda: agendaService(request),
			participation: agendaParticipationService(request),
			view: agendaViewService(request),
			batch: agendaBatchService(request)
		};
	}
	const ref = (meeting: TestMeeting) => ({ boardId: meeting.boardId, meetingId: meeting.id });
	const numbers = async (meeting: TestMeeting) =>
		(await as(office).view.panel(ref(meeting))).items.map((i) => `${i.number} ${i.title}`);

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		({
			board,
			people: { office, member }
		} = await boardWithRoles(db, { office: 'office', member: 'member' }));
		for (const user of [office, member]) await signIn(user);
	});
	afterAll(async () => {
		await db.close();
	});

	it('numbers items from their order, with one level of sub-items, after moves and indenting', async () => {
		const meeting = await createMeeting(db, { board });
		const { agenda } = as(office);
		const ids: Record<string, string> = {};
		for (const title of ['A', 'B', 'C', 'D'])
			ids[title] = await agenda.addItem(ref(meeting), { fields: fields(title), isSubItem: false });
		await agenda.setLevel(ref(meeting), { itemId: ids.C!, isSubItem: true });
		expect(await numbers(meeting)).toEqual(['Ö 1 A', 'Ö 2 B', 'Ö 2.1 C', 'Ö 3 D']);

		// A top-level item moves with its sub-items.
		await agenda.moveStep(ref(meeting), { itemId: ids.B!, direction: 'up' });
		expect(await numbers(meeting)).toEqual(['Ö 1 B', 'Ö 1.1 C', 'Ö 2 A', 'Ö 3 D']);
		// A sub-item moving down past its block becomes the next item's first sub-item.
		await agenda.moveStep(ref(meeting), { itemId: ids.C!, direction: 'down' });
		expect(await numbers(meeting)).toEqual(['Ö 1 B', 'Ö 2 A', 'Ö 2.1 C', 'Ö 3 D']);
		await agenda.moveBefore(ref(meeting), { itemId: ids.D!, beforeId: ids.B! });
		expect(await numbers(meeting)).toEqual(['Ö 1 D', 'Ö 2 B', 'Ö 3 A', 'Ö 3.1 C']);
		await agenda.setLevel(ref(meeting), { itemId: ids.C!, isSubItem: false });
		expect(await numbers(meeting)).toEqual(['Ö 1 D', 'Ö 2 B', 'Ö 3 A', 'Ö 4 C']);
		expect(await refusal(agenda.moveStep(ref(meeting), { itemId: ids.D!, direction: 'up' }))).toBe(
			'agenda.error.cannotMove'
		);
		expect(await refusal(agenda.setLevel(ref(meeting), { itemId: ids.D!, isSubItem: true }))).toBe(
			'agenda.error.cannotMove'
		);
	});

	it('computes the running time plan from the meeting start', async () => {
		const startsAt = new Date('2026-12-10T13:00:00Z');
		const meeting = await createMeeting(db, { board, startsAt });
		const { agenda, view } = as(office);
		await agenda.addItem(ref(meeting), { fields: fields('Eins', { plannedMinutes: 15 }), isSubItem: false });
		await agenda.addItem(ref(meeting), { fields: fields('Zwei', { plannedMinutes: 30 }), isSubItem: false });
		await agenda.addItem(ref(meeting), { fields: fields('Drei', { plannedMinutes: 5 }), isSubItem: true });
		const panel = await view.panel(ref(meeting));
		expect(panel.items.map((i) => i.startsAt.toISOString())).toEqual([
			'2026-12-10T13:00:00.000Z',
			'2026-12-10T13:15:00.000Z',
			'2026-12-10T13:45:00.000Z'
		]);
		expect(panel.plannedEnd.toISOString()).toBe('2026-12-10T13:50:00.000Z');
	});

	it('keeps positions unique and loses no move when moves run concurrently', async () => {
		const meeting = await createMeeting(db, { board });
		const ids: string[] = [];
		for (let i = 0; i < 8; i++) ids.push((await createItem(db, { meeting, title: `P${i}` })).id);
		const { agenda } = as(office);
		const moved = [ids[0]!, ids[2]!, ids[4]!, ids[6]!];
		// Each move reads the order and rewrites it: without serialisation a stale read would undo another move.
		await Promise.all(moved.map((itemId) => agenda.moveBefore(ref(meeting), { itemId, beforeId: null })));
		const rows = await db.ownerTransaction((tx) =>
			tx.query<{ id: string; position: number }>(
				`select id, position from public.agenda_items where meeting_id = $1 order by position`,
				[meeting.id]
			)
		);
		expect(rows.map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(rows.slice(0, 4).map((r) => r.id)).toEqual([ids[1], ids[3], ids[5], ids[7]]);
		expect(
			rows
				.slice(4)
				.map((r) => r.id)
				.sort()
		).toEqual([...moved].sort());
	});

	it('refuses duplicate positions at the database and a reorder that names an item twice', async () => {
		const meeting = await createMeeting(db, { board });
		const a = await createItem(db, { meeting, title: 'A' });
		const b = await createItem(db, { meeting, title: 'B' });
		const duplicate = await db
			.ownerTransaction((tx) => tx.query(`update public.agenda_items set position = 0 where id = $1`, [b.id]))
			.then(
				() => null,
				(e: { code?: string }) => e.code
			);
		expect(duplicate).toBe('23505');
		const { agenda } = as(office);
		const order = [
			{ id: a.id, isSubItem: false },
			{ id: a.id, isSubItem: false }
		];
		expect(await refusal(agenda.reorder(ref(meeting), order))).toBe('agenda.error.orderMismatch');
		expect(await numbers(meeting)).toEqual(['Ö 1 A', 'Ö 2 B']);
		await agenda.reorder(ref(meeting), [
			{ id: b.id, isSubItem: false },
			{ id: a.id, isSubItem: true }
		]);
		expect(await numbers(meeting)).toEqual(['Ö 1 B', 'Ö 1.1 A']);
	});

	it('refuses bad input with a clear message and saves nothing', async () => {
		const meeting = await createMeeting(db, { board });
		const other = await createMeeting(db, { board });
		const foreign = await createItem(db, { meeting: other, title: 'Fremd' });
		const { agenda } = as(office);
		const before = await numbers(meeting);
		expect(
			await refusal(
				agenda.addItem(
					{ boardId: board.id, meetingId: '00000000-0000-4000-8000-00000000dead' },
					{ fields: fields('X'), isSubItem: false }
				)
			)
		).toBe('agenda.error.meetingNotFound');
		expect(
			await refusal(
				agenda.addItem({ boardId: board.id, meetingId: 'kein-uuid' }, { fields: fields('X'), isSubItem: false })
			)
		).toBe('agenda.error.meetingNotFound');
		expect(await refusal(agenda.updateItem(ref(meeting), { itemId: foreign.id, fields: fields('Y') }))).toBe(
			'agenda.error.itemNotFound'
		);
		expect(await refusal(agenda.deleteItem(ref(meeting), foreign.id))).toBe('agenda.error.itemNotFound');
		expect(await refusal(agenda.moveBefore(ref(meeting), { itemId: foreign.id, beforeId: null }))).toBe(
			'agenda.error.itemNotFound'
		);
		expect(await refusal(agenda.addItem(ref(meeting), { fields: fields('x'.repeat(201)), isSubItem: false }))).toBe(
			'agenda.error.titleTooLong'
		);
		expect(
			await refusal(
				agenda.addItem(ref(meeting), { fields: fields('ok', { description: 'x'.repeat(10_001) }), isSubItem: false })
			)
		).toBe('agenda.error.descriptionTooLong');
		expect(
			await refusal(
				agenda.updateItem(ref(meeting), {
					itemId: (await createItem(db, { meeting: other })).id,
					fields: fields('   ')
				})
			)
		).toBe('agenda.error.titleMissing');
		// And the table itself refuses overlong text, whoever writes it.
		const direct = await db
			.ownerTransaction((tx) =>
				tx.query(`insert into public.agenda_items (meeting_id, position, title) values ($1, 50, $2)`, [
					meeting.id,
					'x'.repeat(201)
				])
			)
			.then(
				() => null,
				(e: { code?: string }) => e.code
			);
		expect(direct).toBe('23514');
		expect(await numbers(meeting)).toEqual(before);
		expect((await as(office).view.panel(ref(other))).items.map((i) => i.title)).toEqual([
			'Fremd',
			expect.stringMatching(/^Punkt/)
		]);
	});

	it('lets only the office edit', async () => {
		const meeting = await createMeeting(db, { board });
		expect(await refusal(as(member).agenda.addItem(ref(meeting), { fields: fields('X'), isSubItem: false }))).toBe(
			'error.forbidden'
		);
		const outsider = await addMember(db, { board: await createBoard(db), role: 'office' });
		await signIn(outsider);
		expect(await refusal(as(outsider).agenda.addItem(ref(meeting), { fields: fields('X'), isSubItem: false }))).toBe(
			'agenda.error.meetingNotFound'
		);
	});

	// The standard items a new meeting starts with: agenda-load.test.ts.
	it('copies a previous agenda in place of the current one', async () => {
		const meeting = await createMeeting(db, { board });
		const { agenda } = as(office);
		await createItem(db, { meeting, title: 'Verschiedenes' });

		const previous = await createMeeting(db, { board });
		await createItem(db, { meeting: previous, title: 'Bericht' });
		await createItem(db, { meeting: previous, title: 'Unterpunkt', isSubItem: true, isPublic: false });
		expect(await agenda.copyFrom(ref(meeting), previous.id)).toBe(2);
		const copied = (await as(office).view.panel(ref(meeting))).items;
		// The non-public sub-item opens the non-public part: its own numbering, top-level there.
		expect(copied.map((i) => [i.number, i.title, i.isPublic, i.isSubItem])).toEqual([
			['Ö 1', 'Bericht', true, false],
			['N 1', 'Unterpunkt', false, false]
		]);
		const foreign = await createMeeting(db, {});
		await createItem(db, { meeting: foreign, title: 'Anderes Gremium' });
		expect(await refusal(agenda.copyFrom(ref(meeting), foreign.id))).toBe('agenda.error.meetingNotFound');
	});

	it('records every change after publication with before/after, marks items and mails the members once per batch', async () => {
		const meeting = await createMeeting(db, { board, title: 'Herbstsitzung' });
		const { agenda, view } = as(office);
		const a = await agenda.addItem(ref(meeting), { fields: fields('Haushalt'), isSubItem: false });
		const b = await agenda.addItem(ref(meeting), { fields: fields('Fachkräfte'), isSubItem: false });
		await agenda.publish(ref(meeting));
		expect(await refusal(agenda.publish(ref(meeting)))).toBe('agenda.error.alreadyPublished');
		expect((await view.panel(ref(meeting))).items.some((i) => i.changed)).toBe(false);

		await agenda.updateItem(ref(meeting), { itemId: a, fields: fields('Haushalt 2027', { plannedMinutes: 20 }) });
		await agenda.moveStep(ref(meeting), { itemId: b, direction: 'up' });
		const c = await agenda.addItem(ref(meeting), { fields: fields('Neu'), isSubItem: false });
		await agenda.deleteItem(ref(meeting), c);

		const panel = await view.panel(ref(meeting));
		expect(panel.items.map((i) => [i.number, i.title, i.changed])).toEqual([
			['Ö 1', 'Fachkräfte', true],
			['Ö 2', 'Haushalt 2027', true]
		]);
		const changes = [...panel.changes].reverse();
		expect(changes.map((c) => c.action)).toEqual(['edit', 'move', 'add', 'delete']);
		expect(changes[0]).toMatchObject({
			before: { title: 'Haushalt', plannedMinutes: 10 },
			after: { title: 'Haushalt 2027', plannedMinutes: 20 }
		});
		expect(changes[1]).toMatchObject({ before: { number: 'Ö 2' }, after: { number: 'Ö 1' } });
		expect(changes[3]).toMatchObject({ before: { title: 'Neu' }, after: null });

		const memberMails = () =>
			db.ownerTransaction((tx) =>
				tx.query<{ subject: string; body_text: string }>(
					`select subject, body_text from public.mail_outbox where to_email = $1 order by created_at`,
					[member.email]
				)
			);
		// Four edits, no mail yet: the changes wait until the agenda has been quiet for 15 minutes.
		expect(await memberMails()).toHaveLength(0);
		expect(await as(office).batch.pending(ref(meeting))).toBe(4);
		const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
		await sendSettledChanges({ db, mailer: h.mailer, origin: ORIGIN, now: later(10) });
		expect(await memberMails()).toHaveLength(0);
		await sendSettledChanges({ db, mailer: h.mailer, origin: ORIGIN, now: later(16) });
		await sendSettledChanges({ db, mailer: h.mailer, origin: ORIGIN, now: later(17) });
		const mails = await memberMails();
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Tagesordnung geändert: Herbstsitzung');
		expect(mails[0]!.body_text).toContain('Verschoben: Fachkräfte');
		expect(mails[0]!.body_text).toContain('Haushalt 2027');
		// An item added and deleted within the batch is no news.
		expect(mails[0]!.body_text).not.toContain('Neu');
		expect(mails[0]!.body_text).toContain(`${ORIGIN}/b/${board.slug}/meetings/${meeting.id}/agenda`);
		expect(await as(office).batch.pending(ref(meeting))).toBe(0);

		// The office may tell the pending changes at once instead of waiting.
		await agenda.updateItem(ref(meeting), { itemId: b, fields: fields('Fachkräfte 2030') });
		expect(await refusal(as(member).batch.notifyNow(ref(meeting)))).toBe('error.forbidden');
		expect(await as(office).batch.notifyNow(ref(meeting))).toBeGreaterThan(0);
		expect(await as(office).batch.notifyNow(ref(meeting))).toBe(0);
		expect(
			(await memberMails()).map((m) => m.body_text).filter((text) => text.includes('Fachkräfte 2030'))
		).toHaveLength(1);
		const officeMails = await db.ownerTransaction((tx) =>
			tx.query(`select 1 from public.mail_outbox where to_email = $1`, [office.email])
		);
		expect(officeMails).toHaveLength(0);
	});

	it('tells an invited guest only of public items, in the guest’s language', async () => {
		const meeting = await createMeeting(db, { board, title: 'Wintersitzung', published: true });
		const guest = await inviteGuest(db, { meeting, user: await createUser(db, { locale: 'en' }) });
		const { agenda } = as(office);
		const secret = await agenda.addItem(ref(meeting), {
			fields: fields('Personalsache', { isPublic: false }),
			isSubItem: false
		});
		await agenda.updateItem(ref(meeting), { itemId: secret, fields: fields('Personalsache neu', { isPublic: false }) });
		const open = await agenda.addItem(ref(meeting), { fields: fields('Öffentlicher Punkt'), isSubItem: false });
		await as(office).batch.notifyNow(ref(meeting));
		const mails = (to: string) =>
			db.ownerTransaction((tx) =>
				tx.query<{ subject: string; body_text: string }>(
					`select subject, body_text from public.mail_outbox where to_email = $1 order by created_at`,
					[to]
				)
			);
		const guestMails = await mails(guest.email);
		expect(guestMails).toHaveLength(1);
		expect(guestMails[0]!.subject).toBe('Agenda changed: Wintersitzung');
		// The public part's own number: the non-public item before it counts in its own part only.
		expect(guestMails[0]!.body_text).toContain('Added: Ö 1 Öffentlicher Punkt');
		expect(guestMails[0]!.body_text).not.toContain('Personalsache');
		// Guests never read the records of non-public items either.
		const visible = await scopedDb(db, claimsFor(guest)).run((tx) =>
			tx.query<{ item_id: string }>(`select item_id from public.agenda_changes where meeting_id = $1`, [meeting.id])
		);
		expect(visible.map((r) => r.item_id)).toEqual([open]);
		expect((await mails(member.email)).filter((m) => m.subject.includes('Wintersitzung'))).toHaveLength(1);
	});

	it('does not record or mail changes before publication', async () => {
		const meeting = await createMeeting(db, { board });
		const { agenda, view } = as(office);
		await agenda.addItem(ref(meeting), { fields: fields('Entwurf'), isSubItem: false });
		const rows = await db.ownerTransaction((tx) =>
			tx.query(`select 1 from public.agenda_changes where meeting_id = $1`, [meeting.id])
		);
		expect(rows).toHaveLength(0);
		expect((await view.panel(ref(meeting))).items[0]!.changed).toBe(false);
	});
});
