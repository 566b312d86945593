import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser, type Claims } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { claimsFor, createInvitation, createOutboxMail, createUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { testDatabases } from '../support/databases';
import { matrixRow, rows } from '../support/rls';

const ACTORS = ['anon', 'guestA', 'memberA', 'officeA', 'memberB', 'deactivatedA', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

interface World {
	boardA: { id: string };
	boardB: { id: string };
	users: Record<Exclude<Actor, 'anon'>, { id: string; email: string; membershipId?: string }>;
	invitationA: { id: string };
	/** An account without a profile: nobody but its owner could create one. */
	orphanUserId: string;
}

type Case = {
	table: string;
	op: 'select' | 'insert' | 'update' | 'delete';
	allowed: Actor[];
	run: (tx: Tx, w: World) => Promise<number>;
};

const everyoneRefused: Actor[] = [];

const CASES: Case[] = [
	{
		table: 'boards',
		op: 'select',
		allowed: ['guestA', 'memberA', 'officeA', 'admin'],
		run: (tx, w) => rows(tx, `select 1 from public.boards where id = $1`, [w.boardA.id])
	},
	{
		table: 'boards',
		op: 'insert',
		allowed: ['admin'],
		run: (tx) => rows(tx, `insert into public.boards (slug, name) values ('neu-neu', 'Neu') returning 1`)
	},
	{
		table: 'boards',
		op: 'update',
		allowed: ['admin'],
		run: (tx, w) => rows(tx, `update public.boards set name = 'X' where id = $1 returning 1`, [w.boardA.id])
	},
	{
		table: 'boards',
		op: 'delete',
		allowed: ['admin'],
		run: (tx, w) => rows(tx, `delete from public.boards where id = $1 returning 1`, [w.boardA.id])
	},

	{
		table: 'profiles',
		op: 'select',
		allowed: ['memberA', 'officeA', 'admin'],
		run: (tx, w) => rows(tx, `select 1 from public.profiles where user_id = $1`, [w.users.memberA.id])
	},
	{
		table: 'profiles',
		op: 'insert',
		allowed: everyoneRefused,
		run: (tx, w) =>
			rows(tx, `insert into public.profiles (user_id, email, display_name) values ($1, 'x@y.z', 'X') returning 1`, [
				w.orphanUserId
			])
	},
	{
		table: 'profiles',
		op: 'update',
		allowed: ['memberA'],
		run: (tx, w) =>
			rows(tx, `update public.profiles set display_name = 'Neu' where user_id = $1 returning 1`, [w.users.memberA.id])
	},
	{
		table: 'profiles',
		op: 'delete',
		allowed: ['admin'],
		run: (tx, w) => rows(tx, `delete from public.profiles where user_id = $1 returning 1`, [w.users.memberA.id])
	},

	{
		table: 'memberships',
		op: 'select',
		allowed: ['memberA', 'officeA', 'admin'],
		run: (tx, w) => rows(tx, `select 1 from public.memberships where id = $1`, [w.users.memberA.membershipId])
	},
	{
		table: 'memberships',
		op: 'insert',
		allowed: ['officeA', 'admin'],
		run: (tx, w) =>
			rows(tx, `insert into public.memberships (board_id, user_id, role) values ($1, $2, 'member') returning 1`, [
				w.boardA.id,
				w.users.memberB.id
			])
	},
	{
		table: 'memberships',
		op: 'update',
		allowed: ['officeA', 'admin'],
		run: (tx, w) =>
			rows(tx, `update public.memberships set role = 'chair' where id = $1 returning 1`, [w.users.memberA.membershipId])
	},
	{
		table: 'memberships',
		op: 'delete',
		allowed: ['officeA', 'admin'],
		run: (tx, w) => rows(tx, `delete from public.memberships where id = $1 returning 1`, [w.users.memberA.membershipId])
	},

	{
		table: 'platform_admins',
		op: 'select',
		allowed: ['admin'],
		run: (tx, w) => rows(tx, `select 1 from public.platform_admins where user_id = $1`, [w.users.admin.id])
	},
	{
		table: 'platform_admins',
		op: 'insert',
		allowed: ['admin'],
		run: (tx, w) =>
			rows(tx, `insert into public.platform_admins (user_id) values ($1) returning 1`, [w.users.memberA.id])
	},
	{
		table: 'platform_admins',
		op: 'update',
		allowed: ['admin'],
		run: (tx, w) =>
			rows(tx, `update public.platform_admins set created_at = now() where user_id = $1 returning 1`, [
				w.users.admin.id
			])
	},
	{
		table: 'platform_admins',
		op: 'delete',
		allowed: ['admin'],
		run: (tx, w) => rows(tx, `delete from public.platform_admins where user_id = $1 returning 1`, [w.users.admin.id])
	},

	{
		table: 'invitations',
		op: 'select',
		allowed: ['officeA', 'admin'],
		run: (tx, w) => rows(tx, `select 1 from public.invitations where id = $1`, [w.invitationA.id])
	},
	{
		table: 'invitations',
		op: 'insert',
		allowed: ['officeA', 'admin'],
		run: (tx, w) =>
			rows(
				tx,
				`insert into public.invitations (board_id, email, role, token_hash, expires_at) values ($1, 'neu@test.example', 'member', 'h', now()) returning 1`,
				[w.boardA.id]
			)
	},
	{
		table: 'invitations',
		op: 'update',
		allowed: ['officeA', 'admin'],
		run: (tx, w) =>
			rows(tx, `update public.invitations set role = 'guest' where id = $1 returning 1`, [w.invitationA.id])
	},
	{
		table: 'invitations',
		op: 'delete',
		allowed: ['officeA', 'admin'],
		run: (tx, w) => rows(tx, `delete from public.invitations where id = $1 returning 1`, [w.invitationA.id])
	},

	{ table: 'mail_outbox', op: 'select', allowed: ['admin'], run: (tx) => rows(tx, `select 1 from public.mail_outbox`) },
	{
		table: 'mail_outbox',
		op: 'insert',
		allowed: everyoneRefused,
		run: (tx) =>
			rows(
				tx,
				`insert into public.mail_outbox (to_email, subject, body_text, kind) values ('a@b.c', 's', 't', 'k') returning 1`
			)
	},
	{
		table: 'mail_outbox',
		op: 'update',
		allowed: everyoneRefused,
		run: (tx) => rows(tx, `update public.mail_outbox set subject = 'x' returning 1`)
	},
	{
		table: 'mail_outbox',
		op: 'delete',
		allowed: everyoneRefused,
		run: (tx) => rows(tx, `delete from public.mail_outbox returning 1`)
	},

	{
		table: 'sign_in_attempts',
		op: 'select',
		allowed: everyoneRefused,
		run: (tx) => rows(tx, `select 1 from public.sign_in_attempts`)
	},
	{
		table: 'sign_in_attempts',
		op: 'insert',
		allowed: everyoneRefused,
		run: (tx) =>
			rows(tx, `insert into public.sign_in_attempts (email, ip, succeeded) values ('a', 'b', false) returning 1`)
	},
	{
		table: 'sign_in_attempts',
		op: 'update',
		allowed: everyoneRefused,
		run: (tx) => rows(tx, `update public.sign_in_attempts set succeeded = true returning 1`)
	},
	{
		table: 'sign_in_attempts',
		op: 'delete',
		allowed: everyoneRefused,
		run: (tx) => rows(tx, `delete from public.sign_in_attempts returning 1`)
	}
];

describe.each(testDatabases())('RLS of the foundation tables on $name', (target) => {
	let db: Database;
	let world: World;
	const claims = (actor: Actor): Claims | null => (actor === 'anon' ? null : claimsFor(world.users[actor]));

	beforeAll(async () => {
		db = await target.open();
		const {
			board: boardA,
			other: boardB,
			people: users
		} = await boardWithRoles(db, {
			guestA: 'guest',
			memberA: 'member',
			officeA: 'office',
			memberB: { role: 'member', otherBoard: true },
			deactivatedA: { role: 'member', active: false },
			admin: 'admin'
		});
		await db.ownerTransaction((tx) =>
			tx.query(`insert into public.sign_in_attempts (email, ip, succeeded) values ('a@b.c', '1.2.3.4', false)`)
		);
		await createOutboxMail(db);
		const orphanUserId = randomUUID();
		await db.ownerTransaction((tx) =>
			tx.query(`insert into auth.users (id, email) values ($1, 'orphan@test.example')`, [orphanUserId])
		);
		world = { boardA, boardB, users, orphanUserId, invitationA: await createInvitation(db, { board: boardA }) };
		await createInvitation(db, { board: boardB });
	});
	afterAll(async () => {
		await db.close();
	});

	it.each(CASES)('$table $op', async (testCase) => {
		const { outcomes, expected } = await matrixRow({
			db,
			actors: ACTORS,
			claims,
			allowed: testCase.allowed,
			run: (tx) => testCase.run(tx, world)
		});
		expect(outcomes).toEqual(expected);
	});

	it('refuses a query outside the request wrapper', async () => {
		await expect(db.transaction((tx) => tx.query(`select 1 from public.profiles`))).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('treats claims with quotes as data, not SQL', async () => {
		const user = await createUser(db, { email: `o'brien"--@test.example` });
		const evil = { ...claimsFor(user), email: `x'); drop table public.boards; --`, name: `"'\\` };
		const [row] = await withUser(db, evil, (tx) =>
			tx.query<{ email: string; uid: string }>(`select auth.email() as email, auth.uid() as uid`)
		);
		expect(row).toEqual({ email: evil.email, uid: user.id });
		const [boards] = await db.ownerTransaction((tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from public.boards`)
		);
		expect(boards!.n).toBeGreaterThan(0);
	});

	it('never mixes identities of concurrent requests', async () => {
		const people = await Promise.all(Array.from({ length: 12 }, () => createUser(db)));
		const seen = await Promise.all(
			people.flatMap((person) =>
				[0, 1].map(() =>
					withUser(db, claimsFor(person), async (tx) => {
						await tx.query(`select pg_sleep(0.005)`);
						const [row] = await tx.query<{ uid: string; email: string }>(
							`select auth.uid() as uid, p.email from public.profiles p where p.user_id = auth.uid()`
						);
						return { expected: person.id, ...row };
					})
				)
			)
		);
		for (const entry of seen) expect(entry.uid).toBe(entry.expected);
		expect(new Set(seen.map((entry) => entry.email)).size).toBe(people.length);
	});

	it('forgets the identity once the transaction ends', async () => {
		const user = await createUser(db);
		await withUser(db, claimsFor(user), (tx) => tx.query('select 1'));
		await expect(db.transaction((tx) => tx.query(`select 1 from public.profiles`))).rejects.toMatchObject({
			code: '42501'
		});
	});
});
