import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import {
	agendaService,
	decisionService,
	meetingService,
	paperService,
	pollService,
	taskService
} from '$lib/server/services';
import { meetingSchema } from '$lib/server/meetings/meeting.schema';
import type { AgendaItemFields } from '$lib/server/agenda/agenda.repository';
import { pollSchema } from '$lib/server/polls/poll.schema';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { verifyChain } from '$lib/server/decisions/decision-verify';
import { chainEntries } from '$lib/server/decisions/decision.repository';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { boardAs } from '../factories/meetings';
import { createMeeting } from '../factories/agenda';
import { circularInput, memoryMailer, ownerRows, votesAs } from '../factories/votes';
import { storedNotifications } from '../factories/notifications';
import { testDatabases } from '../support/databases';
import { appOf, requestAs } from '../support/app-context';
import { refusal } from '../support/refusal';

// The record (#11): every create form carries a one-time token stored with its row under a unique
// index. The same token again (a double click, a resent POST, two requests at once) gives the first
// row back: one row, one mail, one entry in the decision log.

const HOUR = 3_600_000;
const count = async (db: Database, sql: string, params: unknown[]) =>
	(await ownerRows<{ n: number }>(db, sql, params))[0]!.n;

describe.each(testDatabases())('one-time form tokens on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'm1' | 'm2', TestUser>;
	const mailer = memoryMailer();

	async function as(user: TestUser) {
		const request = await requestAs(await appOf(db, mailer), user);
		return {
			ctx: await boardAs(db, user, board),
			decisions: decisionService(request),
			meetings: meetingService(request),
			papers: paperService(request),
			agenda: agendaService(request),
			polls: pollService(request),
			tasks: taskService(request),
			...(await votesAs(db, user, mailer))
		};
	}

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, { office: 'office', chair: 'chair', m1: 'member', m2: 'member' }));
	});
	afterAll(async () => db?.close());

	it('records a decision once per token: the same number, one log entry, the chain intact', async () => {
		const office = await as(people.office);
		const formToken = randomUUID();
		const input = {
			title: 'Förderprogramm',
			resolution: 'Der Beirat empfiehlt das Programm.',
			kind: 'resolution' as const,
			status: 'adopted' as const,
			outcome: 'unanimous' as const,
			isPublic: true,
			formToken
		};
		const first = await office.decisions.record(office.ctx, input);
		const again = await office.decisions.record(office.ctx, input);
		const [x, y] = await Promise.all([
			office.decisions.record(office.ctx, { ...input, formToken: randomUUID() }),
			office.decisions.record(office.ctx, { ...input, formToken: randomUUID() })
		]);
		expect(again.number).toBe(first.number);
		expect(x.number).not.toBe(y.number);
		expect(
			await count(db, `select count(*)::int as n from public.decision_entries where form_token = $1`, [formToken])
		).toBe(1);
		expect(
			await count(
				db,
				`select count(*)::int as n from public.decision_entries where board_id = $1 and title = 'Förderprogramm'`,
				[board.id]
			)
		).toBe(3);
		expect(verifyChain(await db.ownerTransaction((tx) => chainEntries(tx, board.id))).ok).toBe(true);
	});

	it('a repeated decision that supersedes another supersedes it once', async () => {
		const office = await as(people.office);
		const old = await office.decisions.record(office.ctx, {
			title: 'Alt',
			resolution: 'Alt.',
			kind: 'resolution',
			status: 'adopted',
			outcome: 'consensus',
			isPublic: true,
			formToken: randomUUID()
		});
		const input = {
			title: 'Neu',
			resolution: 'Neu.',
			kind: 'resolution' as const,
			status: 'adopted' as const,
			outcome: 'consensus' as const,
			isPublic: true,
			supersedes: old.number,
			formToken: randomUUID()
		};
		const [a, b] = await Promise.all([
			office.decisions.record(office.ctx, input),
			office.decisions.record(office.ctx, input)
		]);
		expect(b.number).toBe(a.number);
		expect(
			await count(db, `select count(*)::int as n from public.decision_entries where board_id = $1 and number = $2`, [
				board.id,
				old.number
			])
		).toBe(2);
	});

	it('opens a circular resolution once per token and mails each voter once', async () => {
		const office = await as(people.office);
		const input = { ...circularInput({}, 48), formToken: randomUUID() };
		const before = mailer.sent.filter((m) => m.kind === 'vote-opened').length;
		const first = await office.circular.create(office.ctx, input);
		const again = await office.circular.create(office.ctx, input);
		const [c1, c2] = await Promise.all([
			office.circular.create(office.ctx, input),
			office.circular.create(office.ctx, input)
		]);
		expect([again, c1, c2]).toEqual([first, first, first]);
		expect(
			await count(db, `select count(*)::int as n from public.votes where form_token = $1`, [input.formToken])
		).toBe(1);
		expect(await count(db, `select count(*)::int as n from public.vote_voters where vote_id = $1`, [first])).toBe(3);
		// chair, m1, m2: one mail each.
		expect(mailer.sent.filter((m) => m.kind === 'vote-opened').length - before).toBe(3);
	});

	it('creates a meeting, a paper and a poll once per token', async () => {
		const office = await as(people.office);
		const meetingForm = {
			...meetingSchema.parse({
				title: 'Doppelklick',
				startsAt: '2027-04-01T16:00',
				endsAt: '2027-04-01T18:00',
				location: 'Rathaus',
				status: 'planned'
			}),
			formToken: randomUUID()
		};
		const meetings = await Promise.all([
			office.meetings.create(office.ctx, meetingForm),
			office.meetings.create(office.ctx, meetingForm)
		]);
		expect(meetings[1]).toBe(meetings[0]);
		expect(await office.meetings.create(office.ctx, meetingForm)).toBe(meetings[0]);
		expect(
			await count(db, `select count(*)::int as n from public.meetings where board_id = $1 and title = 'Doppelklick'`, [
				board.id
			])
		).toBe(1);

		const paperForm = {
			title: 'Strategiepapier Doppel',
			tags: [],
			visibility: 'board' as const,
			boardAccess: 'edit' as const,
			formToken: randomUUID()
		};
		const papers = await Promise.all([
			office.papers.create(office.ctx, paperForm),
			office.papers.create(office.ctx, paperForm)
		]);
		expect(papers[1]).toEqual(papers[0]);
		expect(
			await count(db, `select count(*)::int as n from public.papers where board_id = $1 and title = $2`, [
				board.id,
				paperForm.title
			])
		).toBe(1);

		const slot = (days: number) => toBerlinLocal(new Date(Date.now() + days * 24 * HOUR));
		const pollForm = pollSchema.parse({
			title: 'Termin Doppel',
			durationMinutes: '90',
			deadline: slot(3),
			slots: [slot(10), slot(11)],
			participants: [people.m1.id, people.m2.id],
			formToken: randomUUID()
		});
		const polls = await Promise.all([
			office.polls.create(office.ctx, pollForm),
			office.polls.create(office.ctx, pollForm)
		]);
		expect(polls[1]).toBe(polls[0]);
		expect(
			await count(db, `select count(*)::int as n from public.polls where board_id = $1 and title = 'Termin Doppel'`, [
				board.id
			])
		).toBe(1);
		expect(await count(db, `select count(*)::int as n from public.poll_slots where poll_id = $1`, [polls[0]])).toBe(2);
		expect(
			await count(db, `select count(*)::int as n from public.poll_participants where poll_id = $1`, [polls[0]])
		).toBe(2);
	});

	it('adds an agenda item once per token and notes one change after publication', async () => {
		const office = await as(people.office);
		const meeting = await createMeeting(db, { board, published: true });
		const ref = { boardId: board.id, meetingId: meeting.id };
		const fields: AgendaItemFields = {
			title: 'Fachkräfte',
			description: '',
			kind: 'discussion',
			isPublic: true,
			presenterText: null,
			presenterUserId: null,
			plannedMinutes: 10
		};
		const input = { fields, isSubItem: false, formToken: randomUUID() };
		const [a, b] = await Promise.all([office.agenda.addItem(ref, input), office.agenda.addItem(ref, input)]);
		expect(await office.agenda.addItem(ref, input)).toBe(a);
		expect(b).toBe(a);
		expect(
			await count(db, `select count(*)::int as n from public.agenda_items where meeting_id = $1`, [meeting.id])
		).toBe(1);
		// The change notice (and the mail made from it) exists once.
		expect(
			await count(db, `select count(*)::int as n from public.agenda_changes where meeting_id = $1 and action = 'add'`, [
				meeting.id
			])
		).toBe(1);
	});

	it('creates a task once per token and tells its owner once', async () => {
		const office = await as(people.office);
		const input = { title: 'Bericht Doppel', owner: people.m1.id, notes: '', formToken: randomUUID() };
		const before = (await storedNotifications(db, people.m1.id)).filter((n) => n.kind === 'task-assigned').length;
		const [a, b] = await Promise.all([office.tasks.create(office.ctx, input), office.tasks.create(office.ctx, input)]);
		expect(await office.tasks.create(office.ctx, input)).toBe(a);
		expect(b).toBe(a);
		expect(
			await count(db, `select count(*)::int as n from public.tasks where board_id = $1 and title = 'Bericht Doppel'`, [
				board.id
			])
		).toBe(1);
		expect(
			(await storedNotifications(db, people.m1.id)).filter((n) => n.kind === 'task-assigned').length - before
		).toBe(1);
	});

	it('a token already used in another board is refused, not answered with that row', async () => {
		const other = await createBoard(db);
		const stranger = await addMember(db, { board: other, role: 'office' });
		const office = await as(people.office);
		const formToken = randomUUID();
		await office.meetings.create(office.ctx, {
			...meetingSchema.parse({
				title: 'Fremd',
				startsAt: '2027-05-01T16:00',
				endsAt: '2027-05-01T18:00',
				status: 'planned'
			}),
			formToken
		});
		const theirs = meetingService(await requestAs(await appOf(db, mailer), stranger));
		const ctx = await boardAs(db, stranger, other);
		expect(
			await refusal(
				theirs.create(ctx, {
					...meetingSchema.parse({
						title: 'Fremd',
						startsAt: '2027-05-01T16:00',
						endsAt: '2027-05-01T18:00',
						status: 'planned'
					}),
					formToken
				})
			)
		).toBe('form.error.tokenUsed');
	});
});
