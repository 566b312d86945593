import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { createMailer } from '$lib/server/mail/mailer';
import { taskService } from '$lib/server/services';
import { NOTIFICATION_KINDS, TOPIC_OF } from '$lib/server/notifications/notification-kinds';
import { addMember, claimsFor, createBoard, createUser, makeAdmin, type TestBoard, type TestUser } from '../factories';
import {
	inboxOf,
	notifierAs,
	outboxTo,
	recipient,
	sampleNotice,
	storedNotifications
} from '../factories/notifications';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { attempt, rows } from '../support/rls';
import { refusal } from '../support/refusal';

describe.each(testDatabases())('notifications ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	const mailer = () => createMailer({ db, from: 'Beirat <beirat@test.example>' });
	let n = 0;
	const event = () => `event-${Date.now()}-${n++}`;

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
	});
	afterAll(() => db.close());

	it('records and mails exactly once per person, also on repeats and concurrent calls', async () => {
		const people = await Promise.all([1, 2, 3].map(() => addMember(db, { board, role: 'member' })));
		const notice = sampleNotice({
			board,
			event: event(),
			recipients: [...people, people[0]!].map((p) => recipient(p))
		});
		const notifier = notifierAs(db, office, mailer());
		await notifier.notify(notice);
		await notifier.notify(notice);
		await Promise.all([1, 2, 3].map(() => notifierAs(db, office, mailer()).notify(notice)));
		for (const person of people) {
			expect(await storedNotifications(db, person.id)).toHaveLength(1);
			expect(await outboxTo(db, person.email, 'comment-mention')).toHaveLength(1);
		}
	});

	it('honours the preference per topic: mail now, digest later, or no mail — in-app always', async () => {
		const [mail, digest, none] = await Promise.all([1, 2, 3].map(() => addMember(db, { board, role: 'member' })));
		for (const kind of NOTIFICATION_KINDS) {
			const topic = TOPIC_OF[kind];
			await (
				await inboxOf(db, digest!)
			).savePreferences({
				invitation: 'mail',
				agenda: 'mail',
				minutes: 'mail',
				vote: 'mail',
				mention: 'mail',
				task: 'mail',
				[topic]: 'digest'
			});
			await (
				await inboxOf(db, none!)
			).savePreferences({
				invitation: 'digest',
				agenda: 'digest',
				minutes: 'digest',
				vote: 'digest',
				mention: 'digest',
				task: 'digest',
				[topic]: 'none'
			});
			await notifierAs(db, office, mailer()).notify(
				sampleNotice({ board, kind, event: event(), recipients: [mail!, digest!, none!].map((p) => recipient(p)) })
			);
			expect((await outboxTo(db, mail!.email, kind)).length, kind).toBeGreaterThan(0);
			expect(await outboxTo(db, digest!.email, kind), kind).toHaveLength(0);
			expect(await outboxTo(db, none!.email, kind), kind).toHaveLength(0);
		}
		for (const [person, channel] of [
			[mail, 'mail'],
			[digest, 'digest'],
			[none, 'none']
		] as const) {
			const stored = await storedNotifications(db, person!.id);
			expect(stored).toHaveLength(NOTIFICATION_KINDS.length);
			expect(new Set(stored.map((s) => s.channel))).toEqual(new Set([channel]));
		}
	});

	it('lists own notifications newest first in the reader language with the link; marks one and all read', async () => {
		const reader = await addMember(db, { board, role: 'member' });
		const first = event();
		const second = event();
		await notifierAs(db, office, mailer()).notify(
			sampleNotice({ board, event: first, recipients: [recipient(reader)], subject: 'Strategiepapier' })
		);
		await notifierAs(db, office, mailer()).notify(
			sampleNotice({ board, kind: 'vote-opened', event: second, recipients: [recipient(reader)], subject: 'Haushalt' })
		);
		const inbox = await inboxOf(db, reader);
		const { items, unread } = await inbox.list();
		expect(unread).toBe(2);
		expect(items.map((i) => i.text)).toEqual([
			'Umlaufbeschluss geöffnet: „Haushalt“',
			'Ada Amt hat Sie in „Strategiepapier“ erwähnt'
		]);
		expect(items[1]!.link).toBe(`/b/${board.slug}/papers/${first}`);
		expect((await (await inboxOf(db, reader, 'en')).list()).items[0]!.text).toBe('Circular vote opened: “Haushalt”');
		await inbox.markRead(items[0]!.id);
		expect(await inbox.unreadCount()).toBe(1);
		expect(await inbox.markAllRead()).toBe(1);
		expect(await inbox.unreadCount()).toBe(0);
	});

	it('keeps notifications private: others cannot read or mark them; signed-out visitors are refused', async () => {
		const owner = await addMember(db, { board, role: 'member' });
		const colleague = await addMember(db, { board, role: 'chair' });
		const admin = await makeAdmin(db);
		await notifierAs(db, office, mailer()).notify(
			sampleNotice({ board, event: event(), recipients: [recipient(owner)] })
		);
		const [mine] = await storedNotifications(db, owner.id);
		const select = (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) =>
			rows(tx, `select 1 from public.notifications where id = $1`, [mine!.id]);
		expect(await attempt(db, claimsFor(owner), select)).toBe('allowed');
		for (const other of [colleague, office, admin]) expect(await attempt(db, claimsFor(other), select)).toBe('refused');
		expect(await attempt(db, null, select)).toBe('refused');
		const markOther = (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) =>
			rows(tx, `update public.notifications set read_at = now() where id = $1 returning 1`, [mine!.id]);
		expect(await attempt(db, claimsFor(colleague), markOther)).toBe('refused');
		expect(await refusal((await inboxOf(db, colleague)).markRead(mine!.id))).toBe('notifications.error.notFound');
		expect(await refusal((await inboxOf(db, colleague)).open(mine!.id))).toBe('notifications.error.notFound');
		expect(await (await inboxOf(db, owner)).unreadCount()).toBe(1);
		// Opening one's own notification marks it read and gives the path it points to.
		expect(await (await inboxOf(db, owner)).open(mine!.id)).toMatch(new RegExp(`^/b/${board.slug}/`));
		expect(await (await inboxOf(db, owner)).unreadCount()).toBe(0);
		expect(await refusal((await inboxOf(db, null)).list())).toBe('error.unauthenticated');
		expect(await (await inboxOf(db, null)).unreadCount()).toBe(0);
		// Nobody inserts directly, and only the owner sees their preferences; digests are the job's alone.
		const insert = (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) =>
			rows(
				tx,
				`insert into public.notifications (user_id, board_id, kind, link, dedupe_key, channel) values ($1, $2, 'comment-mention', '/b/x', 'k', 'mail') returning 1`,
				[owner.id, board.id]
			);
		expect(await attempt(db, claimsFor(owner), insert)).toBe('refused');
		await (
			await inboxOf(db, owner)
		).savePreferences({
			invitation: 'none',
			agenda: 'mail',
			minutes: 'mail',
			vote: 'mail',
			mention: 'digest',
			task: 'mail'
		});
		const prefs = (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) =>
			rows(tx, `select 1 from public.notification_preferences where user_id = $1`, [owner.id]);
		expect(await attempt(db, claimsFor(owner), prefs)).toBe('allowed');
		expect(await attempt(db, claimsFor(colleague), prefs)).toBe('refused');
		expect(await attempt(db, claimsFor(owner), (tx) => rows(tx, `select 1 from public.notification_digests`))).toBe(
			'refused'
		);
	});

	it('lets only members of the board (or system tasks) record, and skips recipients outside it', async () => {
		const outsider = await createUser(db);
		const otherBoard = await createBoard(db);
		const foreign = await addMember(db, { board: otherBoard, role: 'office' });
		const guest = await addMember(db, { board, role: 'guest' });
		const left = await addMember(db, { board, role: 'member', active: false });
		const notice = sampleNotice({ board, event: event(), recipients: [recipient(guest)] });
		await expect(notifierAs(db, foreign, mailer()).notify(notice)).rejects.toMatchObject({ code: '42501' });
		await expect(notifierAs(db, outsider, mailer()).notify(notice)).rejects.toMatchObject({ code: '42501' });
		await expect(
			scopedDb(db, null).run((tx) =>
				tx.query(`select public.notification_record($1, $2, 'comment-mention', 'mention', '{}', '/b/x', 'k')`, [
					guest.id,
					board.id
				])
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await storedNotifications(db, guest.id)).toHaveLength(0);
		await notifierAs(db, office, mailer()).notify(
			sampleNotice({ board, event: event(), recipients: [recipient(left), recipient(outsider)] })
		);
		expect(await storedNotifications(db, left.id)).toHaveLength(0);
		expect(await storedNotifications(db, outsider.id)).toHaveLength(0);
		const system = await withSystem(db, 'notifications', (tx) =>
			tx.query<{ c: string | null }>(
				`select public.notification_record($1, $2, 'task-reminder', 'task', '{}', '/b/x/tasks', 'sys-1') as c`,
				[guest.id, board.id]
			)
		);
		expect(system[0]!.c).toBe('mail');
	});

	it('tells the assignee of a new action item once, with a link to the tasks (and not the office itself)', async () => {
		const assignee = await addMember(db, { board, role: 'member' });
		const tasks = taskService(await requestTo(db, office, mailer()));
		await tasks.create(
			{ ...board, role: 'office' },
			{ title: 'Förderantrag prüfen', owner: assignee.id, notes: '', dueDate: '2027-01-15' }
		);
		await tasks.create({ ...board, role: 'office' }, { title: 'Eigene Aufgabe', owner: office.id, notes: '' });
		const stored = await storedNotifications(db, assignee.id);
		expect(stored.map((s) => [s.kind, s.link])).toEqual([['task-assigned', `/b/${board.slug}/tasks`]]);
		const [mail] = await outboxTo(db, assignee.email, 'task-assigned');
		expect(mail!.subject).toBe('Neue Aufgabe: „Förderantrag prüfen“');
		expect(mail!.body_text).toContain(`http://beirat.test/b/${board.slug}/tasks`);
		expect((await storedNotifications(db, office.id)).filter((s) => s.kind === 'task-assigned')).toHaveLength(0);
	});
});
