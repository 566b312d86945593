import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import { withSystem, withUser } from '$lib/server/db/scoped';
import { decisionService } from '$lib/server/services';
import { chainEntries } from '$lib/server/decisions/decision.repository';
import { verifyChain } from '$lib/server/decisions/decision-verify';
import { runVoteJob } from '$lib/server/votes/vote.job';
import { meetingResultSchema } from '$lib/server/votes/vote.schema';
import { addMember, claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, type TestMeeting } from '../factories/agenda';
import { recordDecision } from '../factories/decisions';
import { boardAs } from '../factories/meetings';
import { circularInput, memoryMailer, ownerRows, setDeadline, votesAs } from '../factories/votes';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { attempt, rows } from '../support/rls';

type Person = 'office' | 'chair' | 'm1' | 'm2' | 'm3';

/**
 * Vote results and the decision log are written only by the database functions the app calls: with a
 * session as `authenticated` (what Supabase's API allows), office and chair can neither rewrite a result
 * nor put an entry of their making into the log, while every flow of the app keeps working.
 */
describe.each(testDatabases())('record write paths on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<Person, TestUser>;
	let meeting: TestMeeting;
	const mailer = memoryMailer();

	async function as(user: TestUser) {
		return { ctx: await boardAs(db, user, board), ...(await votesAs(db, user, mailer)) };
	}
	const decisions = async (user: TestUser) => decisionService(await requestTo(db, user));
	const verify = () => withSystem(db, 'decision-verify', (tx) => chainEntries(tx, board.id)).then(verifyChain);
	const asUser = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => withUser(db, claimsFor(user), fn);
	async function closedVote(): Promise<string> {
		const office = await as(people.office);
		const id = await office.circular.create(office.ctx, circularInput({ minParticipation: '0' }));
		const m1 = await as(people.m1);
		await m1.circular.vote(m1.ctx, id, 'no');
		await office.circular.close(office.ctx, id);
		return id;
	}
	const decisionItem = (title: string) =>
		createItem(db, { meeting, title, kind: 'decision', description: `${title}: Der Beirat beschließt.` });

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member'
		}));
		meeting = await createMeeting(db, { board });
		await db.ownerTransaction(async (tx) => {
			for (const user of [people.chair, people.m1, people.m2]) {
				await tx.query(
					`insert into public.meeting_attendance (meeting_id, user_id, board_id, present) values ($1, $2, $3, true)`,
					[meeting.id, user.id, board.id]
				);
			}
		});
	});
	afterAll(async () => db?.close());

	it('refuses a direct UPDATE of a vote result by chair and office, open or closed', async () => {
		const closed = await closedVote();
		const office = await as(people.office);
		const open = await office.circular.create(office.ctx, circularInput());
		for (const user of [people.chair, people.office]) {
			for (const id of [closed, open]) {
				const forged = (tx: Tx) =>
					rows(tx, `update public.votes set yes_count = 99, status = 'adopted' where id = $1 returning 1`, [id]);
				expect(await attempt(db, claimsFor(user), forged)).toBe('refused');
			}
		}
		const stored = await ownerRows<{ id: string; status: string; yes_count: number | null }>(
			db,
			`select id, status, yes_count from public.votes where id = any($1::uuid[]) order by status`,
			[[closed, open]]
		);
		expect(stored).toEqual([
			{ id: open, status: 'open', yes_count: null },
			{ id: closed, status: 'rejected', yes_count: 0 }
		]);
	});

	it('refuses vote rows, voters, participation and choices written past the functions', async () => {
		const item = await decisionItem('Direkt eingetragen');
		const chair = claimsFor(people.chair);
		const office = claimsFor(people.office);
		const withResult = (tx: Tx) =>
			rows(
				tx,
				`insert into public.votes (board_id, kind, motion, deadline, status, yes_count) values ($1, 'circular', 'Antrag', now() + interval '1 day', 'adopted', 99) returning 1`,
				[board.id]
			);
		expect(await attempt(db, chair, withResult)).toBe('refused');
		const meetingVote = (tx: Tx) =>
			rows(
				tx,
				`insert into public.votes (board_id, kind, meeting_id, item_id, motion) values ($1, 'meeting', $2, $3, 'Antrag') returning 1`,
				[board.id, meeting.id, item.id]
			);
		expect(await attempt(db, office, meetingVote)).toBe('refused');
		const onItem = (tx: Tx) =>
			rows(
				tx,
				`insert into public.votes (board_id, kind, item_id, motion, deadline) values ($1, 'circular', $2, 'Antrag', now() + interval '1 day') returning 1`,
				[board.id, item.id]
			);
		expect(await attempt(db, chair, onItem)).toBe('refused');

		const recorded = await decisionItem('Namentlich');
		const o = await as(people.office);
		await o.meeting.record(
			o.ctx,
			meeting.id,
			meetingResultSchema.parse({
				itemId: recorded.id,
				mode: 'named',
				named: [{ userId: people.chair.id, choice: 'yes' }]
			})
		);
		const [vote] = await ownerRows<{ id: string }>(db, `select id from public.votes where item_id = $1`, [recorded.id]);
		const addChoice = (tx: Tx) =>
			rows(
				tx,
				`insert into public.vote_choices (vote_id, user_id, board_id, choice) values ($1, $2, $3, 'no') returning 1`,
				[vote!.id, people.m1.id, board.id]
			);
		const addParticipation = (tx: Tx) =>
			rows(tx, `insert into public.vote_participation (vote_id, user_id, board_id) values ($1, $2, $3) returning 1`, [
				vote!.id,
				people.m1.id,
				board.id
			]);
		expect(await attempt(db, office, addChoice)).toBe('refused');
		expect(await attempt(db, office, addParticipation)).toBe('refused');

		const open = await o.circular.create(o.ctx, circularInput());
		const m1 = await as(people.m1);
		await m1.circular.vote(m1.ctx, open, 'yes');
		const latecomer = await addMember(db, { board, role: 'member' });
		const addVoter = (tx: Tx) =>
			rows(tx, `insert into public.vote_voters (vote_id, user_id, board_id) values ($1, $2, $3) returning 1`, [
				open,
				latecomer.id,
				board.id
			]);
		expect(await attempt(db, chair, addVoter)).toBe('refused');
	});

	it('refuses decision-log rows written directly, so recording keeps working', async () => {
		const [head] = await ownerRows<{ seq: number }>(
			db,
			`select coalesce(max(seq), 0)::int as seq from public.decision_entries where board_id = $1`,
			[board.id]
		);
		const forge = (user: TestUser) =>
			asUser(user, (tx) =>
				tx.query(
					`insert into public.decision_entries (board_id, seq, year, number_in_year, number, change, title, resolution, kind, status, source, is_public, recorded_by, recorded_at, prev_hash, hash)
					 values ($1, $2, 2026, 90, '2026/90', 'recorded', 'Gefälscht', 'Gefälscht', 'resolution', 'adopted', 'manual', true, $3, now(), 'x', 'y')`,
					[board.id, head!.seq + 1, user.id]
				)
			);
		await expect(forge(people.office)).rejects.toMatchObject({ code: '42501' });
		await expect(forge(people.chair)).rejects.toMatchObject({ code: '42501' });
		const reserve = asUser(people.office, (tx) =>
			tx.query(`select * from public.decision_reserve($1, 2026, true, 'manual', null)`, [board.id])
		);
		await expect(reserve).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|42883)$/) });
		const recorded = await (
			await decisions(people.chair)
		).record(await boardAs(db, people.chair, board), {
			title: 'Nach dem Versuch',
			resolution: 'Der Beirat beschließt weiter.',
			kind: 'resolution',
			status: 'adopted',
			outcome: 'counted',
			yes: 4,
			isPublic: true
		});
		expect(recorded.number).toMatch(/^\d{4}\/\d{2,}$/);
		expect((await verify()).ok).toBe(true);
	});

	it('lets the functions write only what the app writes', async () => {
		const chair = claimsFor(people.chair);
		const entry = (source: string, extra: Record<string, unknown> = {}) =>
			JSON.stringify({
				title: 'T',
				resolution: 'R',
				kind: 'resolution',
				voteResult: { yes: 9 },
				status: 'adopted',
				isPublic: true,
				source,
				...extra
			});
		const record = (json: string) => (tx: Tx) =>
			rows(tx, `select * from public.decision_record($1, $2::text::jsonb)`, [board.id, json]);
		const vote = await closedVote();
		expect(await attempt(db, chair, record(entry('circular', { sourceId: vote })))).toBe('refused');
		expect(await attempt(db, chair, record(entry('minutes', { sourceId: `${vote}:${vote}` })))).toBe('refused');
		const discussion = await createItem(db, { meeting, title: 'Aussprache', kind: 'discussion' });
		await expect(
			asUser(
				people.chair,
				record(entry('meeting', { sourceId: discussion.id, agendaItemId: discussion.id, meetingId: meeting.id }))
			)
		).rejects.toMatchObject({ code: '22023' });
		const other = await createMeeting(db);
		await expect(asUser(people.chair, record(entry('manual', { meetingId: other.id })))).rejects.toMatchObject({
			code: '22023'
		});
		expect(await attempt(db, claimsFor(people.m1), record(entry('manual')))).toBe('refused');

		const office = await as(people.office);
		const open = await office.circular.create(office.ctx, circularInput());
		const close = (tx: Tx) => rows(tx, `select * from public.close_circular_vote($1)`, [open]);
		expect(await attempt(db, claimsFor(people.m1), close)).toBe('refused');
		expect(await attempt(db, chair, close)).toBe('allowed');
		const item = await decisionItem('Nur die Geschäftsstelle');
		const recordMeeting = (tx: Tx) => rows(tx, `select public.record_meeting_vote($1, null, 3, 0, 0)`, [item.id]);
		expect(await attempt(db, chair, recordMeeting)).toBe('refused');
		const tooMany = asUser(people.office, (tx) =>
			tx.query(`select public.record_meeting_vote($1, null, 9, 0, 0)`, [item.id])
		);
		await expect(tooMany).rejects.toMatchObject({ code: '22023' });

		const a = await recordDecision(db, { board, by: people.chair });
		const b = await recordDecision(db, { board, by: people.chair });
		const supersede = (tx: Tx) =>
			rows(
				tx,
				`select * from public.decision_revise($1, $2, (select id from public.decision_entries where board_id = $1 and number = $2), 'superseded', $3::text::jsonb)`,
				[board.id, a.number, JSON.stringify({ supersededBy: b.number })]
			);
		await expect(asUser(people.chair, supersede)).rejects.toMatchObject({ code: '22023' });
	});

	it('records decisions, amendments, circular and meeting votes through the functions; the chain verifies', async () => {
		const chair = await decisions(people.chair);
		const ctx = await boardAs(db, people.chair, board);
		const tricky = 'Zustimmung "mit" Auflagen \\ Ä ö ß € 😀\tTab\u0001\u2028Ende';
		const old = await chair.record(ctx, {
			title: tricky,
			resolution: `${tricky}\nzweite Zeile`,
			kind: 'recommendation',
			status: 'adopted',
			outcome: 'unanimous',
			isPublic: false,
			responsible: 'Wirtschaftsförderung',
			dueDate: '2027-03-31'
		});
		await chair.amend(ctx, old.number, { title: 'Geändert', resolution: 'Geänderter Text' });
		await chair.changeStatus(ctx, old.number, { status: 'implemented', responsible: 'Stadtwerke' });
		const replacement = await chair.record(ctx, {
			title: 'Ersatz',
			resolution: 'Ersetzt den alten Beschluss.',
			kind: 'resolution',
			status: 'adopted',
			outcome: 'consensus',
			isPublic: true,
			supersedes: old.number
		});
		const history = (await chair.get(ctx, old.number)).history;
		expect(history.map((e) => [e.revision, e.change, e.status, e.title, e.responsible])).toEqual([
			[0, 'recorded', 'adopted', tricky, 'Wirtschaftsförderung'],
			[1, 'amended', 'adopted', 'Geändert', 'Wirtschaftsförderung'],
			[2, 'status', 'implemented', 'Geändert', 'Stadtwerke'],
			[3, 'superseded', 'superseded', 'Geändert', 'Stadtwerke']
		]);
		expect(history.at(-1)!.supersededBy).toBe(replacement.number);
		expect(history.every((e) => e.recordedBy === people.chair.id)).toBe(true);

		const office = await as(people.office);
		const circular = await office.circular.create(office.ctx, circularInput({ minParticipation: '50' }));
		for (const user of [people.chair, people.m1, people.m2]) {
			const me = await as(user);
			await me.circular.vote(me.ctx, circular, user === people.m2 ? 'no' : 'yes');
		}
		await office.circular.close(office.ctx, circular);
		const byJob = await office.circular.create(office.ctx, circularInput({ minParticipation: '0' }));
		const m3 = await as(people.m3);
		await m3.circular.vote(m3.ctx, byJob, 'yes');
		await setDeadline(db, byJob, new Date(Date.now() - 1000));
		await runVoteJob({ db, mailer, origin: 'http://beirat.test' });

		const counted = await decisionItem('Gezählt');
		const named = await decisionItem('Namentlich abgestimmt');
		expect(
			await office.meeting.record(
				office.ctx,
				meeting.id,
				meetingResultSchema.parse({ itemId: counted.id, mode: 'counts', yes: '2', no: '1' })
			)
		).toBe('adopted');
		const byName = meetingResultSchema.parse({
			itemId: named.id,
			mode: 'named',
			named: [
				{ userId: people.m1.id, choice: 'no' },
				{ userId: people.m2.id, choice: 'yes' }
			]
		});
		expect(await office.meeting.record(office.ctx, meeting.id, byName)).toBe('rejected');
		await expect(office.meeting.record(office.ctx, meeting.id, byName)).rejects.toMatchObject({
			messageKey: 'votes.error.alreadyRecorded'
		});

		const logged = await ownerRows<{
			source: string;
			source_id: string;
			status: string;
			vote_result: Record<string, number>;
			title: string;
			recorded_by: string | null;
		}>(
			db,
			`select source, source_id, status, vote_result, title, recorded_by from public.decision_entries where source_id = any($1::text[]) order by seq`,
			[[circular, byJob, counted.id, named.id]]
		);
		expect(logged).toEqual([
			{
				source: 'circular',
				source_id: circular,
				status: 'adopted',
				vote_result: { yes: 2, no: 1, abstain: 0 },
				title: expect.any(String),
				recorded_by: people.office.id
			},
			{
				source: 'circular',
				source_id: byJob,
				status: 'adopted',
				vote_result: { yes: 1, no: 0, abstain: 0 },
				title: expect.any(String),
				recorded_by: null
			},
			{
				source: 'meeting',
				source_id: counted.id,
				status: 'adopted',
				vote_result: { yes: 2, no: 1, abstain: 0 },
				title: 'Gezählt',
				recorded_by: people.office.id
			},
			{
				source: 'meeting',
				source_id: named.id,
				status: 'rejected',
				vote_result: { yes: 1, no: 1, abstain: 0 },
				title: 'Namentlich abgestimmt',
				recorded_by: people.office.id
			}
		]);
		const [namedVote] = await ownerRows<{ yes_count: number; no_count: number; eligible_count: number }>(
			db,
			`select yes_count, no_count, eligible_count from public.votes where item_id = $1`,
			[named.id]
		);
		expect(namedVote).toEqual({ yes_count: 1, no_count: 1, eligible_count: 3 });
		expect(await verify()).toMatchObject({ ok: true });
	});

	it('refuses a meeting result for an item whose decision is already in the log', async () => {
		const item = await decisionItem('Schon beschlossen');
		await recordDecision(db, {
			board,
			by: people.chair,
			source: 'meeting',
			sourceId: item.id,
			agendaItemId: item.id,
			meetingId: meeting.id
		});
		const office = await as(people.office);
		const input = meetingResultSchema.parse({ itemId: item.id, mode: 'counts', yes: '1' });
		await expect(office.meeting.record(office.ctx, meeting.id, input)).rejects.toMatchObject({
			messageKey: 'votes.error.alreadyRecorded'
		});
		expect(await ownerRows(db, `select 1 from public.votes where item_id = $1`, [item.id])).toHaveLength(0);
	});
});
