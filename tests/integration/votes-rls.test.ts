import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { boardAs } from '../factories/meetings';
import { circularInput, votesAs } from '../factories/votes';
import { testDatabases } from '../support/databases';
import { attempt, rows, type Outcome } from '../support/rls';

type Actor = 'office' | 'chair' | 'm1' | 'm2' | 'advisor' | 'guest' | 'outsider' | 'anon';

describe.each(testDatabases())('votes RLS on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<Exclude<Actor, 'anon'>, TestUser>;
	let openVote: string;
	let secretVote: string;

	const claims = (actor: Actor) => (actor === 'anon' ? null : claimsFor(people[actor]));
	const matrix = async (fn: (tx: Parameters<Parameters<typeof attempt>[2]>[0]) => Promise<number>) => {
		const result: Partial<Record<Actor, Outcome>> = {};
		for (const actor of ['office', 'chair', 'm1', 'm2', 'advisor', 'guest', 'outsider', 'anon'] as Actor[])
			result[actor] = await attempt(db, claims(actor), fn);
		return result;
	};

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			advisor: 'advisor',
			guest: 'guest',
			outsider: { role: 'chair', otherBoard: true }
		}));
		const office = await votesAs(db, people.office);
		const ctx = await boardAs(db, people.office, board);
		openVote = await office.circular.create(ctx, circularInput());
		secretVote = await office.circular.create(ctx, circularInput({ secret: 'on' }));
		for (const id of [openVote, secretVote]) {
			const m1 = await votesAs(db, people.m1);
			await m1.circular.vote(await boardAs(db, people.m1, board), id, 'yes');
		}
	});
	afterAll(async () => db?.close());

	it('only full members of the board see votes and voters', async () => {
		const seen = await matrix((tx) => rows(tx, `select 1 from public.votes where id = $1`, [openVote]));
		expect(seen).toEqual({
			office: 'allowed',
			chair: 'allowed',
			m1: 'allowed',
			m2: 'allowed',
			advisor: 'allowed',
			guest: 'refused',
			outsider: 'refused',
			anon: 'refused'
		});
		const voters = await matrix((tx) => rows(tx, `select 1 from public.vote_voters where vote_id = $1`, [openVote]));
		expect(voters.guest).toBe('refused');
		expect(voters.outsider).toBe('refused');
		expect(voters.m2).toBe('allowed');
	});

	it("a voter sees their own choice; office and chair see others'; nobody else", async () => {
		const ofM1 = await matrix((tx) =>
			rows(tx, `select 1 from public.vote_choices where vote_id = $1 and user_id = $2`, [openVote, people.m1.id])
		);
		expect(ofM1).toEqual({
			office: 'allowed',
			chair: 'allowed',
			m1: 'allowed',
			m2: 'refused',
			advisor: 'refused',
			guest: 'refused',
			outsider: 'refused',
			anon: 'refused'
		});
	});

	it('nobody reads secret ballots, and no one reads a secret choice per person', async () => {
		const ballots = await matrix((tx) =>
			rows(tx, `select 1 from public.vote_ballots where vote_id = $1`, [secretVote])
		);
		expect(Object.values(ballots).every((o) => o === 'refused')).toBe(true);
		const choices = await matrix((tx) =>
			rows(tx, `select 1 from public.vote_choices where vote_id = $1`, [secretVote])
		);
		expect(Object.values(choices).every((o) => o === 'refused')).toBe(true);
	});

	it('counts only for those who see the vote, and for nobody while a secret vote is open', async () => {
		const yesOf = (voteId: string) => async (tx: Parameters<Parameters<typeof attempt>[2]>[0]) => {
			const [row] = await tx.query<{ yes: number | null }>(`select yes from public.vote_tally($1)`, [voteId]);
			return row?.yes ?? 0;
		};
		expect(await matrix(yesOf(openVote))).toMatchObject({
			m2: 'allowed',
			office: 'allowed',
			guest: 'refused',
			outsider: 'refused',
			anon: 'refused'
		});
		expect(Object.values(await matrix(yesOf(secretVote))).every((o) => o === 'refused')).toBe(true);
	});

	it('choices cannot be written past cast_vote, and cast_vote refuses non-voters', async () => {
		const direct = await matrix((tx) =>
			rows(
				tx,
				`insert into public.vote_choices (vote_id, user_id, board_id, choice) values ($1, (select auth.uid()), $2, 'no') returning 1`,
				[openVote, board.id]
			)
		);
		expect(Object.values(direct).every((o) => o === 'refused')).toBe(true);
		const viaFunction = await matrix(async (tx) => {
			const [row] = await tx.query<{ ok: boolean }>(`select public.cast_vote($1, 'no') as ok`, [openVote]);
			return row?.ok ? 1 : 0;
		});
		expect(viaFunction).toEqual({
			office: 'refused',
			chair: 'allowed',
			m1: 'allowed',
			m2: 'allowed',
			advisor: 'refused',
			guest: 'refused',
			outsider: 'refused',
			anon: 'refused'
		});
	});

	it('only office and chair open circular votes and close them through the function; nobody writes a result by UPDATE', async () => {
		const opened = await matrix((tx) =>
			rows(
				tx,
				`insert into public.votes (board_id, kind, motion, deadline) values ($1, 'circular', 'Antrag', now() + interval '1 day') returning 1`,
				[board.id]
			)
		);
		expect(opened).toEqual({
			office: 'allowed',
			chair: 'allowed',
			m1: 'refused',
			m2: 'refused',
			advisor: 'refused',
			guest: 'refused',
			outsider: 'refused',
			anon: 'refused'
		});
		const updated = await matrix((tx) =>
			rows(tx, `update public.votes set status = 'adopted' where id = $1 returning 1`, [openVote])
		);
		expect(Object.values(updated).every((o) => o === 'refused')).toBe(true);
		const closed = await matrix((tx) => rows(tx, `select * from public.close_circular_vote($1)`, [openVote]));
		expect(closed).toEqual({
			office: 'allowed',
			chair: 'allowed',
			m1: 'refused',
			m2: 'refused',
			advisor: 'refused',
			guest: 'refused',
			outsider: 'refused',
			anon: 'refused'
		});
	});
});
