import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import { attempt, rows } from '../support/rls';
import type { BoardContext } from '$lib/server/boards/policy';
import type { BoardRole } from '$lib/roles';
import type { Mailer, OutgoingMail } from '$lib/server/mail/port';
import { decisionService, taskService } from '$lib/server/services';
import { sendDueTaskReminders } from '$lib/server/tasks/task-reminder.job';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { recordDecision } from '../factories/decisions';
import { createItem, createMeeting } from '../factories/agenda';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';

const asBoard = (board: TestBoard, role: BoardRole | null): BoardContext => ({
	id: board.id,
	slug: board.slug,
	name: board.name,
	role
});
const tasksAs = async (db: Database, user: TestUser) => taskService(await requestTo(db, user));
const berlinDate = (offsetDays: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(Date.now() + offsetDays * 86_400_000)
	);

describe.each(testDatabases())('action items ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;
	let member2: TestUser;
	let guest: TestUser;

	beforeAll(async () => {
		db = await database.open();
		({
			board,
			people: { office, member, member2, guest }
		} = await boardWithRoles(db, { office: 'office', member: 'member', member2: 'member', guest: 'guest' }));
	});
	afterAll(() => db.close());

	it('office creates an item from a decision; the owner completes it; progress shows on the decision', async () => {
		const decision = await recordDecision(db, { board, by: office });
		const id = await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), {
			title: 'Antrag stellen',
			owner: member.id,
			notes: '',
			decisionNumber: decision.number
		});
		const mine = await (await tasksAs(db, member)).overview(asBoard(board, 'member'));
		expect(mine.mine.map((t) => t.id)).toEqual([id]);
		await (
			await tasksAs(db, member)
		).progress(asBoard(board, 'member'), { taskId: id, status: 'done', notes: 'erledigt' });
		const decisions = decisionService(await requestTo(db, member));
		expect((await decisions.get(asBoard(board, 'member'), decision.number)).progress).toEqual({ done: 1, total: 1 });
	});

	it('creates a follow-up for an agenda item of the board, not of another board', async () => {
		const item = await createItem(db, { meeting: await createMeeting(db, { board }), title: 'Fachkräfte' });
		const id = await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), {
			title: 'Gespräch Jobcenter',
			owner: member.id,
			notes: '',
			agendaItemId: item.id
		});
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ agenda_item_id: string }>(`select agenda_item_id from public.tasks where id = $1`, [id])
		);
		expect(row?.agenda_item_id).toBe(item.id);
		const foreign = await createItem(db, { meeting: await createMeeting(db) });
		await expect(
			(await tasksAs(db, office)).create(asBoard(board, 'office'), {
				title: 'Fremd',
				owner: 'office',
				notes: '',
				agendaItemId: foreign.id
			})
		).rejects.toMatchObject({ status: 404 });
	});

	it('refuses creation by members and guests, and progress by another member or a guest', async () => {
		await expect(
			(await tasksAs(db, member)).create(asBoard(board, 'member'), { title: 'X', owner: 'office', notes: '' })
		).rejects.toMatchObject({ status: 403 });
		const id = await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), { title: 'Nur für member', owner: member.id, notes: '' });
		await expect(
			(await tasksAs(db, member2)).progress(asBoard(board, 'member'), { taskId: id, status: 'done', notes: '' })
		).rejects.toMatchObject({ status: 403 });
		await expect(
			(await tasksAs(db, guest)).progress(asBoard(board, 'guest'), { taskId: id, status: 'done', notes: '' })
		).rejects.toMatchObject({ status: 404 });
		const other = await createBoard(db);
		const stranger = await addMember(db, { board: other, role: 'office' });
		await expect(
			(await tasksAs(db, stranger)).progress(asBoard(board, 'office'), { taskId: id, status: 'done', notes: '' })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			(await tasksAs(db, office)).create(asBoard(board, 'office'), { title: 'X', owner: stranger.id, notes: '' })
		).rejects.toMatchObject({ status: 400 });
	});

	it('marks overdue items and lets the office delete', async () => {
		const id = await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), { title: 'Überfällig', owner: member2.id, notes: '', dueDate: berlinDate(-3) });
		const { mine } = await (await tasksAs(db, member2)).overview(asBoard(board, 'member'));
		expect(mine.find((t) => t.id === id)?.overdue).toBe(true);
		await expect((await tasksAs(db, member2)).remove(asBoard(board, 'member'), id)).rejects.toMatchObject({
			status: 403
		});
		await (await tasksAs(db, office)).remove(asBoard(board, 'office'), id);
		expect((await (await tasksAs(db, office)).overview(asBoard(board, 'office'))).all.some((t) => t.id === id)).toBe(
			false
		);
	});

	it('sends the due-date reminder exactly once', async () => {
		const owner = await addMember(db, { board, role: 'member' });
		await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), { title: 'Bald fällig', owner: owner.id, notes: '', dueDate: berlinDate(1) });
		await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), { title: 'Später fällig', owner: owner.id, notes: '', dueDate: berlinDate(20) });
		const sent: OutgoingMail[] = [];
		const mailer: Mailer = { send: async (mail) => void sent.push(mail) };
		await sendDueTaskReminders({ db, mailer, origin: 'http://localhost' });
		await sendDueTaskReminders({ db, mailer, origin: 'http://localhost' });
		const mine = sent.filter((m) => m.to === owner.email);
		expect(mine).toHaveLength(1);
		expect(mine[0]!.subject).toContain('Bald fällig');
	});

	it('reminds every office member of a task the office owns, once', async () => {
		const secondOffice = await addMember(db, { board, role: 'office' });
		await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), {
			title: 'Geschäftsstelle erledigt',
			owner: 'office',
			notes: '',
			dueDate: berlinDate(2)
		});
		const sent: OutgoingMail[] = [];
		const mailer: Mailer = { send: async (mail) => void sent.push(mail) };
		await sendDueTaskReminders({ db, mailer, origin: 'http://localhost' });
		await sendDueTaskReminders({ db, mailer, origin: 'http://localhost' });
		const reminders = sent
			.filter((m) => m.subject.includes('Geschäftsstelle erledigt'))
			.map((m) => m.to)
			.sort();
		expect(reminders).toEqual([office.email, secondOffice.email].sort());
	});
});

