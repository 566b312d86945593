import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createMailer } from '$lib/server/mail/mailer';
import { berlinDayHour, runDigestJob } from '$lib/server/notifications/digest.job';
import { addMember, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import {
	inboxOf,
	notifierAs,
	outboxTo,
	recipient,
	sampleNotice,
	storedNotifications
} from '../factories/notifications';
import { testDatabases } from '../support/databases';

const ORIGIN = 'http://beirat.test';
const DAY = 86_400_000;

/** An instant on the day after `base` at the given UTC hour (Berlin is UTC+1/+2: 07:30 UTC is after 07:00 there). */
function dayAfter(base: Date, utcHour: number, plusDays = 1): Date {
	const at = new Date(base.getTime() + plusDays * DAY);
	at.setUTCHours(utcHour, 30, 0, 0);
	return at;
}

const allDigest = {
	invitation: 'digest',
	agenda: 'digest',
	minutes: 'digest',
	vote: 'digest',
	mention: 'digest',
	task: 'digest'
} as const;

describe.each(testDatabases())('notification digest ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let second: TestBoard;
	let office: TestUser;
	const mailer = () => createMailer({ db, from: 'Beirat <beirat@test.example>' });
	let n = 0;
	const event = () => `digest-${Date.now()}-${n++}`;

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db, { name: 'Beirat Hamm' });
		second = await createBoard(db, { name: 'AG Fachkräfte' });
		office = await addMember(db, { board, role: 'office' });
		await addMember(db, { board: second, role: 'office', user: office });
	});
	afterAll(() => db.close());

	async function digestReader(locale: 'de' | 'en'): Promise<TestUser> {
		const user = await createUser(db, { locale });
		await addMember(db, { board, role: 'member', user });
		await addMember(db, { board: second, role: 'member', user });
		await (await inboxOf(db, user)).savePreferences(allDigest);
		return user;
	}

	it('reads the Berlin day and hour across the time change', () => {
		expect(berlinDayHour(new Date('2026-11-26T06:30:00Z'))).toEqual({ day: '2026-11-26', hour: 7 });
		expect(berlinDayHour(new Date('2026-07-01T22:30:00Z'))).toEqual({ day: '2026-07-02', hour: 0 });
	});

	it('sends one digest per person with all items in their language, once under concurrent runs', async () => {
		const german = await digestReader('de');
		const english = await digestReader('en');
		const notifier = notifierAs(db, office, mailer());
		await notifier.notify(
			sampleNotice({
				board,
				event: event(),
				subject: 'Strategiepapier',
				recipients: [recipient(german), recipient(english, 'en')]
			})
		);
		await notifier.notify(
			sampleNotice({
				board: second,
				kind: 'task-assigned',
				event: event(),
				subject: 'Förderantrag',
				recipients: [recipient(german), recipient(english, 'en')]
			})
		);
		expect(await outboxTo(db, german.email)).toHaveLength(0);

		const now = dayAfter(new Date(), 7);
		const runs = await Promise.all([1, 2, 3].map(() => runDigestJob({ db, origin: ORIGIN, now })));
		expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
		const [de] = await outboxTo(db, german.email, 'notification-digest');
		expect(await outboxTo(db, german.email)).toHaveLength(1);
		expect(de!.subject).toBe('Ihre tägliche Zusammenfassung: 2 neu in Beirat');
		expect(de!.body_text).toContain('Ada Amt hat Sie in „Strategiepapier“ erwähnt');
		expect(de!.body_text).toContain('Ihnen wurde die Aufgabe „Förderantrag“ zugewiesen');
		expect(de!.body_text).toContain('Beirat Hamm');
		expect(de!.body_text).toContain('AG Fachkräfte');
		expect(de!.body_text).toContain(`${ORIGIN}/b/${board.slug}/papers/`);
		const [en] = await outboxTo(db, english.email, 'notification-digest');
		expect(await outboxTo(db, english.email)).toHaveLength(1);
		expect(en!.subject).toBe('Your daily summary: 2 new in Beirat');
		expect(en!.body_text).toContain('Ada Amt mentioned you in “Strategiepapier”');
		expect((await storedNotifications(db, german.id)).every((s) => s.mailed_at !== null)).toBe(true);

		// The same day again: nothing; a later item waits for the next morning's digest.
		expect(await runDigestJob({ db, origin: ORIGIN, now: new Date(now.getTime() + 3_600_000) })).toBe(0);
		await notifier.notify(
			sampleNotice({ board, kind: 'vote-opened', event: event(), subject: 'Haushalt', recipients: [recipient(german)] })
		);
		expect(await runDigestJob({ db, origin: ORIGIN, now: new Date(now.getTime() + 2 * 3_600_000) })).toBe(0);
		expect(await runDigestJob({ db, origin: ORIGIN, now: dayAfter(new Date(), 7, 2) })).toBe(1);
		const mails = await outboxTo(db, german.email, 'notification-digest');
		expect(mails).toHaveLength(2);
		expect(mails[1]!.body_text).toContain('Haushalt');
		expect(mails[1]!.body_text).not.toContain('Strategiepapier');
	});

	it('waits for 07:00 Berlin time and leaves mail and no-mail items out', async () => {
		const reader = await createUser(db);
		await addMember(db, { board, role: 'member', user: reader });
		await (await inboxOf(db, reader)).savePreferences({ ...allDigest, vote: 'mail', task: 'none' });
		const notifier = notifierAs(db, office, mailer());
		await notifier.notify(sampleNotice({ board, event: event(), subject: 'Früh', recipients: [recipient(reader)] }));
		await notifier.notify(
			sampleNotice({ board, kind: 'vote-opened', event: event(), subject: 'Sofort', recipients: [recipient(reader)] })
		);
		await notifier.notify(
			sampleNotice({ board, kind: 'task-reminder', event: event(), subject: 'Nie', recipients: [recipient(reader)] })
		);
		expect(await runDigestJob({ db, origin: ORIGIN, now: dayAfter(new Date(), 4, 3) })).toBe(0);
		expect(await outboxTo(db, reader.email, 'notification-digest')).toHaveLength(0);
		await runDigestJob({ db, origin: ORIGIN, now: dayAfter(new Date(), 8, 3) });
		const [digest] = await outboxTo(db, reader.email, 'notification-digest');
		expect(digest!.body_text).toContain('Früh');
		expect(digest!.body_text).not.toContain('Sofort');
		expect(digest!.body_text).not.toContain('Nie');
		expect(await outboxTo(db, reader.email, 'vote-opened')).toHaveLength(1);
		expect(await outboxTo(db, reader.email, 'task-reminder')).toHaveLength(0);
	});
});
