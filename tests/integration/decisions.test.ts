import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem, withUser } from '$lib/server/db/scoped';
import type { BoardContext } from '$lib/server/boards/policy';
import type { BoardRole } from '$lib/roles';
import { decisionService } from '$lib/server/services';
import type { Database } from '$lib/server/db/types';
import type { RequestContext } from '$lib/server/context';
import { appendDecision, appendRevision, chainEntries, findEntries } from '$lib/server/decisions/decision.repository';
import { verifyChain } from '$lib/server/decisions/decision-verify';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { recordDecision } from '../factories/decisions';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { translate } from '$lib/i18n';

const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date()));
const num = (n: number) => `${year}/${String(n).padStart(2, '0')}`;

describe.each(testDatabases())('decision log ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
	});
	afterAll(() => db.close());

	const verify = (boardId: string) =>
		withSystem(db, 'decision-verify', (tx) => chainEntries(tx, boardId)).then(verifyChain);

	it('numbers per board and year, gap-free, and separately for another board', async () => {
		const b = await createBoard(db);
		const o = await addMember(db, { board: b, role: 'chair' });
		const first = await recordDecision(db, { board: b, by: o });
		const second = await recordDecision(db, { board: b, by: o });
		const other = await createBoard(db);
		const otherOffice = await addMember(db, { board: other, role: 'office' });
		const third = await recordDecision(db, { board: other, by: otherOffice });
		expect([first.number, second.number, third.number]).toEqual([num(1), num(2), num(1)]);
	});

	it('gives concurrent appends distinct gap-free numbers and a valid chain', async () => {
		const b = await createBoard(db);
		const o = await addMember(db, { board: b, role: 'office' });
		const results = await Promise.all(Array.from({ length: 6 }, () => recordDecision(db, { board: b, by: o })));
		expect(results.map((r) => r.number).sort()).toEqual([1, 2, 3, 4, 5, 6].map(num));
		expect(await verify(b.id)).toEqual({ ok: true, count: 6 });
	});

	it('a rolled-back append leaves no gap', async () => {
		const b = await createBoard(db);
		const o = await addMember(db, { board: b, role: 'office' });
		await expect(
			withUser(db, claimsFor(o), async (tx) => {
				await appendDecision(tx, {
					boardId: b.id,
					title: 'T',
					resolution: 'R',
					kind: 'position',
					voteResult: {},
					status: 'adopted',
					source: 'manual',
					isPublic: true
				});
				throw new Error('caller failed');
			})
		).rejects.toThrow('caller failed');
		expect((await recordDecision(db, { board: b, by: o })).number).toBe(num(1));
	});

	it('is idempotent per source and source id', async () => {
		const meeting = await createMeeting(db, { board });
		const item = await createItem(db, { meeting, kind: 'decision' });
		const link = { source: 'meeting', sourceId: item.id, agendaItemId: item.id, meetingId: meeting.id } as const;
		const first = await withSystem(db, 'decision-verify', (tx) =>
			appendDecision(tx, {
				boardId: board.id,
				title: 'Sitzung',
				resolution: 'R',
				kind: 'resolution',
				voteResult: { unanimous: true },
				status: 'adopted',
				isPublic: false,
				...link
			})
		);
		const again = await recordDecision(db, { board, by: office, ...link });
		expect(again).toEqual({ ...first, created: false });
		const rows = await withSystem(db, 'decision-verify', (tx) =>
			tx.query(`select 1 from public.decision_entries where source_id = $1`, [item.id])
		);
		expect(rows).toHaveLength(1);
	});

	it('refuses UPDATE and DELETE for the app and for the owner', async () => {
		const d = await recordDecision(db, { board, by: office });
		for (const sql of [
			`update public.decision_entries set title = 'X' where id = $1`,
			`delete from public.decision_entries where id = $1`
		]) {
			await expect(withUser(db, claimsFor(office), (tx) => tx.query(sql, [d.id]))).rejects.toMatchObject({
				code: '42501'
			});
			await expect(db.ownerTransaction((tx) => tx.query(sql, [d.id]))).rejects.toThrow(/append-only/);
		}
	});

	it('keeps amendments and supersedes as new entries; the chain verifies', async () => {
		const d = await recordDecision(db, { board, by: office });
		const next = await recordDecision(db, { board, by: office, supersedes: d.number });
		await withUser(db, claimsFor(office), async (tx) => {
			const [current] = (await findEntries(tx, board.id, d.number)).slice(-1);
			const amended = await appendRevision(tx, current!, { change: 'amended', resolution: 'Geänderter Text' });
			const [now] = (await findEntries(tx, board.id, d.number)).slice(-1);
			expect(amended.number).toBe(d.number);
			await appendRevision(tx, now!, { change: 'superseded', status: 'superseded', supersededBy: next.number });
		});
		const history = await withUser(db, claimsFor(office), (tx) => findEntries(tx, board.id, d.number));
		expect(history.map((e) => [e.revision, e.change, e.status])).toEqual([
			[0, 'recorded', 'adopted'],
			[1, 'amended', 'adopted'],
			[2, 'superseded', 'superseded']
		]);
		expect(history[1]!.previousId).toBe(history[0]!.id);
		expect(history[2]!.supersededBy).toBe(next.number);
		expect((await verify(board.id)).ok).toBe(true);
	});

	it('detects an UPDATE made as owner with the maintenance setting, naming the entry', async () => {
		const b = await createBoard(db);
		const o = await addMember(db, { board: b, role: 'office' });
		await recordDecision(db, { board: b, by: o });
		const tampered = await recordDecision(db, { board: b, by: o });
		await recordDecision(db, { board: b, by: o });
		expect((await verify(b.id)).ok).toBe(true);
		await db.ownerTransaction(async (tx) => {
			await tx.query(`select set_config('beirat.decisions_maintenance', 'on', true)`);
			await tx.query(`update public.decision_entries set vote_result = '{"yes":9}' where id = $1`, [tampered.id]);
		});
		expect(await verify(b.id)).toMatchObject({ ok: false, brokenNumber: tampered.number, reason: 'hash' });
	});

	it('hides non-public decisions from guests, other boards and signed-out visitors', async () => {
		const meeting = await createMeeting(db, { board });
		const item = await createItem(db, { meeting, isPublic: false });
		const secret = await recordDecision(db, {
			board,
			by: office,
			meetingId: meeting.id,
			agendaItemId: item.id,
			isPublic: false
		});
		const open = await recordDecision(db, { board, by: office, meetingId: meeting.id, isPublic: true });
		const guest = await addMember(db, { board, role: 'guest' });
		await db.ownerTransaction((tx) =>
			tx.query(`insert into public.meeting_guests (meeting_id, user_id) values ($1, $2)`, [meeting.id, guest.id])
		);
		const member = await addMember(db, { board, role: 'member' });
		const otherBoard = await createBoard(db);
		const stranger = await addMember(db, { board: otherBoard, role: 'office' });
		const seen = (user: TestUser | null) => {
			const run = (tx: Parameters<Parameters<typeof withSystem>[2]>[0]) =>
				tx.query<{ id: string }>(`select id from public.decision_entries where id = any($1::uuid[])`, [
					[secret.id, open.id]
				]);
			return (
				user
					? withUser(db, claimsFor(user), run)
					: db
							.transaction(async (tx) => {
								await tx.query(`select set_config('role', 'anon', true)`);
								return run(tx);
							})
							.catch((e: { code?: string }) => (e.code === '42501' ? [] : Promise.reject(e)))
			).then((r) => r.map((x) => x.id).sort());
		};
		expect(await seen(member)).toEqual([secret.id, open.id].sort());
		expect(await seen(guest)).toEqual([open.id]);
		expect(await seen(stranger)).toEqual([]);
		expect(await seen(null)).toEqual([]);
	});

	it('refuses recording by members and guests', async () => {
		const member = await addMember(db, { board, role: 'member' });
		await expect(recordDecision(db, { board, by: member })).rejects.toMatchObject({ code: '42501' });
	});
});

