import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { App } from '$lib/server/app';
import { fileService, meetingInvitationService, memberService, pollService } from '$lib/server/services';
import { createBoardService } from '$lib/server/boards/board.service';
import { pollSchema } from '$lib/server/polls/poll.schema';
import { createLocalStorage, type LocalStorage } from '$lib/server/storage/local';
import { partToken } from '$lib/server/db/form-token';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { addMember, claimsFor, createUser, makeAdmin, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { minutesAs } from '../factories/minutes';
import { createTestHub } from '../factories/comments';
import { pdfBytes } from '../factories/files';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { requestAs, testApp } from '../support/app-context';
import { refusal } from '../support/refusal';

// The record (#11), continued: invitations (members and meeting guests), boards, uploads, minutes and
// their amendments, and scheduling a poll carry the form's one-time token. The same token again — one
// after the other or two requests at once — gives the first result back: one row, one mail in the
// outbox. Someone else's token is refused cleanly, never answered with their row.

const DAY = 86_400_000;
const slotIn = (days: number) => toBerlinLocal(new Date(Date.now() + days * DAY)).slice(0, 11) + '16:00';

describe.each(testDatabases())(
	'one-time form tokens of invitations, boards, files, minutes and polls on $name',
	(target) => {
		let db: Database;
		let h: Awaited<ReturnType<typeof createHarness>>;
		let dataDir: string;
		let storage: LocalStorage;
		/** The app with the harness's mailer and this test's file storage. */
		let app: App;
		let board: TestBoard;
		let other: TestBoard;
		let office: TestUser;
		let otherOffice: TestUser;
		let m1: TestUser;
		let m2: TestUser;

		const count = async (sql: string, params: unknown[]) =>
			(await withSystem(db, 'test-setup', (tx) => tx.query<{ n: number }>(sql, params)))[0]!.n;
		const mailsTo = (email: string, kind: string) =>
			count(`select count(*)::int as n from public.mail_outbox where lower(to_email) = lower($1) and kind = $2`, [
				email,
				kind
			]);

		async function as(user: TestUser, on: TestBoard = board) {
			const request = await requestAs(app, user);
			return {
				ctx: await boardAs(db, user, on),
				members: memberService(request),
				guests: meetingInvitationService(request),
				files: fileService(request),
				polls: pollService(request)
			};
		}

		beforeAll(async () => {
			db = await target.open();
			h = await createHarness(db);
			dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-form-tokens-'));
			storage = await createLocalStorage({ dataDir });
			app = await testApp(db, { mailer: h.mailer, storage });
			({
				board,
				other,
				people: { office, otherOffice, m1, m2 }
			} = await boardWithRoles(db, {
				office: 'office',
				otherOffice: { role: 'office', otherBoard: true },
				m1: 'member',
				m2: 'member'
			}));
		});
		afterAll(async () => {
			await db?.close();
			await fs.rm(dataDir, { recursive: true, force: true });
		});

		it('invites a member once per token: one invitation, one mail; a new form renews it and mails again', async () => {
			const { ctx, members } = await as(office);
			const email = `doppelt-${randomUUID().slice(0, 8)}@test.example`;
			const input = {
				email,
				role: 'member' as const,
				organisation: null,
				function: null,
				locale: 'de' as const,
				formToken: randomUUID()
			};
			const [a, b] = await Promise.all([members.invite(ctx, input), members.invite(ctx, input)]);
			const again = await members.invite(ctx, input);
			expect(new Set([a.id, b.id, again.id]).size).toBe(1);
			expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
			expect(again).toMatchObject({ created: false, email });
			expect(
				await count(`select count(*)::int as n from public.invitations where board_id = $1 and email = $2`, [
					board.id,
					email
				])
			).toBe(1);
			expect(await mailsTo(email, 'invitation')).toBe(1);
			// Another form for the same address renews the open invitation: that is a new request.
			const renewed = await members.invite(ctx, { ...input, formToken: randomUUID() });
			expect(renewed).toMatchObject({ id: a.id, created: true });
			expect(await mailsTo(email, 'invitation')).toBe(2);
		});

		it('refuses a member invitation with a token another board already used', async () => {
			const mine = await as(office);
			const theirs = await as(otherOffice, other);
			const formToken = randomUUID();
			await mine.members.invite(mine.ctx, {
				email: `eigen-${randomUUID().slice(0, 8)}@test.example`,
				role: 'member',
				organisation: null,
				function: null,
				locale: 'de',
				formToken
			});
			const stranger = `fremd-${randomUUID().slice(0, 8)}@test.example`;
			expect(
				await refusal(
					theirs.members.invite(theirs.ctx, {
						email: stranger,
						role: 'member',
						organisation: null,
						function: null,
						locale: 'de',
						formToken
					})
				)
			).toBe('form.error.tokenUsed');
			expect(await mailsTo(stranger, 'invitation')).toBe(0);
		});

		it('invites a meeting guest once per token, by link or (a board guest) directly', async () => {
			const { ctx, guests } = await as(office);
			const meeting = await createMeeting(db, { board, published: true });
			const email = `gast-${randomUUID().slice(0, 8)}@test.example`;
			const input = { email, locale: 'de' as const, formToken: randomUUID() };
			const [a, b] = await Promise.all([
				guests.inviteGuest(ctx, meeting.id, input),
				guests.inviteGuest(ctx, meeting.id, input)
			]);
			expect(await guests.inviteGuest(ctx, meeting.id, input)).toEqual({ outcome: 'invited', email, created: false });
			expect([a.outcome, b.outcome]).toEqual(['invited', 'invited']);
			expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
			expect(
				await count(`select count(*)::int as n from public.invitations where meeting_id = $1 and email = $2`, [
					meeting.id,
					email
				])
			).toBe(1);
			expect(await mailsTo(email, 'meeting-guest-invitation')).toBe(1);

			const boardGuest = await addMember(db, { board, role: 'guest' });
			const direct = { email: boardGuest.email, locale: 'de' as const, formToken: randomUUID() };
			const added = await Promise.all([
				guests.inviteGuest(ctx, meeting.id, direct),
				guests.inviteGuest(ctx, meeting.id, direct)
			]);
			expect(added.map((r) => r.outcome)).toEqual(['added', 'added']);
			expect(await guests.inviteGuest(ctx, meeting.id, direct)).toMatchObject({ outcome: 'added', created: false });
			expect(
				await count(`select count(*)::int as n from public.meeting_guests where meeting_id = $1 and user_id = $2`, [
					meeting.id,
					boardGuest.id
				])
			).toBe(1);
			expect(await mailsTo(boardGuest.email, 'meeting-invitation')).toBe(1);
			// Inviting the same guest again with a new form is a new request (its mail is the notifier's to dedupe).
			expect(await guests.inviteGuest(ctx, meeting.id, { ...direct, formToken: randomUUID() })).toMatchObject({
				outcome: 'added',
				created: true
			});

			// The token of this meeting's form is refused on another meeting, and on another board.
			const second = await createMeeting(db, { board, published: true });
			expect(await refusal(guests.inviteGuest(ctx, second.id, input))).toBe('form.error.tokenUsed');
			const theirs = await as(otherOffice, other);
			const theirMeeting = await createMeeting(db, { board: other, published: true });
			const stranger = `fremd-${randomUUID().slice(0, 8)}@test.example`;
			expect(await refusal(theirs.guests.inviteGuest(theirs.ctx, theirMeeting.id, { ...input, email: stranger }))).toBe(
				'form.error.tokenUsed'
			);
			expect(await mailsTo(stranger, 'meeting-guest-invitation')).toBe(0);
		});

		it('creates a board once per token; a taken address is still refused; only admins create', async () => {
			const admin = await makeAdmin(db);
			const boards = createBoardService({ db: scopedDb(db, claimsFor(admin)), isAdmin: true });
			const slug = `doppel-${randomUUID().slice(0, 8)}`;
			const input = { name: 'Beirat Doppelklick', slug, formToken: randomUUID() };
			const [a, b] = await Promise.all([boards.create(input), boards.create(input)]);
			const again = await boards.create(input);
			expect([b.id, again.id]).toEqual([a.id, a.id]);
			expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
			expect(again).toMatchObject({ slug, created: false });
			expect(await count(`select count(*)::int as n from public.boards where slug = $1`, [slug])).toBe(1);
			expect(await refusal(boards.create({ ...input, name: 'Anderer', formToken: randomUUID() }))).toBe(
				'admin.error.slugTaken'
			);
			const someone = await createUser(db);
			const notAdmin = createBoardService({ db: scopedDb(db, claimsFor(someone)), isAdmin: false });
			expect(await refusal(notAdmin.create({ ...input, slug: `${slug}-x` }))).toBe('error.forbidden');
		});

		it('uploads a file once per token and part: one row, one stored object; another board cannot reuse the token', async () => {
			const { ctx, files } = await as(office);
			const formToken = randomUUID();
			const bytes = await pdfBytes('Doppelt hochgeladen');
			const first = { fileName: 'Bericht.pdf', bytes, formToken: partToken(formToken, 0) };
			const second = { fileName: 'Anlage.pdf', bytes, formToken: partToken(formToken, 1) };
			const results = await Promise.all([
				files.upload(ctx, first),
				files.upload(ctx, first),
				files.upload(ctx, second)
			]);
			const again = await files.upload(ctx, first);
			expect(results[1]!.id).toBe(results[0]!.id);
			expect(again).toMatchObject({ id: results[0]!.id, created: false });
			expect(results[2]!.id).not.toBe(results[0]!.id);
			expect([results[0]!.created, results[1]!.created].filter(Boolean)).toHaveLength(1);
			expect(
				await count(`select count(*)::int as n from public.files where board_id = $1 and name = 'Bericht.pdf'`, [
					board.id
				])
			).toBe(1);
			expect(
				await count(`select count(*)::int as n from public.file_versions where file_id = $1`, [results[0]!.id])
			).toBe(1);
			expect(
				await count(`select count(*)::int as n from storage.objects where name like '%/' || $1 || '/%'`, [
					results[0]!.id
				])
			).toBe(1);
			// An agenda item's form (same page token) gets tokens of its own.
			const item = await createItem(db, { meeting: await createMeeting(db, { board }) });
			expect(partToken(formToken, 0, item.id)).not.toBe(partToken(formToken, 0));
			const theirs = await as(otherOffice, other);
			expect(await refusal(theirs.files.upload(theirs.ctx, { ...first, fileName: 'Fremd.pdf' }))).toBe(
				'form.error.tokenUsed'
			);
			expect(await count(`select count(*)::int as n from public.files where name = 'Fremd.pdf'`, [])).toBe(0);
		});

		it('creates minutes and an amendment once per token', async () => {
			const hub = createTestHub(db);
			const meeting = await createMeeting(db, { board, published: true });
			await createItem(db, { meeting, title: 'Bericht' });
			const { board: ctx, minutes } = await minutesAs(db, {
				user: office,
				board,
				hub,
				mailer: h.mailer,
				origin: ORIGIN
			});
			const formToken = randomUUID();
			const [a, b] = await Promise.all([
				minutes.create(ctx, meeting.id, formToken),
				minutes.create(ctx, meeting.id, formToken)
			]);
			const again = await minutes.create(ctx, meeting.id, formToken);
			expect([b.minutesId, again.minutesId]).toEqual([a.minutesId, a.minutesId]);
			expect(again).toMatchObject({ paperId: a.paperId, created: false });
			expect(await count(`select count(*)::int as n from public.minutes where meeting_id = $1`, [meeting.id])).toBe(1);
			expect(
				await count(
					`select count(*)::int as n from public.papers where board_id = $1 and id in (select paper_id from public.minutes where meeting_id = $2)`,
					[board.id, meeting.id]
				)
			).toBe(1);
			// Without a token (or with a new one) the meeting's minutes exist already.
			expect(await refusal(minutes.create(ctx, meeting.id, randomUUID()))).toBe('minutes.error.exists');

			await withSystem(db, 'test-setup', (tx) =>
				tx.query(`update public.minutes set status = 'approved', frozen_at = now() where id = $1`, [a.minutesId])
			);
			const amendToken = randomUUID();
			const [x, y] = await Promise.all([
				minutes.amend(ctx, a.minutesId, amendToken),
				minutes.amend(ctx, a.minutesId, amendToken)
			]);
			expect(y.minutesId).toBe(x.minutesId);
			expect(await count(`select count(*)::int as n from public.minutes where amends_id = $1`, [a.minutesId])).toBe(1);
			// The create form's token does not answer an amendment.
			expect(await refusal(minutes.amend(ctx, a.minutesId, formToken))).toBe('form.error.tokenUsed');

			const theirs = await minutesAs(db, { user: otherOffice, board: other, hub, mailer: h.mailer, origin: ORIGIN });
			const theirMeeting = await createMeeting(db, { board: other, published: true });
			expect(await refusal(theirs.minutes.create(theirs.board, theirMeeting.id, formToken))).toBe(
				'form.error.tokenUsed'
			);
			expect(
				await count(`select count(*)::int as n from public.minutes where meeting_id = $1`, [theirMeeting.id])
			).toBe(0);
		});

		it('schedules a poll once per token: the same meeting, one mail per participant', async () => {
			const { ctx, polls } = await as(office);
			const title = `Termin ${randomUUID().slice(0, 8)}`;
			const pollId = await polls.create(
				ctx,
				pollSchema.parse({
					title,
					durationMinutes: '90',
					deadline: slotIn(3),
					slots: [slotIn(10), slotIn(11)],
					participants: [m1.id, m2.id],
					formToken: randomUUID()
				})
			);
			const slots = (await polls.get(ctx, pollId)).slots;
			const formToken = randomUUID();
			const before = await mailsTo(m1.email, 'poll-scheduled');
			const [a, b] = await Promise.all([
				polls.schedule(ctx, pollId, slots[0]!.id, formToken),
				polls.schedule(ctx, pollId, slots[0]!.id, formToken)
			]);
			// A second click on another slot of the same page lands on the first choice too.
			const again = await polls.schedule(ctx, pollId, slots[1]!.id, formToken);
			expect([b, again]).toEqual([a, a]);
			expect(
				await count(`select count(*)::int as n from public.meetings where board_id = $1 and id = $2`, [board.id, a])
			).toBe(1);
			expect(
				await count(`select count(*)::int as n from public.polls where id = $1 and chosen_slot_id = $2`, [
					pollId,
					slots[0]!.id
				])
			).toBe(1);
			expect((await mailsTo(m1.email, 'poll-scheduled')) - before).toBe(1);
			// A new form on the closed poll is refused as before.
			expect(await refusal(polls.schedule(ctx, pollId, slots[0]!.id, randomUUID()))).toBe(
				'polls.error.alreadyScheduled'
			);

			// Another board's poll cannot use this token.
			const theirs = await as(otherOffice, other);
			const theirMember = await addMember(db, { board: other, role: 'member' });
			const theirPoll = await theirs.polls.create(
				theirs.ctx,
				pollSchema.parse({
					title,
					durationMinutes: '90',
					deadline: slotIn(3),
					slots: [slotIn(10), slotIn(11)],
					participants: [theirMember.id],
					formToken: randomUUID()
				})
			);
			const theirSlot = (await theirs.polls.get(theirs.ctx, theirPoll)).slots[0]!;
			expect(await refusal(theirs.polls.schedule(theirs.ctx, theirPoll, theirSlot.id, formToken))).toBe(
				'form.error.tokenUsed'
			);
			expect(await mailsTo(theirMember.email, 'poll-scheduled')).toBe(0);
		});
	}
);