describe.each(testDatabases())('action items RLS ($name)', (database) => {
	let db: Database;
	afterAll(() => db.close());

	it('hides a task from signed-out visitors, other boards and guests who do not own it', async () => {
		db = await database.open();
		const board = await createBoard(db);
		const office = await addMember(db, { board, role: 'office' });
		const member = await addMember(db, { board, role: 'member' });
		const guest = await addMember(db, { board, role: 'guest' });
		const stranger = await addMember(db, { board: await createBoard(db), role: 'office' });
		const id = await (
			await tasksAs(db, office)
		).create(asBoard(board, 'office'), { title: 'Geheim', owner: member.id, notes: '' });
		const see = (tx: Tx) => rows(tx, `select 1 from public.tasks where id = $1`, [id]);
		const edit = (tx: Tx) => rows(tx, `update public.tasks set status = 'done' where id = $1 returning 1`, [id]);
		expect(await attempt(db, null, see)).toBe('refused');
		expect(await attempt(db, claimsFor(stranger), see)).toBe('refused');
		expect(await attempt(db, claimsFor(guest), see)).toBe('refused');
		expect(await attempt(db, claimsFor(member), see)).toBe('allowed');
		expect(await attempt(db, claimsFor(stranger), edit)).toBe('refused');
		expect(await attempt(db, claimsFor(member), edit)).toBe('allowed');
		expect(
			await attempt(db, claimsFor(member), (tx) => rows(tx, `delete from public.tasks where id = $1 returning 1`, [id]))
		).toBe('refused');
	});
});
