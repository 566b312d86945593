import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { meetingService, pollService } from '$lib/server/services';
import { pollSchema, type PollInput } from '$lib/server/polls/poll.schema';
import { sendPollReminders } from '$lib/server/polls/poll-notify';
import { dashboardOf } from '../factories/dashboard';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { boardAs, createMeeting, mailsOfKind } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { requestAs } from '../support/app-context';
import { attempt, rows } from '../support/rls';
import { refusal } from '../support/refusal';

const DAY = 86_400_000;

/** Slots `days` ahead at 16:00 Berlin, as the form sends them. */
const slotIn = (days: number) => toBerlinLocal(new Date(Date.now() + days * DAY)).slice(0, 11) + '16:00';

describe.each(testDatabases())('date polls on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'm1' | 'm2' | 'm3' | 'advisor' | 'guest' | 'outsider', TestUser>;

	async function as(user: TestUser) {
		const ctx = await boardAs(db, user, board);
		const service = pollService(await requestAs(h.app, user));
		return { ctx, service };
	}

	function input(overrides: Record<string, unknown> = {}): PollInput {
		return pollSchema.parse({
			title: 'Termin 5. Sitzung',
			durationMinutes: '120',
			deadline: slotIn(5),
			slots: [slotIn(10), slotIn(11), slotIn(12)],
			participants: [people.chair.id, people.m1.id, people.m2.id, people.m3.id],
			formToken: randomUUID(),
			...overrides
		});
	}

	async function pollCount(): Promise<number> {
		const [row] = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from public.polls where board_id = $1`, [board.id])
		);
		return row!.n;
	}

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member',
			advisor: 'advisor',
			guest: 'guest',
			outsider: { role: 'member', otherBoard: true }
		}));
	});
	afterAll(async () => {
		await db.close();
	});

	it('lets the asked change their answers and shows them by name with counts and quorum', async () => {
		const office = await as(people.office);
		const pollId = await office.service.create(office.ctx, input());
		const m1 = await as(people.m1);
		const { slots } = await m1.service.get(m1.ctx, pollId);
		expect(slots).toHaveLength(3);
		await m1.service.answer(m1.ctx, pollId, [
			{ slotId: slots[0]!.id, answer: 'yes' },
			{ slotId: slots[1]!.id, answer: 'no' }
		]);
		await m1.service.answer(m1.ctx, pollId, [{ slotId: slots[1]!.id, answer: 'maybe' }]);
		const m2 = await as(people.m2);
		await m2.service.answer(m2.ctx, pollId, [{ slotId: slots[0]!.id, answer: 'maybe' }]);

		const view = await m2.service.get(m2.ctx, pollId);
		expect(view.answers).toContainEqual({ slotId: slots[1]!.id, userId: people.m1.id, answer: 'maybe' });
		expect(view.slots[0]).toMatchObject({ yes: 1, maybe: 1, no: 0, votingAvailable: 2 });
		// 4 voting members (chair + 3 members), 2 available: not more than half.
		expect(view.slots[0]!.quorum).toMatchObject({ present: 2, total: 4, needed: 3, reached: false });
		expect(view.canAnswer).toBe(true);
	});

	it('computes the quorum per board rule', async () => {
		const office = await as(people.office);
		const meetings = meetingService(await requestAs(h.app, people.office));
		const pollId = await office.service.create(office.ctx, input());
		const slot = (await office.service.get(office.ctx, pollId)).slots[0]!;
		for (const person of [people.chair, people.m1]) {
			const { ctx, service } = await as(person);
			await service.answer(ctx, pollId, [{ slotId: slot.id, answer: 'yes' }]);
		}
		const reached = async () => (await office.service.get(office.ctx, pollId)).slots[0]!.quorum.reached;
		await meetings.saveSettings(office.ctx, { quorumRule: 'at_least_half', reminderOffsets: [7, 1] });
		expect(await reached()).toBe(true);
		await meetings.saveSettings(office.ctx, { quorumRule: 'two_thirds', reminderOffsets: [7, 1] });
		expect(await reached()).toBe(false);
		await meetings.saveSettings(office.ctx, { quorumRule: 'more_than_half', reminderOffsets: [7, 1] });
		expect(await reached()).toBe(false);
		// Advisors have no vote: their yes does not count.
		const advisorCtx = await as(people.advisor);
		expect(await refusal(advisorCtx.service.answer(advisorCtx.ctx, pollId, [{ slotId: slot.id, answer: 'yes' }]))).toBe(
			'polls.error.notAsked'
		);
	});

	it('refuses answers after the deadline, in the service and in the database', async () => {
		const office = await as(people.office);
		const pollId = await office.service.create(office.ctx, input());
		const m1 = await as(people.m1);
		const slotId = (await m1.service.get(m1.ctx, pollId)).slots[0]!.id;
		await m1.service.answer(m1.ctx, pollId, [{ slotId, answer: 'yes' }]);
		await db.ownerTransaction((tx) =>
			tx.query(`update public.polls set deadline = now() - interval '1 minute' where id = $1`, [pollId])
		);
		expect(await refusal(m1.service.answer(m1.ctx, pollId, [{ slotId, answer: 'no' }]))).toBe('polls.error.closed');
		const direct = await attempt(db, claimsFor(people.m1), (tx) =>
			rows(tx, `update public.poll_answers set answer = 'no' where slot_id = $1 and user_id = $2 returning 1`, [
				slotId,
				people.m1.id
			])
		);
		expect(direct).toBe('refused');
		expect((await m1.service.get(m1.ctx, pollId)).answers).toContainEqual({
			slotId,
			userId: people.m1.id,
			answer: 'yes'
		});
	});

	it('hides names in anonymous polls but still counts', async () => {
		const office = await as(people.office);
		const pollId = await office.service.create(office.ctx, input({ anonymous: 'on' }));
		const m1 = await as(people.m1);
		const slotId = (await m1.service.get(m1.ctx, pollId)).slots[0]!.id;
		await m1.service.answer(m1.ctx, pollId, [{ slotId, answer: 'yes' }]);
		const m2 = await as(people.m2);
		const view = await m2.service.get(m2.ctx, pollId);
		expect(view.answers).toEqual([]);
		expect(view.slots[0]!.yes).toBe(1);
		expect((await office.service.get(office.ctx, pollId)).answers).toHaveLength(1);
	});

	it('schedules a slot: meeting created, poll closed, one mail per asked person', async () => {
		const office = await as(people.office);
		const pollId = await office.service.create(
			office.ctx,
			input({ title: 'Terminfindung Mailtest', participants: [people.m1.id, people.m2.id] })
		);
		const slot = (await office.service.get(office.ctx, pollId)).slots[1]!;
		const meetingId = await office.service.schedule(office.ctx, pollId, slot.id);
		expect(await refusal(office.service.schedule(office.ctx, pollId, slot.id))).toBe('polls.error.alreadyScheduled');

		const meetings = meetingService(await requestAs(h.app, people.m1));
		const meeting = await meetings.get(await boardAs(db, people.m1, board), meetingId);
		expect(meeting).toMatchObject({ title: 'Terminfindung Mailtest', status: 'planned' });
		expect(meeting.startsAt.getTime()).toBe(slot.startsAt.getTime());
		expect(meeting.endsAt.getTime() - meeting.startsAt.getTime()).toBe(120 * 60_000);
		const view = await office.service.get(office.ctx, pollId);
		expect(view.poll).toMatchObject({ status: 'closed', chosenSlotId: slot.id, meetingId });

		const mails = (await mailsOfKind(db, 'poll-scheduled')).filter((m) =>
			m.body_text.includes('Terminfindung Mailtest')
		);
		expect(mails.map((m) => m.to_email).sort()).toEqual([people.m1.email, people.m2.email].sort());
		expect(mails[0]!.body_text).toContain(`${ORIGIN}/b/${board.slug}/meetings/${meetingId}`);
		const m1 = await as(people.m1);
		expect(await refusal(m1.service.answer(m1.ctx, pollId, [{ slotId: slot.id, answer: 'yes' }]))).toBe(
			'polls.error.closed'
		);
	});

	it('announces a poll to the people asked, shows it on their dashboard until answered and reminds the rest once', async () => {
		const office = await as(people.office);
		const title = 'Klausurtagung – Terminfindung';
		const pollId = await office.service.create(
			office.ctx,
			input({ title, participants: [people.m1.id, people.m2.id] })
		);
		const invitations = (await mailsOfKind(db, 'poll-invitation')).filter((m) => m.subject.includes('Klausurtagung'));
		expect(invitations.map((m) => m.to_email).sort()).toEqual([people.m1.email, people.m2.email].sort());
		expect(invitations[0]!.body_text).toContain(`${ORIGIN}/b/${board.slug}/polls/${pollId}`);
		const notes = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ user_id: string; link: string }>(
				`select user_id, link from public.notifications where kind = 'poll-invitation' and link like $1`,
				[`%${pollId}`]
			)
		);
		expect(notes.map((n) => n.user_id).sort()).toEqual([people.m1.id, people.m2.id].sort());

		const dashboardPolls = async (user: TestUser) => (await dashboardOf(db, user)).openPolls.map((p) => p.id);
		expect(await dashboardPolls(people.m1)).toContain(pollId);
		expect(await dashboardPolls(people.m3)).not.toContain(pollId);
		const m1 = await as(people.m1);
		const { slots, poll } = await m1.service.get(m1.ctx, pollId);
		await m1.service.answer(m1.ctx, pollId, [{ slotId: slots[0]!.id, answer: 'yes' }]);
		expect(await dashboardPolls(people.m1)).not.toContain(pollId);

		const reminders = async () =>
			(await mailsOfKind(db, 'poll-reminder')).filter((m) => m.subject.includes('Klausurtagung'));
		await sendPollReminders({ db, mailer: h.mailer, origin: ORIGIN, now: new Date(poll.deadline.getTime() - 3 * DAY) });
		expect(await reminders()).toEqual([]);
		const soon = new Date(poll.deadline.getTime() - DAY / 2);
		await sendPollReminders({ db, mailer: h.mailer, origin: ORIGIN, now: soon });
		await sendPollReminders({ db, mailer: h.mailer, origin: ORIGIN, now: new Date(soon.getTime() + 60_000) });
		expect((await reminders()).map((m) => m.to_email)).toEqual([people.m2.email]);

		const meetingId = await office.service.schedule(office.ctx, pollId, slots[0]!.id);
		const meetings = meetingService(await requestAs(h.app, people.m1));
		expect((await meetings.get(await boardAs(db, people.m1, board), meetingId)).title).toBe('Klausurtagung');
	});

	it('moves the planned meeting a poll was made for', async () => {
		const meeting = await createMeeting(db, { board, title: 'Geplante Sitzung' });
		const office = await as(people.office);
		const pollId = await office.service.create(office.ctx, input({ meetingId: meeting.id }));
		const slot = (await office.service.get(office.ctx, pollId)).slots[2]!;
		expect(await office.service.schedule(office.ctx, pollId, slot.id)).toBe(meeting.id);
	});

	it('refuses bad input and saves nothing', async () => {
		const office = await as(people.office);
		const before = await pollCount();
		const base = { title: 'X', durationMinutes: '60', deadline: slotIn(3), participants: [people.m1.id] };
		expect(pollSchema.safeParse({ ...base, slots: [] }).success).toBe(false);
		expect(pollSchema.safeParse({ ...base, slots: Array.from({ length: 21 }, (_, i) => slotIn(10 + i)) }).success).toBe(
			false
		);
		expect(pollSchema.safeParse({ ...base, slots: [slotIn(10), slotIn(11)], title: 'x'.repeat(201) }).success).toBe(
			false
		);
		expect(pollSchema.safeParse({ ...base, slots: [slotIn(10), 'kein Datum'] }).success).toBe(false);
		expect(pollSchema.safeParse({ ...base, slots: [slotIn(10), slotIn(11)], participants: [] }).success).toBe(false);
		expect(await refusal(office.service.create(office.ctx, input({ slots: [slotIn(-1), slotIn(10)] })))).toBe(
			'polls.error.slotInPast'
		);
		expect(await refusal(office.service.create(office.ctx, input({ deadline: slotIn(-1) })))).toBe(
			'polls.error.deadlineInPast'
		);
		expect(await refusal(office.service.create(office.ctx, input({ meetingId: randomUUID() })))).toBe(
			'polls.error.meetingNotPlanned'
		);
		expect(await refusal(office.service.create(office.ctx, input({ participants: [people.outsider.id] })))).toBe(
			'polls.error.unknownParticipant'
		);
		expect(await refusal(office.service.create(office.ctx, input({ participants: [people.guest.id] })))).toBe(
			'polls.error.unknownParticipant'
		);
		expect(await refusal(office.service.get(office.ctx, randomUUID()))).toBe('error.notFound');
		expect(await pollCount()).toBe(before);
	});

	it('refuses members and guests who are not office, and outsiders', async () => {
		const m1 = await as(people.m1);
		expect(await refusal(m1.service.create(m1.ctx, input()))).toBe('error.forbidden');
		const guest = await as(people.guest);
		expect(await refusal(guest.service.list(guest.ctx))).toBe('error.forbidden');
	});

	describe('row-level security', () => {
		let pollId: string;
		let slotId: string;
		beforeAll(async () => {
			const office = await as(people.office);
			pollId = await office.service.create(office.ctx, input({ participants: [people.m1.id, people.m2.id] }));
			slotId = (await office.service.get(office.ctx, pollId)).slots[0]!.id;
			const m1 = await as(people.m1);
			await m1.service.answer(m1.ctx, pollId, [{ slotId, answer: 'yes' }]);
		});

		const actors = () => ({ guest: claimsFor(people.guest), outsider: claimsFor(people.outsider), anon: null });

		it.each(['guest', 'outsider', 'anon'] as const)('refuses %s for polls, slots and answers', async (who) => {
			const claims = actors()[who];
			expect(await attempt(db, claims, (tx) => rows(tx, `select 1 from public.polls where id = $1`, [pollId]))).toBe(
				'refused'
			);
			expect(
				await attempt(db, claims, (tx) => rows(tx, `select 1 from public.poll_slots where poll_id = $1`, [pollId]))
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) => rows(tx, `select 1 from public.poll_answers where poll_id = $1`, [pollId]))
			).toBe('refused');
			expect(await attempt(db, claims, (tx) => rows(tx, `select 1 from public.poll_tally($1)`, [pollId]))).toBe(
				'refused'
			);
			expect(
				await attempt(db, claims, (tx) =>
					rows(
						tx,
						`insert into public.poll_answers (slot_id, poll_id, user_id, board_id, answer) values ($1, $2, (select auth.uid()), $3, 'yes') returning 1`,
						[slotId, pollId, board.id]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) =>
					rows(
						tx,
						`insert into public.polls (board_id, title, duration_minutes, deadline) values ($1, 'x', 60, now()) returning 1`,
						[board.id]
					)
				)
			).toBe('refused');
		});

		it('lets a member answer only for themselves, and only when asked', async () => {
			expect(
				await attempt(db, claimsFor(people.m2), (tx) =>
					rows(tx, `select 1 from public.poll_answers where poll_id = $1`, [pollId])
				)
			).toBe('allowed');
			expect(
				await attempt(db, claimsFor(people.m2), (tx) =>
					rows(
						tx,
						`insert into public.poll_answers (slot_id, poll_id, user_id, board_id, answer) values ($1, $2, $3, $4, 'no') returning 1`,
						[slotId, pollId, people.m1.id, board.id]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claimsFor(people.m3), (tx) =>
					rows(
						tx,
						`insert into public.poll_answers (slot_id, poll_id, user_id, board_id, answer) values ($1, $2, $3, $4, 'no') returning 1`,
						[slotId, pollId, people.m3.id, board.id]
					)
				)
			).toBe('refused');
			expect(
				await attempt(db, claimsFor(people.m1), (tx) =>
					rows(tx, `update public.polls set title = 'x' where id = $1 returning 1`, [pollId])
				)
			).toBe('refused');
		});
	});
});
