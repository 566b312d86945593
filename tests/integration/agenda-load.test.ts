// Issue #12: a load never writes. The agenda page's load only reads (the app preloads a link's data on
// hover); a new meeting's agenda gets its standard items when the meeting is created instead.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import type { RequestContext } from '$lib/server/context';
import { agendaViewService, meetingService, pollService } from '$lib/server/services';
import { meetingSchema } from '$lib/server/meetings/meeting.schema';
import { pollSchema } from '$lib/server/polls/poll.schema';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { load } from '../../src/routes/b/[board]/meetings/[id]/agenda/+page.server';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createHarness } from '../support/app-harness';
import { requestAs } from '../support/app-context';

type LoadEvent = Parameters<typeof load>[0];

/** The same database, but every transaction is read-only: any write fails with SQLSTATE 25006. */
function readOnly(db: Database): Database {
	return {
		...db,
		transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
			db.transaction(async (tx) => {
				await tx.exec('set transaction read only');
				return fn(tx);
			})
	};
}

describe.each(testDatabases())('agenda load and new meetings on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let office: TestUser;

	const standard = ['Eröffnung und Begrüßung', 'Genehmigung des Protokolls der letzten Sitzung', 'Verschiedenes'];

	/** What the database holds of one meeting's agenda (as the system, not through the app). */
	async function agendaRows(meetingId: string) {
		return withSystem(db, 'test-setup', async (tx) => {
			const items = await tx.query<{ title: string; kind: string; planned_minutes: number }>(
				`select title, kind, planned_minutes from public.agenda_items where meeting_id = $1 order by position`,
				[meetingId]
			);
			const [settings] = await tx.query<{ prefilled: boolean }>(
				`select prefilled_at is not null as prefilled from public.agenda_settings where meeting_id = $1`,
				[meetingId]
			);
			return { items, prefilled: settings?.prefilled ?? false };
		});
	}

	/** A request by `user` as the app makes it, whose scoped database is `database` (e.g. one that refuses every write). */
	async function requestOn(user: TestUser, database: Database): Promise<RequestContext> {
		return { ...(await requestAs(h.app, user)), db: scopedDb(database, claimsFor(user)) };
	}

	/** Runs the agenda page's load as `user`, on a database that refuses every write. */
	async function loadAgenda(user: TestUser, meetingId: string, database: Database) {
		const ctx = await boardAs(db, user, board);
		const locals: RequestContext = { ...(await requestOn(user, database)), board: ctx };
		const event = { locals, params: { board: board.slug, id: meetingId }, parent: async () => ({ board: ctx }) };
		return (await load(event as unknown as LoadEvent)) as { agenda: { items: { title: string }[] } };
	}

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
	});
	afterAll(async () => {
		await db.close();
	});

	it('loads an empty agenda for the office without writing anything', async () => {
		const meeting = await createMeeting(db, { board });
		// The read-only database really refuses writes (the check below could not pass by accident).
		await expect(
			readOnly(db).transaction((tx) =>
				tx.query(`insert into public.agenda_settings (meeting_id) values ($1)`, [meeting.id])
			)
		).rejects.toMatchObject({
			code: '25006'
		});

		const page = await loadAgenda(office, meeting.id, readOnly(db));
		expect(page.agenda.items).toEqual([]);
		expect(await agendaRows(meeting.id)).toEqual({ items: [], prefilled: false });
		// Loaded again on the normal database: still nothing written, the agenda stays empty.
		await loadAgenda(office, meeting.id, db);
		expect(await agendaRows(meeting.id)).toEqual({ items: [], prefilled: false });
	});

	it('puts the standard items into a meeting the office creates, once, in the creator’s language', async () => {
		const request = await requestAs(h.app, office);
		const ctx = await boardAs(db, office, board);
		const form = {
			...meetingSchema.parse({
				title: 'Neue Sitzung',
				startsAt: '2027-03-10T16:00',
				endsAt: '2027-03-10T18:00',
				status: 'planned'
			}),
			formToken: randomUUID()
		};
		const meetingId = await meetingService(request).create(ctx, form);
		const created = await agendaRows(meetingId);
		expect(created.items).toEqual([
			{ title: standard[0], kind: 'information', planned_minutes: 5 },
			{ title: standard[1], kind: 'decision', planned_minutes: 5 },
			{ title: standard[2], kind: 'discussion', planned_minutes: 10 }
		]);
		expect(created.prefilled).toBe(true);
		// The same form again lands on the same meeting without a second set of items.
		expect(await meetingService(request).create(ctx, form)).toBe(meetingId);
		expect((await agendaRows(meetingId)).items).toHaveLength(3);
		// The page shows them, and loading it writes nothing.
		expect((await loadAgenda(office, meetingId, readOnly(db))).agenda.items.map((i) => i.title)).toEqual(standard);
		const view = agendaViewService(await requestOn(office, readOnly(db)));
		expect((await view.page({ boardId: board.id, meetingId })).items.map((i) => i.title)).toEqual(standard);

		// An English-speaking office gets English titles.
		const english = await addMember(db, { board, role: 'office', user: await createUser(db, { locale: 'en' }) });
		const englishId = await meetingService(await requestAs(h.app, english)).create(await boardAs(db, english, board), {
			...form,
			formToken: randomUUID()
		});
		expect((await agendaRows(englishId)).items.map((i) => i.title)).toEqual([
			'Opening and welcome',
			'Approval of the minutes of the last meeting',
			'Any other business'
		]);
	});

	it('puts the standard items into a meeting a date poll creates', async () => {
		const ctx = await boardAs(db, office, board);
		const polls = pollService(await requestAs(h.app, office));
		const slot = (days: number) => toBerlinLocal(new Date(Date.now() + days * 86_400_000)).slice(0, 11) + '16:00';
		const pollId = await polls.create(
			ctx,
			pollSchema.parse({
				title: 'Termin Tagesordnung',
				durationMinutes: '120',
				deadline: slot(5),
				slots: [slot(10), slot(11)],
				participants: [office.id],
				formToken: randomUUID()
			})
		);
		const slotId = (await polls.get(ctx, pollId)).slots[0]!.id;
		const meetingId = await polls.schedule(ctx, pollId, slotId);
		expect(await agendaRows(meetingId)).toEqual({
			items: standard.map((title) => expect.objectContaining({ title })),
			prefilled: true
		});
	});
});
