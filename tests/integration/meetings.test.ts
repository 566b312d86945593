import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { attendanceService, invitationService, meetingInvitationService, meetingService } from '$lib/server/services';
import { meetingSchema, type MeetingInput } from '$lib/server/meetings/meeting.schema';
import { deliverPending } from '$lib/server/mail/mailer';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { addMeetingGuest, boardAs, createMeeting, mailsOfKind } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createHarness, linkIn, ORIGIN } from '../support/app-harness';
import { requestAs, signedOut } from '../support/app-context';
import { attempt, rows } from '../support/rls';
import { refusal } from '../support/refusal';

const form = (overrides: Record<string, string> = {}): MeetingInput =>
	meetingSchema.parse({
		title: '5. Sitzung',
		startsAt: '2027-03-10T16:00',
		endsAt: '2027-03-10T18:00',
		location: 'Technisches Rathaus',
		status: 'planned',
		...overrides
	});

describe.each(testDatabases())('meetings on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'm1' | 'm2' | 'advisor' | 'guest' | 'outsider', TestUser>;

	async function as(user: TestUser) {
		const ctx = await boardAs(db, user, board);
		const request = await requestAs(h.app, user);
		return {
			ctx,
			meetings: meetingService(request),
			attendance: attendanceService(request),
			invitations: meetingInvitationService(request)
		};
	}

	async function meetingCount(): Promise<number> {
		const [row] = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from public.meetings where board_id = $1`, [board.id])
		);
		return row!.n;
	}

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db, { name: 'Wirtschaft.Hamm.2030' });
		const other = await createBoard(db);
		people = {
			office: await addMember(db, { board, role: 'office' }),
			chair: await addMember(db, { board, role: 'chair' }),
			m1: await addMember(db, { board, role: 'member' }),
			m2: await addMember(db, { board, role: 'member', user: await createUser(db, { locale: 'en' }) }),
			advisor: await addMember(db, { board, role: 'advisor' }),
			guest: await addMember(db, { board, role: 'guest' }),
			outsider: await addMember(db, { board: other, role: 'member' })
		};
	});
	afterAll(async () => {
		await db.close();
	});

	it('creates and edits meetings, refusing bad input without saving', async () => {
		const office = await as(people.office);
		const before = await meetingCount();
		expect(await refusal(office.meetings.create(office.ctx, form({ endsAt: '2027-03-10T15:00' })))).toBe(
			'meetings.error.endBeforeStart'
		);
		expect(
			meetingSchema.safeParse({
				...form(),
				title: 'x'.repeat(201),
				startsAt: '2027-03-10T16:00',
				endsAt: '2027-03-10T18:00'
			}).success
		).toBe(false);
		expect(meetingSchema.safeParse({ title: 'x', startsAt: '10.03.2027', endsAt: '2027-03-10T18:00' }).success).toBe(
			false
		);
		expect(
			meetingSchema.safeParse({
				title: 'x',
				startsAt: '2027-03-10T16:00',
				endsAt: '2027-03-10T18:00',
				onlineUrl: 'javascript:alert(1)'
			}).success
		).toBe(false);
		expect(await meetingCount()).toBe(before);

		const id = await office.meetings.create(office.ctx, form());
		const meeting = await office.meetings.get(office.ctx, id);
		expect(meeting.startsAt.toISOString()).toBe('2027-03-10T15:00:00.000Z');
		expect(await refusal(office.meetings.update(office.ctx, randomUUID(), form()))).toBe('error.notFound');
		expect(await refusal(office.meetings.update(office.ctx, id, form({ endsAt: '2027-03-09T10:00' })))).toBe(
			'meetings.error.endBeforeStart'
		);
		expect((await office.meetings.get(office.ctx, id)).endsAt.toISOString()).toBe('2027-03-10T17:00:00.000Z');
		const m1 = await as(people.m1);
		expect(await refusal(m1.meetings.create(m1.ctx, form()))).toBe('error.forbidden');
		expect(await refusal(m1.meetings.update(m1.ctx, id, form()))).toBe('error.forbidden');
	});

	it('sends invitations only once the agenda is published, in each language, with a calendar file', async () => {
		const office = await as(people.office);
		const unpublished = await createMeeting(db, { board });
		expect(await refusal(office.invitations.sendInvitations(office.ctx, unpublished.id))).toBe(
			'meetings.error.agendaNotPublished'
		);
		expect((await office.meetings.get(office.ctx, unpublished.id)).status).toBe('planned');

		const meeting = await createMeeting(db, { board, title: 'Einladungstest', agendaPublished: true });
		await addMeetingGuest(db, { meetingId: meeting.id, user: people.guest });
		const count = await office.invitations.sendInvitations(office.ctx, meeting.id);
		expect(count).toBe(6); // office, chair, 2 members, advisor, guest
		expect((await office.meetings.get(office.ctx, meeting.id)).status).toBe('invited');
		const mails = (await mailsOfKind(db, 'meeting-invitation')).filter((m) => m.subject.includes('Einladungstest'));
		expect(mails.map((m) => m.to_email).sort()).toEqual(
			[people.office, people.chair, people.m1, people.m2, people.advisor, people.guest].map((p) => p.email).sort()
		);
		expect(mails.find((m) => m.to_email === people.m2.email)!.subject).toMatch(/^Invitation: Einladungstest/);
		expect(mails.find((m) => m.to_email === people.m1.email)!.subject).toMatch(/^Einladung: Einladungstest/);
		const ics = mails[0]!.attachments![0]!;
		expect(ics.filename).toMatch(/\.ics$/);
		expect(ics.content).toContain('METHOD:REQUEST');
		expect(ics.content).toContain(`UID:${meeting.id}@beirat.test`);
	});

	it('hands the calendar file to SMTP with the mail, also on a retry from the outbox', async () => {
		await h.mailer.send({
			to: 'anhang@test.example',
			subject: 'Anhang',
			text: 'Text',
			kind: 'attachment-test',
			attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }]
		});
		const sent: unknown[] = [];
		await deliverPending({
			db,
			transport: { sendMail: async (message) => void sent.push(message) },
			from: 'Beirat <b@test.example>',
			limit: 100
		});
		expect(sent).toContainEqual(
			expect.objectContaining({
				to: 'anhang@test.example',
				attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }]
			})
		);
	});

	it('tells invitees what changed and bumps the sequence', async () => {
		const office = await as(people.office);
		const meeting = await createMeeting(db, { board, title: 'Änderungstest', status: 'invited', location: 'Rathaus' });
		const before = await office.meetings.get(office.ctx, meeting.id);
		const values = {
			title: 'Änderungstest',
			startsAt: '2027-04-01T10:00',
			endsAt: '2027-04-01T12:00',
			location: 'Technisches Rathaus',
			status: 'invited'
		};
		const { meeting: after, notified } = await office.meetings.update(office.ctx, meeting.id, form(values));
		expect(notified).toBe(true);
		expect(after.sequence).toBe(before.sequence + 1);
		const mails = (await mailsOfKind(db, 'meeting-changed')).filter((m) => m.subject.includes('Änderungstest'));
		expect(mails).toHaveLength(5);
		const german = mails.find((m) => m.to_email === people.m1.email)!;
		expect(german.body_text).toContain('Ort: Rathaus → Technisches Rathaus');
		expect(german.body_text).toMatch(/Beginn: .+ → 1\. April 2027 um 10:00/);
		// Saving again without changes neither mails nor bumps.
		expect((await office.meetings.update(office.ctx, meeting.id, form(values))).meeting.sequence).toBe(after.sequence);
		expect((await mailsOfKind(db, 'meeting-changed')).filter((m) => m.subject.includes('Änderungstest'))).toHaveLength(
			5
		);

		const { meeting: cancelled } = await office.meetings.update(
			office.ctx,
			meeting.id,
			form({ ...values, status: 'cancelled' })
		);
		expect(cancelled.sequence).toBe(after.sequence + 1);
		const cancel = (await mailsOfKind(db, 'meeting-cancelled')).filter((m) => m.subject.includes('Änderungstest'));
		expect(cancel).toHaveLength(5);
		expect(cancel[0]!.attachments![0]!.content).toContain('METHOD:CANCEL');
	});

	it('records RSVPs of members (not office, not guests) and shows office the expected quorum', async () => {
		const meeting = await createMeeting(db, { board, status: 'invited' });
		await addMeetingGuest(db, { meetingId: meeting.id, user: people.guest });
		const chair = await as(people.chair);
		await chair.attendance.rsvp(chair.ctx, meeting.id, { response: 'attending', proxyNote: '' });
		const m1 = await as(people.m1);
		await m1.attendance.rsvp(m1.ctx, meeting.id, { response: 'online', proxyNote: '' });
		await m1.attendance.rsvp(m1.ctx, meeting.id, { response: 'absent', proxyNote: 'Vertreten durch Frau Demir' });
		expect(await m1.attendance.overview(m1.ctx, meeting.id)).toMatchObject({
			mine: { response: 'absent', proxyNote: 'Vertreten durch Frau Demir' },
			office: null
		});

		const office = await as(people.office);
		expect(
			await refusal(office.attendance.rsvp(office.ctx, meeting.id, { response: 'attending', proxyNote: '' }))
		).toBe('error.forbidden');
		const guest = await as(people.guest);
		expect(await refusal(guest.attendance.rsvp(guest.ctx, meeting.id, { response: 'attending', proxyNote: '' }))).toBe(
			'error.forbidden'
		);
		expect(await refusal(m1.attendance.rsvp(m1.ctx, randomUUID(), { response: 'attending', proxyNote: '' }))).toBe(
			'error.notFound'
		);

		const overview = (await office.attendance.overview(office.ctx, meeting.id)).office!;
		expect(overview.attendees.map((a) => a.userId).sort()).toEqual(
			[people.chair, people.m1, people.m2, people.advisor, people.guest].map((p) => p.id).sort()
		);
		expect(overview.attendees.find((a) => a.userId === people.m1.id)!.rsvp).toMatchObject({
			response: 'absent',
			proxyNote: 'Vertreten durch Frau Demir'
		});
		// 3 voting (chair, 2 members); only the chair is coming.
		expect(overview.expected).toMatchObject({ present: 1, total: 3, needed: 2, reached: false });
	});

	it('lets office record attendance, replacing the earlier record', async () => {
		const meeting = await createMeeting(db, { board, status: 'held' });
		const office = await as(people.office);
		await office.attendance.recordAttendance(office.ctx, meeting.id, [
			people.chair.id,
			people.m1.id,
			people.advisor.id
		]);
		let overview = (await office.attendance.overview(office.ctx, meeting.id)).office!;
		expect(overview.actual).toMatchObject({ present: 2, total: 3, reached: true });
		await office.attendance.recordAttendance(office.ctx, meeting.id, [people.chair.id]);
		overview = (await office.attendance.overview(office.ctx, meeting.id)).office!;
		expect(overview.attendees.filter((a) => a.present).map((a) => a.userId)).toEqual([people.chair.id]);
		expect(overview.attendees.find((a) => a.userId === people.m1.id)!.present).toBe(false);
		expect(await refusal(office.attendance.recordAttendance(office.ctx, meeting.id, [people.outsider.id]))).toBe(
			'meetings.error.unknownPerson'
		);
		const m1 = await as(people.m1);
		expect(await refusal(m1.attendance.recordAttendance(m1.ctx, meeting.id, [people.m1.id]))).toBe('error.forbidden');
	});

	it('shows a guest only the meeting they are invited to', async () => {
		const mine = await createMeeting(db, { board, title: 'Gastsitzung' });
		const other = await createMeeting(db, { board, title: 'Interne Sitzung' });
		const guestUser = await addMember(db, { board, role: 'guest' });
		await addMeetingGuest(db, { meetingId: mine.id, user: guestUser });
		const guest = await as(guestUser);
		const { upcoming, past } = await guest.meetings.list(guest.ctx);
		expect([...upcoming, ...past].map((m) => m.id)).toEqual([mine.id]);
		expect(await refusal(guest.meetings.get(guest.ctx, other.id))).toBe('error.notFound');
		expect(await refusal(guest.meetings.ics(guest.ctx, other.id))).toBe('error.notFound');
		const outsider = await as(people.outsider);
		expect(await refusal(outsider.meetings.get(outsider.ctx, mine.id))).toBe('error.notFound');
	});

	it('invites a new guest to one meeting through the invitation flow', async () => {
		const meeting = await createMeeting(db, { board, title: 'Sitzung mit Gast' });
		const other = await createMeeting(db, { board, title: 'Ohne Gast' });
		const office = await as(people.office);
		expect(
			await refusal(office.invitations.inviteGuest(office.ctx, meeting.id, { email: people.m1.email, locale: 'de' }))
		).toBe('meetings.error.alreadyFullMember');
		expect(
			await office.invitations.inviteGuest(office.ctx, meeting.id, { email: 'gast.neu@test.example', locale: 'en' })
		).toMatchObject({ outcome: 'invited' });
		const mail = await h.lastMail('gast.neu@test.example');
		expect(mail!.subject).toBe('Invitation as a guest: Sitzung mit Gast');
		const token = decodeURIComponent(linkIn(mail!.body_text, `${ORIGIN}/invite/`).split('/').pop()!);
		const claims = await invitationService(signedOut(h.app)).accept({
			token,
			displayName: 'Neuer Gast',
			password: 'ein-langes-passwort',
			locale: 'en',
			session: h.browser().session
		});

		const guestUser = { id: claims.sub, email: claims.email, password: '', displayName: 'Neuer Gast' };
		const guest = await as(guestUser);
		expect(guest.ctx.role).toBe('guest');
		const { upcoming } = await guest.meetings.list(guest.ctx);
		expect(upcoming.map((m) => m.id)).toEqual([meeting.id]);
		expect(await refusal(guest.meetings.get(guest.ctx, other.id))).toBe('error.notFound');

		// An existing guest of the board is added to a further meeting directly.
		expect(
			await office.invitations.inviteGuest(office.ctx, other.id, { email: 'gast.neu@test.example', locale: 'en' })
		).toMatchObject({ outcome: 'added' });
		expect((await guest.meetings.list(guest.ctx)).upcoming.map((m) => m.id).sort()).toEqual(
			[meeting.id, other.id].sort()
		);
	});

	it('mails an existing guest in the language chosen in the form, not the profile language', async () => {
		const meeting = await createMeeting(db, { board, title: 'Gast in anderer Sprache' });
		const office = await as(people.office);
		expect(
			await office.invitations.inviteGuest(office.ctx, meeting.id, { email: people.guest.email, locale: 'en' })
		).toMatchObject({ outcome: 'added' });
		const mail = await h.lastMail(people.guest.email);
		expect(mail!.subject).toMatch(/^Invitation: Gast in anderer Sprache/);
	});

	it('keeps board settings to office and validates them', async () => {
		const office = await as(people.office);
		await office.meetings.saveSettings(office.ctx, { quorumRule: 'two_thirds', reminderOffsets: [3] });
		expect(await office.meetings.settings(office.ctx)).toEqual({ quorumRule: 'two_thirds', reminderOffsets: [3] });
		const m1 = await as(people.m1);
		expect(await refusal(m1.meetings.saveSettings(m1.ctx, { quorumRule: 'at_least_half', reminderOffsets: [] }))).toBe(
			'error.forbidden'
		);
		const direct = await attempt(db, claimsFor(people.chair), async (tx) => {
			const [row] = await tx.query<{ ok: boolean }>(
				`select public.set_meeting_settings($1, 'at_least_half', '{1}') as ok`,
				[board.id]
			);
			return row!.ok ? 1 : 0;
		});
		expect(direct).toBe('refused');
		await office.meetings.saveSettings(office.ctx, { quorumRule: 'more_than_half', reminderOffsets: [7, 1] });
	});

	describe('row-level security', () => {
		let meetingId: string;
		beforeAll(async () => {
			meetingId = (await createMeeting(db, { board, status: 'invited' })).id;
			await addMeetingGuest(db, { meetingId, user: people.guest });
			const m1 = await as(people.m1);
			await m1.attendance.rsvp(m1.ctx, meetingId, { response: 'attending', proxyNote: '' });
			const office = await as(people.office);
			await office.attendance.recordAttendance(office.ctx, meetingId, [people.m1.id]);
		});

		it.each(['guest', 'outsider', 'anon'] as const)('refuses %s for RSVPs and attendance', async (who) => {
			const claims = who === 'anon' ? null : claimsFor(who === 'guest' ? people.guest : people.outsider);
			expect(
				await attempt(db, claims, (tx) =>
					rows(tx, `select 1 from public.meeting_rsvps where meeting_id = $1`, [meetingId])
				)
			).toBe('refused');
			// Everyone may read their own attendance record; nobody but office anyone else's.
			expect(
				await attempt(db, claims, (tx) =>
					rows(
						tx,
						`select 1 from public.meeting_attendance where meeting_id = $1 and user_id <> coalesce((select auth.uid()), gen_random_uuid())`,
						[meetingId]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) =>
					rows(
						tx,
						`insert into public.meeting_rsvps (meeting_id, user_id, board_id, response) values ($1, (select auth.uid()), $2, 'attending') returning 1`,
						[meetingId, board.id]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) =>
					rows(
						tx,
						`insert into public.meeting_attendance (meeting_id, user_id, board_id, present) values ($1, $2, $3, true) returning 1`,
						[meetingId, people.m2.id, board.id]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) =>
					rows(tx, `update public.meeting_attendance set present = false where meeting_id = $1 returning 1`, [
						meetingId
					])
				)
			).toBe('refused');
		});

		it('keeps members to their own RSVP and away from attendance records', async () => {
			expect(
				await attempt(db, claimsFor(people.m2), (tx) =>
					rows(tx, `select 1 from public.meeting_rsvps where meeting_id = $1`, [meetingId])
				)
			).toBe('refused');
			expect(
				await attempt(db, claimsFor(people.m1), (tx) =>
					rows(tx, `select 1 from public.meeting_rsvps where meeting_id = $1`, [meetingId])
				)
			).toBe('allowed');
			expect(
				await attempt(db, claimsFor(people.m2), (tx) =>
					rows(
						tx,
						`insert into public.meeting_rsvps (meeting_id, user_id, board_id, response) values ($1, $2, $3, 'absent') returning 1`,
						[meetingId, people.m1.id, board.id]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claimsFor(people.m1), (tx) =>
					rows(tx, `update public.meeting_attendance set present = true where meeting_id = $1 returning 1`, [meetingId])
				)
			).toBe('refused');
			expect(
				await attempt(db, claimsFor(people.office), (tx) =>
					rows(tx, `select 1 from public.meeting_rsvps where meeting_id = $1`, [meetingId])
				)
			).toBe('allowed');
			expect(await attempt(db, null, (tx) => rows(tx, `select 1 from public.reminder_sent`))).toBe('refused');
			expect(await attempt(db, claimsFor(people.office), (tx) => rows(tx, `select 1 from public.reminder_sent`))).toBe(
				'refused'
			);
		});
	});
});