describe.each(testDatabases())('decision service ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let chair: TestUser;
	let member: TestUser;

	beforeAll(async () => {
		db = await database.open();
		({
			board,
			people: { chair, member }
		} = await boardWithRoles(db, { chair: 'chair', member: 'member' }));
		for (const user of [chair, member]) requests.set(user.id, await requestTo(db, user));
	});
	afterAll(() => db.close());

	const ctx = (role: BoardRole | null): BoardContext => ({ id: board.id, slug: board.slug, name: board.name, role });
	/** One request per person (their roles do not change here), each service built from it as the app does. */
	const requests = new Map<string, RequestContext>();
	const service = (user: TestUser) => decisionService(requests.get(user.id)!);
	const form = {
		title: 'Haushalt',
		resolution: 'Zustimmung "mit" Auflagen',
		kind: 'resolution' as const,
		status: 'adopted' as const,
		outcome: 'unanimous' as const,
		isPublic: false
	};

	it('supersedes: the old decision shows "superseded by" as its current state', async () => {
		const old = await service(chair).record(ctx('chair'), form);
		const replacement = await service(chair).record(ctx('chair'), {
			...form,
			title: 'Haushalt neu',
			supersedes: old.number
		});
		const page = await service(member).get(ctx('member'), old.number);
		expect(page.decision).toMatchObject({ status: 'superseded', supersededBy: replacement.number, revision: 1 });
		expect((await service(member).get(ctx('member'), replacement.number)).decision.supersedes).toBe(old.number);
		await expect(
			service(chair).changeStatus(ctx('chair'), old.number, { status: 'implemented' })
		).rejects.toMatchObject({ status: 409 });
	});

	it('refuses recording, status changes and verification by members', async () => {
		const d = await service(chair).record(ctx('chair'), form);
		await expect(service(member).record(ctx('member'), form)).rejects.toMatchObject({ status: 403 });
		await expect(
			service(member).changeStatus(ctx('member'), d.number, { status: 'implemented' })
		).rejects.toMatchObject({ status: 403 });
		await expect(service(member).verify(ctx('member'))).rejects.toMatchObject({ status: 403 });
		expect((await service(chair).verify(ctx('chair'))).ok).toBe(true);
	});

	it('refuses a result that does not fit its status (0/0/0 "adopted"), with a clear message', async () => {
		const counted = { ...form, outcome: 'counted' as const };
		const refused = [
			[{ ...counted, yes: 0, no: 0, abstain: 0 }, 'decisions.error.noVotes'],
			[{ ...counted }, 'decisions.error.noVotes'],
			[{ ...counted, yes: 2, no: 2, abstain: 1 }, 'decisions.error.noMajority'],
			[{ ...counted, status: 'rejected' as const, yes: 3, no: 1, abstain: 0 }, 'decisions.error.majorityFor'],
			[{ ...form, status: 'rejected' as const, outcome: 'consensus' as const }, 'decisions.error.outcomeOnlyAdopted']
		] as const;
		for (const [input, messageKey] of refused)
			await expect(service(chair).record(ctx('chair'), input)).rejects.toMatchObject({ status: 400, messageKey });
		expect(translate('de', 'decisions.error.noVotes')).toMatch(/Ergebnis/);
		for (const input of [
			{ ...counted, yes: 3, no: 0, abstain: 0 },
			{ ...counted, status: 'rejected' as const, yes: 1, no: 1, abstain: 1 },
			{ ...form, outcome: 'consensus' as const },
			{ ...counted, status: 'deferred' as const }
		])
			expect((await service(chair).record(ctx('chair'), input)).number).toMatch(/^\d{4}\/\d{2,}$/);
	});

	it('filters the list and exports CSV for Excel', async () => {
		const d = await service(chair).record(ctx('chair'), {
			...form,
			title: 'Breitband Ausbau',
			responsible: 'Stadtwerke'
		});
		await service(chair).changeStatus(ctx('chair'), d.number, { status: 'implemented' });
		const found = await service(member).list(ctx('member'), { q: 'breitband', status: 'implemented' });
		expect(found.decisions.map((x) => x.number)).toEqual([d.number]);
		expect((await service(member).list(ctx('member'), { q: 'breitband', status: 'adopted' })).decisions).toEqual([]);
		const csv = await service(member).csv(ctx('member'), { q: 'Breitband' }, (x) => [x.number, x.title, x.status], [
			'Nr.',
			'Titel',
			'Status'
		]);
		expect(csv).toBe(`\uFEFF"Nr.";"Titel";"Status"\r\n"${d.number}";"Breitband Ausbau";"implemented"\r\n`);
	});
});
