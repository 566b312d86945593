import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { calendarTokenService, meetingService } from '$lib/server/services';
import { meetingSchema } from '$lib/server/meetings/meeting.schema';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { calendarFeed } from '$lib/server/calendar/calendar.service';
import { addMember, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { addMeetingGuest, boardAs, createMeeting } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { requestAs } from '../support/app-context';

function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

describe.each(testDatabases())('iCalendar on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;
	let guest: TestUser;

	async function service(user: TestUser) {
		const ctx = await boardAs(db, user, board);
		return { ctx, meetings: meetingService(await requestAs(h.app, user)) };
	}

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		({
			board,
			people: { office, member, guest }
		} = await boardWithRoles(db, { office: 'office', member: 'member', guest: 'guest' }));
	});
	afterAll(async () => {
		await db.close();
	});

	it('writes a meeting with Berlin time, a VTIMEZONE, a stable UID and an increasing SEQUENCE', async () => {
		const meeting = await createMeeting(db, {
			board,
			title: 'Sitzung im Winter',
			startsAt: new Date('2027-01-14T15:00:00Z'),
			status: 'invited'
		});
		const { ctx, meetings } = await service(office);
		const first = parse(await meetings.ics(ctx, meeting.id));
		expect(first.calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
		const event = first.events[0]!;
		const dtstart = event.getFirstProperty('dtstart')!;
		expect(dtstart.getParameter('tzid')).toBe('Europe/Berlin');
		expect(String(dtstart.getFirstValue())).toBe('2027-01-14T16:00:00');
		expect(event.getFirstPropertyValue('uid')).toBe(`${meeting.id}@beirat.test`);
		expect(event.getFirstPropertyValue('sequence')).toBe(0);
		expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');

		const values = {
			title: 'Sitzung im Winter',
			startsAt: '2027-01-14T17:00',
			endsAt: '2027-01-14T19:00',
			location: 'Rathaus',
			status: 'invited'
		};
		await meetings.update(ctx, meeting.id, meetingSchema.parse(values));
		const second = parse(await meetings.ics(ctx, meeting.id)).events[0]!;
		expect(second.getFirstPropertyValue('uid')).toBe(`${meeting.id}@beirat.test`);
		expect(second.getFirstPropertyValue('sequence')).toBe(1);
		expect(String(second.getFirstProperty('dtstart')!.getFirstValue())).toBe('2027-01-14T17:00:00');

		await meetings.update(ctx, meeting.id, meetingSchema.parse({ ...values, status: 'cancelled' }));
		const cancelled = parse(await meetings.ics(ctx, meeting.id));
		expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(cancelled.events[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(cancelled.events[0]!.getFirstPropertyValue('sequence')).toBe(2);
	});

	it('writes summer times with the summer offset', async () => {
		const meeting = await createMeeting(db, { board, startsAt: new Date('2027-07-01T08:00:00Z') });
		const { ctx, meetings } = await service(member);
		const event = parse(await meetings.ics(ctx, meeting.id)).events[0]!;
		const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
		expect(String(start)).toBe('2027-07-01T10:00:00');
		expect(toBerlinLocal(new Date(start.toUnixTime() * 1000))).toBe('2027-07-01T10:00');
	});

	it('serves the personal feed to the right secret only, and only what its owner may see', async () => {
		const guestMeeting = await createMeeting(db, { board, title: 'Mit Gast' });
		const internal = await createMeeting(db, { board, title: 'Intern' });
		await addMeetingGuest(db, { meetingId: guestMeeting.id, user: guest });
		const tokens = calendarTokenService(await requestAs(h.app, guest));
		expect(await tokens.status()).toBeNull();
		const token = await tokens.regenerate();
		expect(await tokens.status()).toBeInstanceOf(Date);

		const feed = await calendarFeed({ db, origin: ORIGIN, token });
		const uids = parse(feed!).events.map((e) => e.getFirstPropertyValue('uid'));
		expect(uids).toEqual([`${guestMeeting.id}@beirat.test`]);
		expect(uids).not.toContain(`${internal.id}@beirat.test`);

		expect(await calendarFeed({ db, origin: ORIGIN, token: token.slice(0, -2) + 'xx' })).toBeNull();
		expect(await calendarFeed({ db, origin: ORIGIN, token: '../../etc/passwd' })).toBeNull();
		const renewed = await tokens.regenerate();
		expect(await calendarFeed({ db, origin: ORIGIN, token })).toBeNull();
		expect(await calendarFeed({ db, origin: ORIGIN, token: renewed })).toContain('BEGIN:VCALENDAR');

		const memberToken = await calendarTokenService(await requestAs(h.app, member)).regenerate();
		const memberUids = parse((await calendarFeed({ db, origin: ORIGIN, token: memberToken }))!).events.map((e) =>
			e.getFirstPropertyValue('uid')
		);
		expect(memberUids).toEqual(
			expect.arrayContaining([`${guestMeeting.id}@beirat.test`, `${internal.id}@beirat.test`])
		);
	});

	it('stops the feed when the owner is deactivated', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const token = await calendarTokenService(await requestAs(h.app, person)).regenerate();
		expect(await calendarFeed({ db, origin: ORIGIN, token })).not.toBeNull();
		await db.ownerTransaction((tx) =>
			tx.query(`update public.memberships set active = false where id = $1`, [person.membershipId])
		);
		expect(await calendarFeed({ db, origin: ORIGIN, token })).toBeNull();
	});
});
