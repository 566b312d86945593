import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser, type Claims } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { claimsFor } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper, grantPaperAccess, type TestPaper } from '../factories/papers';
import { testDatabases } from '../support/databases';
import { matrixRow, rows } from '../support/rls';

const ACTORS = [
	'anon',
	'guestA',
	'memberA',
	'viewerA',
	'authorA',
	'officeA',
	'formerAuthorA',
	'memberB',
	'admin'
] as const;
type Actor = (typeof ACTORS)[number];

interface World {
	users: Record<Exclude<Actor, 'anon'>, { id: string; email: string }>;
	/** Whole board, default level edit, written by authorA; the guest is named (view). */
	open: TestPaper;
	/** Whole board, default level view. */
	readOnly: TestPaper;
	/** Restricted, viewerA named with view. */
	restricted: TestPaper;
	archived: TestPaper;
	/** Written by formerAuthorA, who has since been deactivated. */
	orphaned: TestPaper;
}

type Case = { name: string; allowed: Actor[]; run: (tx: Tx, w: World) => Promise<number> };

const FULL: Actor[] = ['memberA', 'viewerA', 'authorA', 'officeA'];
const MANAGERS: Actor[] = ['authorA', 'officeA'];

const CASES: Case[] = [
	{
		name: 'papers select (whole board)',
		allowed: [...FULL, 'guestA'],
		run: (tx, w) => rows(tx, `select 1 from public.papers where id = $1`, [w.open.id])
	},
	{
		name: 'papers select (restricted)',
		allowed: ['viewerA', 'authorA', 'officeA'],
		run: (tx, w) => rows(tx, `select 1 from public.papers where id = $1`, [w.restricted.id])
	},
	{
		name: 'papers select (archived)',
		allowed: FULL,
		run: (tx, w) => rows(tx, `select 1 from public.papers where id = $1`, [w.archived.id])
	},
	{
		name: 'papers insert',
		allowed: FULL,
		run: (tx, w) =>
			rows(
				tx,
				`insert into public.papers (board_id, title, created_by) values ($1, 'Neu', (select auth.uid())) returning 1`,
				[w.restricted.boardId]
			)
	},
	{
		name: "papers insert in another person's name",
		allowed: [],
		run: (tx, w) =>
			rows(tx, `insert into public.papers (board_id, title, created_by) values ($1, 'Neu', $2) returning 1`, [
				w.open.boardId,
				w.users.formerAuthorA.id
			])
	},
	{
		name: 'papers update title (default edit)',
		allowed: FULL,
		run: (tx, w) => rows(tx, `update public.papers set title = 'X' where id = $1 returning 1`, [w.open.id])
	},
	{
		name: 'papers update title (default view)',
		allowed: MANAGERS,
		run: (tx, w) => rows(tx, `update public.papers set title = 'X' where id = $1 returning 1`, [w.readOnly.id])
	},
	{
		name: 'papers update title (archived)',
		allowed: MANAGERS,
		run: (tx, w) => rows(tx, `update public.papers set title = 'X' where id = $1 returning 1`, [w.archived.id])
	},
	{
		name: 'papers update visibility',
		allowed: MANAGERS,
		run: (tx, w) =>
			rows(tx, `update public.papers set visibility = 'restricted' where id = $1 returning 1`, [w.open.id])
	},
	{
		name: 'papers update board_access',
		allowed: MANAGERS,
		run: (tx, w) => rows(tx, `update public.papers set board_access = 'view' where id = $1 returning 1`, [w.open.id])
	},
	{
		name: 'papers archive',
		allowed: MANAGERS,
		run: (tx, w) => rows(tx, `update public.papers set status = 'archived' where id = $1 returning 1`, [w.open.id])
	},
	{
		name: 'papers change author',
		allowed: [],
		run: (tx, w) =>
			rows(tx, `update public.papers set created_by = $2 where id = $1 returning 1`, [
				w.open.id,
				w.users.formerAuthorA.id
			])
	},
	{
		name: 'papers delete',
		allowed: MANAGERS,
		run: (tx, w) => rows(tx, `delete from public.papers where id = $1 returning 1`, [w.open.id])
	},
	{
		name: 'papers delete by a deactivated author',
		allowed: ['officeA'],
		run: (tx, w) => rows(tx, `delete from public.papers where id = $1 returning 1`, [w.orphaned.id])
	},

	{
		name: 'paper_access select',
		allowed: ['viewerA', 'authorA', 'officeA'],
		run: (tx, w) =>
			rows(tx, `select 1 from public.paper_access where paper_id = $1 and user_id = $2`, [
				w.restricted.id,
				w.users.viewerA.id
			])
	},
	{
		name: 'paper_access insert',
		allowed: MANAGERS,
		run: (tx, w) =>
			rows(tx, `insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'edit') returning 1`, [
				w.restricted.id,
				w.users.memberA.id
			])
	},
	{
		name: "paper_access insert for another board's member",
		allowed: [],
		run: (tx, w) =>
			rows(tx, `insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'view') returning 1`, [
				w.restricted.id,
				w.users.memberB.id
			])
	},
	{
		name: 'paper_access update',
		allowed: MANAGERS,
		run: (tx, w) =>
			rows(tx, `update public.paper_access set access = 'edit' where paper_id = $1 and user_id = $2 returning 1`, [
				w.restricted.id,
				w.users.viewerA.id
			])
	},
	{
		name: 'paper_access delete',
		allowed: MANAGERS,
		run: (tx, w) =>
			rows(tx, `delete from public.paper_access where paper_id = $1 and user_id = $2 returning 1`, [
				w.restricted.id,
				w.users.viewerA.id
			])
	}
];

