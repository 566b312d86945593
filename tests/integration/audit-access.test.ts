import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { auditAs, auditEntries } from '../factories/audit';
import { matrixRow, rows } from '../support/rls';
import { refusal } from '../support/refusal';
import { testDatabases } from '../support/databases';

// Who may read the trail (RLS and service), that nobody can rewrite it, and how it reads: names,
// filters, pagination and the CSV export.

const ACTORS = ['office', 'admin', 'chair', 'member', 'guest', 'otherOffice', 'anon'] as const;
type Actor = (typeof ACTORS)[number];

describe.each(testDatabases())('audit trail: access and reading ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let other: TestBoard;
	let people: Record<Exclude<Actor, 'anon'>, TestUser>;
	let meetingId: string;

	const as = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => withUser(db, claimsFor(user), fn);
	const retitle = (user: TestUser, id: string, title: string) =>
		as(user, (tx) => tx.query(`update public.meetings set title = $2 where id = $1`, [id, title]));

	beforeAll(async () => {
		db = await database.open();
		({ board, other, people } = await boardWithRoles(db, {
			office: 'office',
			admin: 'admin',
			chair: 'chair',
			member: 'member',
			guest: 'guest',
			otherOffice: { role: 'office', otherBoard: true }
		}));
		meetingId = (await createMeeting(db, { board, title: 'Sitzung A' })).id;
		await retitle(people.office, meetingId, 'Sitzung B');
		const otherMeeting = await createMeeting(db, { board: other, title: 'Fremde Sitzung' });
		await retitle(people.otherOffice, otherMeeting.id, 'Fremde Sitzung 2');
	});
	afterAll(() => db.close());

	it('lets the office of the board and platform admins read it; members, guests, other boards and visitors see nothing', async () => {
		const result = await matrixRow({
			db,
			actors: ACTORS,
			claims: (actor) => (actor === 'anon' ? null : claimsFor(people[actor])),
			allowed: ['office', 'admin'],
			run: (tx) => rows(tx, `select 1 from public.audit_events where board_id = $1`, [board.id])
		});
		expect(result.outcomes).toEqual(result.expected);
		const foreign = await as(people.office, (tx) =>
			rows(tx, `select 1 from public.audit_events where board_id is distinct from $1`, [board.id])
		);
		expect(foreign).toBe(0);
		const adminSees = await as(people.admin, (tx) =>
			rows(tx, `select 1 from public.audit_events where board_id in ($1, $2)`, [board.id, other.id])
		);
		expect(adminSees).toBeGreaterThan(2);
	});

	it('is append-only: no insert, update or delete for the app, update/delete/truncate refused for the owner', async () => {
		const [first] = await auditEntries(db, { boardId: board.id });
		const statements = [
			`update public.audit_events set after = '{}' where id = ${first!.id}`,
			`delete from public.audit_events where id = ${first!.id}`,
			`insert into public.audit_events (board_id, actor_kind, table_name, operation) values ('${board.id}', 'user', 'meetings', 'update')`
		];
		for (const sql of statements)
			await expect(as(people.office, (tx) => tx.query(sql))).rejects.toMatchObject({ code: '42501' });
		for (const sql of statements.slice(0, 2))
			await expect(db.ownerTransaction((tx) => tx.query(sql))).rejects.toThrow(/append-only/);
		await expect(db.ownerTransaction((tx) => tx.query(`truncate public.audit_events`))).rejects.toThrow(/append-only/);
		expect((await auditEntries(db, { boardId: board.id }))[0]).toEqual(first);
	});

	it('refuses the service to members, guests and another board office; admins read every board', async () => {
		for (const actor of ['chair', 'member', 'guest', 'otherOffice'] as const) {
			expect(await refusal(auditAs(db, people[actor]).list(await boardAs(db, people[actor], board), {}))).toBe(
				'error.forbidden'
			);
			expect(await refusal(auditAs(db, people[actor]).csv(await boardAs(db, people[actor], board), {}))).toBe(
				'error.forbidden'
			);
		}
		expect(await refusal(auditAs(db, people.office).listAll({}))).toBe('error.forbidden');
		const all = await auditAs(db, people.admin, { isAdmin: true }).listAll({});
		expect(new Set(all.rows.map((r) => r.boardName))).toEqual(new Set([board.name, other.name]));
		const one = await auditAs(db, people.admin, { isAdmin: true }).listAll({ boardId: other.id });
		expect(one.rows.every((r) => r.boardName === other.name)).toBe(true);
	});

	it('shows time, person, a readable action, the object and the before/after of changed fields', async () => {
		const page = await auditAs(db, people.office).list(await boardAs(db, people.office, board), {
			kind: 'meetings',
			person: people.office.id
		});
		expect(page.rows).toHaveLength(1);
		const [row] = page.rows;
		expect(row).toMatchObject({
			person: people.office.displayName,
			action: 'Sitzung geändert',
			object: 'Sitzung: Sitzung B'
		});
		expect(row!.changes).toEqual([{ field: 'Titel', before: 'Sitzung A', after: 'Sitzung B' }]);
		expect(row!.occurredAt).toMatch(/\d{2}\.\d{2}\.\d{4}|\d{1,2}\. \w+/);
		const english = await auditAs(db, people.office, { locale: 'en' }).list(await boardAs(db, people.office, board), {
			kind: 'meetings',
			person: people.office.id
		});
		expect(english.rows[0]).toMatchObject({ action: 'Meeting changed', object: 'Meeting: Sitzung B' });
		expect(page.people.map((p) => p.name)).toContain(people.office.displayName);
	});

	it('filters by kind, system actor, free text and date range (Europe/Berlin days)', async () => {
		const office = auditAs(db, people.office);
		const context = await boardAs(db, people.office, board);
		expect((await office.list(context, { person: 'system' })).rows.every((r) => r.person.startsWith('System'))).toBe(
			true
		);
		expect((await office.list(context, { q: 'sitzung b' })).rows.length).toBeGreaterThan(0);
		expect((await office.list(context, { q: 'gibt es nicht %' })).rows).toEqual([]);
		expect((await office.list(context, { kind: 'votes' })).rows).toEqual([]);
		const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
		expect((await office.list(context, { from: today, to: today })).rows.length).toBeGreaterThan(0);
		expect((await office.list(context, { to: '2020-01-01' })).rows).toEqual([]);
		expect((await office.list(context, { from: '2999-01-01' })).rows).toEqual([]);
	});

	it('pages with a keyset cursor without gaps or repeats', async () => {
		const b = await createBoard(db);
		const o = await addMember(db, { board: b, role: 'office' });
		const meeting = await createMeeting(db, { board: b });
		for (let i = 0; i < 55; i++) await retitle(o, meeting.id, `Titel ${i}`);
		const service = auditAs(db, o);
		const context = await boardAs(db, o, b);
		const first = await service.list(context, {});
		expect(first.rows).toHaveLength(50);
		const second = await service.list(context, { before: first.nextBefore! });
		const ids = [...first.rows, ...second.rows].map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(second.nextBefore).toBeNull();
		expect(ids.length).toBe((await auditEntries(db, { boardId: b.id })).length);
	});

	it('shows a removed person as "ehemaliges Mitglied"', async () => {
		const leaving = await addMember(db, {
			board,
			role: 'office',
			user: await createUser(db, { displayName: 'Bald Weg' })
		});
		const id = (await createMeeting(db, { board, title: 'Vor dem Austritt' })).id;
		await retitle(leaving, id, 'Nach dem Austritt');
		await db.ownerTransaction(async (tx) => {
			const [forget] = await tx.query<{ f: string | null }>(`select to_regproc('public.forget_person')::text as f`);
			if (forget?.f) await tx.query(`select public.forget_person($1)`, [leaving.id]);
			else await tx.query(`delete from public.profiles where user_id = $1`, [leaving.id]);
		});
		const page = await auditAs(db, people.office).list(await boardAs(db, people.office, board), {
			q: 'Nach dem Austritt'
		});
		expect(page.rows.map((r) => r.person)).toEqual(['ehemaliges Mitglied']);
		expect(JSON.stringify(page)).not.toContain('Bald Weg');
	});

	it('exports CSV for Excel: BOM, semicolons, quoted fields, formula-safe, same filters', async () => {
		const tricky = await addMember(db, {
			board,
			role: 'office',
			user: await createUser(db, { displayName: '=HYPERLINK("x")' })
		});
		await retitle(tricky, meetingId, 'Sitzung "C"; neu');
		const csv = await auditAs(db, people.office).csv(await boardAs(db, people.office, board), { person: tricky.id });
		expect(csv.startsWith('\uFEFF"Zeit";"Person";"Was";"Objekt";"Details"\r\n')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(2);
		const cells = lines[1]!.split('";"');
		expect(cells.slice(1)).toEqual([
			`'=HYPERLINK(""x"")`,
			'Sitzung geändert',
			'Sitzung: Sitzung ""C""; neu',
			'Titel: Sitzung B → Sitzung ""C""; neu"'
		]);
		const all = await auditAs(db, people.office).csv(await boardAs(db, people.office, board), {});
		expect(all.split('\r\n').length).toBeGreaterThan(lines.length);
	});
});
