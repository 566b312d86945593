import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser, type Claims } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, inviteGuest } from '../factories/agenda';
import { testDatabases } from '../support/databases';
import { attempt, rows } from '../support/rls';

/**
 * Confidentiality at the database: non-public items and everything about them (proposals, changes,
 * declarations) are refused to guests, other boards' people and signed-out visitors.
 */
describe.each(testDatabases())('agenda row level security on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;
	let guest: TestUser;
	let uninvitedGuest: TestUser;
	let outsider: TestUser;
	let meetingId: string;
	let publicItem: string;
	let secretItem: string;

	const actors = () =>
		({
			member: claimsFor(member),
			guest: claimsFor(guest),
			uninvitedGuest: claimsFor(uninvitedGuest),
			otherBoard: claimsFor(outsider),
			signedOut: null
		}) as Record<string, Claims | null>;

	beforeAll(async () => {
		db = await target.open();
		({
			board,
			people: { office, member }
		} = await boardWithRoles(db, { office: 'office', member: 'member' }));
		const meeting = await createMeeting(db, { board, published: true });
		meetingId = meeting.id;
		guest = await inviteGuest(db, { meeting });
		uninvitedGuest = await addMember(db, { board, role: 'guest' });
		outsider = await addMember(db, { board: await createBoard(db), role: 'member' });
		publicItem = (await createItem(db, { meeting, title: 'Handlungsfeld Innovation' })).id;
		secretItem = (await createItem(db, { meeting, title: 'Personalangelegenheiten', isPublic: false })).id;
		await db.ownerTransaction(async (tx) => {
			await tx.query(
				`insert into public.agenda_proposals (meeting_id, proposed_by, title) values ($1, $2, 'Vorschlag')`,
				[meetingId, member.id]
			);
			await tx.query(`insert into public.agenda_conflicts (item_id, user_id, meeting_id) values ($1, $2, $3)`, [
				publicItem,
				member.id,
				meetingId
			]);
			await tx.query(
				`insert into public.agenda_changes (meeting_id, item_id, action, after, is_public, changed_by) values ($1, $2, 'edit', '{}', false, $3)`,
				[meetingId, secretItem, office.id]
			);
			await tx.query(
				`insert into public.agenda_changes (meeting_id, item_id, action, after, is_public, changed_by) values ($1, $2, 'edit', '{}', true, $3)`,
				[meetingId, publicItem, office.id]
			);
		});
	});
	afterAll(async () => {
		await db.close();
	});

	const read = (sql: string, params: () => unknown[]) => (claims: Claims | null) =>
		attempt(db, claims, (tx) => rows(tx, sql, params()));
	const cases = {
		'the non-public item': read(`select 1 from public.agenda_items where id = $1`, () => [secretItem]),
		proposals: read(`select 1 from public.agenda_proposals where meeting_id = $1`, () => [meetingId]),
		'conflict declarations': read(`select 1 from public.agenda_conflicts where meeting_id = $1`, () => [meetingId]),
		'changes of non-public items': read(`select 1 from public.agenda_changes where item_id = $1`, () => [secretItem])
	};

	it.each(Object.keys(cases))('refuses %s to guests, other boards and signed-out visitors', async (name) => {
		const check = cases[name as keyof typeof cases];
		const outcome: Record<string, string> = {};
		for (const [actor, claims] of Object.entries(actors())) outcome[actor] = await check(claims);
		// The member sees these (their own proposal and declaration included): the refusals are not blanket ones.
		expect(outcome).toEqual({
			member: 'allowed',
			guest: 'refused',
			uninvitedGuest: 'refused',
			otherBoard: 'refused',
			signedOut: 'refused'
		});
	});

	it('shows an invited guest only the public items (and public changes) of their meeting', async () => {
		const titles = await withUser(db, claimsFor(guest), (tx) =>
			tx.query<{ title: string }>(`select title from public.agenda_items where meeting_id = $1 order by position`, [
				meetingId
			])
		);
		expect(titles.map((t) => t.title)).toEqual(['Handlungsfeld Innovation']);
		const items = read(`select 1 from public.agenda_items where meeting_id = $1`, () => [meetingId]);
		expect(await items(claimsFor(uninvitedGuest))).toBe('refused');
		expect(await items(claimsFor(outsider))).toBe('refused');
		expect(await items(null)).toBe('refused');
		expect(
			await read(`select 1 from public.agenda_changes where item_id = $1`, () => [publicItem])(claimsFor(guest))
		).toBe('allowed');
	});

	it('refuses writes to everyone but the office', async () => {
		const insert = (claims: Claims | null) =>
			attempt(db, claims, (tx) =>
				rows(
					tx,
					`insert into public.agenda_items (meeting_id, position, title) values ($1, 99, 'Eingeschleust') returning 1`,
					[meetingId]
				)
			);
		const update = (claims: Claims | null) =>
			attempt(db, claims, (tx) =>
				rows(tx, `update public.agenda_items set title = 'Geändert' where meeting_id = $1 returning 1`, [meetingId])
			);
		for (const claims of [claimsFor(member), claimsFor(guest), claimsFor(outsider), null]) {
			expect(await insert(claims)).toBe('refused');
			expect(await update(claims)).toBe('refused');
		}
		expect(await insert(claimsFor(office))).toBe('allowed');
		expect(await update(claimsFor(office))).toBe('allowed');
		const stranger = await createUser(db);
		expect(await insert(claimsFor(stranger))).toBe('refused');
	});

	it('shows a paper link only to those who see both the item and the paper', async () => {
		const [shared, restricted] = await db.ownerTransaction(async (tx) => {
			const rowsOf = async (title: string, visibility: string) =>
				(
					await tx.query<{ id: string }>(
						`insert into public.papers (board_id, title, visibility, created_by) values ($1, $2, $3, $4) returning id`,
						[board.id, title, visibility, office.id]
					)
				)[0]!.id;
			const sharedPaper = await rowsOf('Strategie', 'board');
			const restrictedPaper = await rowsOf('Intern', 'restricted');
			await tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'view')`, [
				sharedPaper,
				guest.id
			]);
			for (const [item, paper] of [
				[publicItem, sharedPaper],
				[publicItem, restrictedPaper],
				[secretItem, sharedPaper]
			]) {
				await tx.query(`insert into public.agenda_item_papers (item_id, paper_id, meeting_id) values ($1, $2, $3)`, [
					item,
					paper,
					meetingId
				]);
			}
			return [sharedPaper, restrictedPaper];
		});
		const links = (claims: Claims | null) =>
			attempt(db, claims, (tx) =>
				rows(tx, `select 1 from public.agenda_item_papers where meeting_id = $1`, [meetingId])
			);
		const seen = async (user: TestUser) =>
			(
				await withUser(db, claimsFor(user), (tx) =>
					tx.query<{ item_id: string; paper_id: string }>(
						`select item_id, paper_id from public.agenda_item_papers where meeting_id = $1`,
						[meetingId]
					)
				)
			).length;
		expect(await seen(member)).toBe(2);
		expect(await seen(office)).toBe(3);
		// The guest is named on the shared paper, but sees its link only on the public item.
		const guestLinks = await withUser(db, claimsFor(guest), (tx) =>
			tx.query<{ item_id: string; paper_id: string }>(
				`select item_id, paper_id from public.agenda_item_papers where meeting_id = $1`,
				[meetingId]
			)
		);
		expect(guestLinks).toEqual([{ item_id: publicItem, paper_id: shared }]);
		expect(await links(claimsFor(outsider))).toBe('refused');
		expect(await links(null)).toBe('refused');
		const attach = (claims: Claims | null) =>
			attempt(db, claims, (tx) =>
				rows(
					tx,
					`insert into public.agenda_item_papers (item_id, paper_id, meeting_id) values ($1, $2, $3) returning 1`,
					[secretItem, restricted, meetingId]
				)
			);
		expect(await attach(claimsFor(member))).toBe('refused');
		expect(await attach(claimsFor(office))).toBe('allowed');
	});

	it('lets nobody declare a conflict in someone else’s name, nor a guest at all', async () => {
		const declare = (claims: Claims | null, userId: string) =>
			attempt(db, claims, (tx) =>
				rows(tx, `insert into public.agenda_conflicts (item_id, user_id, meeting_id) values ($1, $2, $3) returning 1`, [
					secretItem,
					userId,
					meetingId
				])
			);
		expect(await declare(claimsFor(member), office.id)).toBe('refused');
		expect(await declare(claimsFor(guest), guest.id)).toBe('refused');
		expect(await declare(claimsFor(outsider), outsider.id)).toBe('refused');
		expect(await declare(claimsFor(member), member.id)).toBe('allowed');
	});
});