describe.each(testDatabases())('RLS of papers and paper_access on $name', (target) => {
	let db: Database;
	let world: World;
	const claims = (actor: Actor): Claims | null => (actor === 'anon' ? null : claimsFor(world.users[actor]));

	beforeAll(async () => {
		db = await target.open();
		const { board: boardA, people: users } = await boardWithRoles(db, {
			guestA: 'guest',
			memberA: 'member',
			viewerA: 'advisor',
			authorA: 'member',
			officeA: 'office',
			formerAuthorA: 'member',
			memberB: { role: 'member', otherBoard: true },
			admin: 'admin'
		});
		const author = users.authorA;
		world = {
			users,
			open: await createPaper(db, { board: boardA, author }),
			readOnly: await createPaper(db, { board: boardA, author, boardAccess: 'view' }),
			restricted: await createPaper(db, { board: boardA, author, visibility: 'restricted' }),
			archived: await createPaper(db, { board: boardA, author, status: 'archived' }),
			orphaned: await createPaper(db, { board: boardA, author: users.formerAuthorA })
		};
		await grantPaperAccess(db, { paper: world.open, user: users.guestA, access: 'view' });
		await grantPaperAccess(db, { paper: world.restricted, user: users.viewerA, access: 'view' });
		await db.ownerTransaction((tx) =>
			tx.query(`update public.memberships set active = false where user_id = $1`, [users.formerAuthorA.id])
		);
	});
	afterAll(async () => {
		await db.close();
	});

	it.each(CASES)('$name', async (testCase) => {
		const { outcomes, expected } = await matrixRow({
			db,
			actors: ACTORS,
			claims,
			allowed: testCase.allowed,
			run: (tx) => testCase.run(tx, world)
		});
		expect(outcomes).toEqual(expected);
	});

	it('reports view, comment and edit through paper_access_of, named access before the board default', async () => {
		const levelOf = (actor: Exclude<Actor, 'anon'>, paper: TestPaper) =>
			withUser(db, claimsFor(world.users[actor]), async (tx) => {
				const [row] = await tx.query<{ level: string | null }>(`select public.paper_access_of($1)::text as level`, [
					paper.id
				]);
				return row?.level ?? null;
			});
		expect(await levelOf('viewerA', world.restricted)).toBe('view');
		await db.ownerTransaction((tx) =>
			tx.query(`update public.paper_access set access = 'comment' where paper_id = $1 and user_id = $2`, [
				world.restricted.id,
				world.users.viewerA.id
			])
		);
		expect(await levelOf('viewerA', world.restricted)).toBe('comment');
		await db.ownerTransaction((tx) =>
			tx.query(`update public.paper_access set access = 'edit' where paper_id = $1 and user_id = $2`, [
				world.restricted.id,
				world.users.viewerA.id
			])
		);
		expect(await levelOf('viewerA', world.restricted)).toBe('edit');
		expect(await levelOf('memberA', world.restricted)).toBeNull();
		expect(await levelOf('memberA', world.readOnly)).toBe('view');
		expect(await levelOf('memberA', world.open)).toBe('edit');
		expect(await levelOf('guestA', world.open)).toBe('view');
		expect(await levelOf('guestA', world.readOnly)).toBeNull();
		// Archived: read-only for everyone but the office and the author.
		expect(await levelOf('memberA', world.archived)).toBe('view');
		expect(await levelOf('authorA', world.archived)).toBe('edit');
		expect(await levelOf('officeA', world.restricted)).toBe('edit');
		expect(await levelOf('memberB', world.open)).toBeNull();
		expect(await levelOf('admin', world.open)).toBeNull();
		expect(await levelOf('formerAuthorA', world.orphaned)).toBeNull();
	});
});
