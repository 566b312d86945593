import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { withUser } from '$lib/server/db/scoped';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { boardAs } from '../factories/meetings';
import { runVoteJob } from '$lib/server/votes/vote.job';
import { circularInput, memoryMailer, ownerRows, votesAs } from '../factories/votes';
import { testDatabases } from '../support/databases';
import { attempt, rows } from '../support/rls';

type Person = 'office' | 'chair' | 'm1' | 'm2' | 'm3';

/**
 * A secret ballot while it is open: watching the running tally change, or matching who voted when,
 * would reveal each choice. Nobody reads counts before the close, and no time orders the ballots.
 */
describe.each(testDatabases())('secret ballots while open on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<Person, TestUser>;

	async function as(user: TestUser) {
		return { ctx: await boardAs(db, user, board), ...(await votesAs(db, user)) };
	}
	async function openSecret() {
		const office = await as(people.office);
		return office.circular.create(office.ctx, circularInput({ secret: 'on', minParticipation: '0' }));
	}
	async function cast(user: TestUser, voteId: string, choice: 'yes' | 'no' | 'abstain') {
		const me = await as(user);
		await me.circular.vote(me.ctx, voteId, choice);
	}
	const tallyAs = (user: TestUser, voteId: string) =>
		withUser(db, claimsFor(user), async (tx) => {
			const [row] = await tx.query<{ yes: number | null; no: number | null; abstain: number | null; voted: number }>(
				`select yes, no, abstain, voted from public.vote_tally($1)`,
				[voteId]
			);
			return row!;
		});

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member'
		}));
	});
	afterAll(async () => db?.close());

	it('gives nobody the counts while the vote is open, only how many have voted', async () => {
		const id = await openSecret();
		await cast(people.m1, id, 'yes');
		for (const user of [people.office, people.chair, people.m1, people.m2]) {
			expect(await tallyAs(user, id)).toEqual({ yes: null, no: null, abstain: null, voted: 1 });
		}
		const [row] = await ownerRows<{ yes_count: number | null }>(
			db,
			`select yes_count from public.votes where id = $1`,
			[id]
		);
		expect(row!.yes_count).toBeNull();
	});

	it('shows the vote page without counts while open, and "you have voted" to the voter', async () => {
		const id = await openSecret();
		await cast(people.m2, id, 'no');
		const office = await as(people.office);
		const page = await office.circular.get(office.ctx, id);
		expect(page.tally).toMatchObject({ yes: null, no: null, abstain: null, voted: 1, eligible: 4 });
		const m2 = await as(people.m2);
		const mine = await m2.circular.get(m2.ctx, id);
		expect(mine.voted).toBe(true);
		expect(mine.tally.no).toBeNull();
	});

	it('lets office and chair not read who voted when, and stores no time per secret voter', async () => {
		const id = await openSecret();
		await cast(people.m1, id, 'abstain');
		for (const user of [people.office, people.chair, people.m2]) {
			expect(
				await attempt(db, claimsFor(user), (tx) =>
					rows(tx, `select voted_at from public.vote_participation where vote_id = $1`, [id])
				)
			).toBe('refused');
		}
		const own = await withUser(db, claimsFor(people.m1), (tx) =>
			tx.query<{ voted_at: Date | null }>(`select voted_at from public.vote_participation where vote_id = $1`, [id])
		);
		expect(own).toEqual([{ voted_at: null }]);
		const stored = await ownerRows<{ voted_at: Date | null }>(
			db,
			`select voted_at from public.vote_participation where vote_id = $1`,
			[id]
		);
		expect(stored).toEqual([{ voted_at: null }]);
	});

	it('reveals no counts in the transaction that moves a secret vote to a meeting; the server counts it afterwards', async () => {
		const office = await as(people.office);
		const moved = await office.circular.create(office.ctx, circularInput({ secret: 'on', discussionThreshold: '1' }));
		await cast(people.m1, moved, 'no');
		// Any voter may ask for a discussion: in the transaction of the request, nothing is counted yet.
		const peek = await withUser(db, claimsFor(people.m2), async (tx) => {
			const [status] = await tx.query<{ status: string }>(`select public.request_vote_discussion($1) as status`, [
				moved
			]);
			const [tally] = await tx.query<{ yes: number | null; no: number | null }>(
				`select yes, no from public.vote_tally($1)`,
				[moved]
			);
			const [row] = await tx.query<{ no_count: number | null }>(`select no_count from public.votes where id = $1`, [
				moved
			]);
			return { status: status!.status, yes: tally!.yes, no: tally!.no, stored: row!.no_count };
		});
		expect(peek).toEqual({ status: 'moved', yes: null, no: null, stored: null });
		expect(
			await attempt(db, claimsFor(people.m2), (tx) => rows(tx, `select * from public.close_circular_vote($1)`, [moved]))
		).toBe('refused');
		// Office and chair close open votes only: a moved one is counted by the server, not in their transaction.
		expect(
			await attempt(db, claimsFor(people.chair), (tx) =>
				rows(tx, `select * from public.close_circular_vote($1)`, [moved])
			)
		).toBe('refused');
		// The job counts a moved vote the app did not count (here: moved by SQL, not through the service).
		await runVoteJob({ db, mailer: memoryMailer(), origin: 'http://beirat.test' });
		expect(await tallyAs(people.m2, moved)).toEqual({ yes: 0, no: 1, abstain: 0, voted: 1 });

		const viaApp = await office.circular.create(office.ctx, circularInput({ secret: 'on', discussionThreshold: '1' }));
		await cast(people.m1, viaApp, 'yes');
		const m3 = await as(people.m3);
		expect(await m3.circular.requestDiscussion(m3.ctx, viaApp)).toBe('moved');
		expect(await tallyAs(people.m3, viaApp)).toEqual({ yes: 1, no: 0, abstain: 0, voted: 1 });
		const [row] = await ownerRows<{ status: string; yes_count: number }>(
			db,
			`select status, yes_count from public.votes where id = $1`,
			[viaApp]
		);
		expect(row).toEqual({ status: 'moved', yes_count: 1 });
	});

	it('shows the result once the vote is closed', async () => {
		const id = await openSecret();
		await cast(people.m1, id, 'yes');
		await cast(people.m2, id, 'yes');
		await cast(people.m3, id, 'no');
		const office = await as(people.office);
		await office.circular.close(office.ctx, id);
		expect(await tallyAs(people.m1, id)).toEqual({ yes: 2, no: 1, abstain: 0, voted: 3 });
		const page = await office.circular.get(office.ctx, id);
		expect(page.vote).toMatchObject({ status: 'adopted', yesCount: 2, noCount: 1, abstainCount: 0 });
	});

	it('keeps named circular votes as they were: office and chair see who voted what', async () => {
		const office = await as(people.office);
		const id = await office.circular.create(office.ctx, circularInput());
		await cast(people.m1, id, 'no');
		expect((await tallyAs(people.m2, id)).no).toBe(1);
		expect(
			await attempt(db, claimsFor(people.chair), (tx) =>
				rows(tx, `select voted_at from public.vote_participation where vote_id = $1 and voted_at is not null`, [id])
			)
		).toBe('allowed');
		expect((await office.circular.get(office.ctx, id)).named).toEqual([{ userId: people.m1.id, choice: 'no' }]);
	});
});
