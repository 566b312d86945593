import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { sendDueReminders } from '$lib/server/meetings/reminder.job';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { addMeetingGuest, createMeeting, mailsOfKind } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';

const DAY = 86_400_000;

describe.each(testDatabases())('meeting reminders on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let people: TestUser[];
	let guest: TestUser;
	let uninvitedGuest: TestUser;

	const remindersFor = async (title: string) =>
		(await mailsOfKind(db, 'meeting-reminder')).filter((m) => m.subject.includes(title));

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db);
		people = [
			await addMember(db, { board, role: 'office' }),
			await addMember(db, { board, role: 'chair' }),
			await addMember(db, { board, role: 'member' })
		];
		guest = await addMember(db, { board, role: 'guest' });
		uninvitedGuest = await addMember(db, { board, role: 'guest' });
	});
	afterAll(async () => {
		await db.close();
	});

	it('sends each due reminder exactly once, even when runs overlap', async () => {
		const meeting = await createMeeting(db, {
			board,
			title: 'Erinnerungstest',
			status: 'invited',
			startsAt: new Date(Date.now() + 6 * DAY)
		});
		await addMeetingGuest(db, { meetingId: meeting.id, user: guest });
		await createMeeting(db, {
			board,
			title: 'Noch nicht eingeladen',
			status: 'planned',
			startsAt: new Date(Date.now() + 6 * DAY)
		});
		await createMeeting(db, {
			board,
			title: 'Zu weit weg',
			status: 'invited',
			startsAt: new Date(Date.now() + 20 * DAY)
		});

		const runs = await Promise.all([1, 2, 3].map(() => sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN })));
		expect(runs.reduce((a, b) => a + b, 0)).toBe(4);
		const mails = await remindersFor('Erinnerungstest');
		expect(mails.map((m) => m.to_email).sort()).toEqual([...people, guest].map((p) => p.email).sort());
		expect(mails.map((m) => m.to_email)).not.toContain(uninvitedGuest.email);
		expect(await remindersFor('Noch nicht eingeladen')).toEqual([]);
		expect(await remindersFor('Zu weit weg')).toEqual([]);
		expect(await sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN })).toBe(0);

		// The day before, the 1-day reminder follows, again once.
		const dayBefore = new Date(meeting.startsAt.getTime() - 0.5 * DAY);
		await Promise.all([
			sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN, now: dayBefore }),
			sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN, now: dayBefore })
		]);
		expect(await remindersFor('Erinnerungstest')).toHaveLength(8);
		expect(await sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN, now: dayBefore })).toBe(0);
	});

	it('follows the board offsets', async () => {
		await db.ownerTransaction((tx) =>
			tx.query(`update public.boards set reminder_offsets = '{2}' where id = $1`, [board.id])
		);
		await createMeeting(db, { board, title: 'Drei Tage', status: 'invited', startsAt: new Date(Date.now() + 3 * DAY) });
		expect(await sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN })).toBe(0);
		expect(
			await sendDueReminders({ db, mailer: h.mailer, origin: ORIGIN, now: new Date(Date.now() + 1.5 * DAY) })
		).toBe(3);
	});
});
