import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { AuthError } from '$lib/server/auth/port';
import { createSupabaseAuth } from '$lib/server/auth/supabase';
import { createMemberRemovalService } from '$lib/server/personal-data/member-removal.service';
import { decisionService, memberRemovalService } from '$lib/server/services';
import type { RequestContext } from '$lib/server/context';
import { claimsFor, createInvitation, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper, grantPaperAccess } from '../factories/papers';
import { createComment } from '../factories/search';
import { boardAs, createMeeting } from '../factories/meetings';
import { recordAttendance } from '../factories/minutes';
import { recordDecision } from '../factories/decisions';
import { circularInput, ownerRows, votesAs } from '../factories/votes';
import { createHarness } from '../support/app-harness';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { startFakeGoTrue } from '../support/fake-gotrue';
import { MemoryCookieJar } from '../support/cookie-jar';

describe.each(testDatabases())('removal of a member ($name)', (database) => {
	let db: Database;
	let harness: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	let admin: TestUser;
	let office: TestUser;
	let chair: TestUser;
	let member: TestUser;
	let voteId: string;
	let commentId: string;

	const removalAs = (user: TestUser, isAdmin: boolean) =>
		createMemberRemovalService({
			db: scopedDb(db, claimsFor(user)),
			auth: harness.auth,
			actor: { userId: user.id, isAdmin }
		});
	const count = async (sql: string, params: unknown[]) =>
		Number((await ownerRows<{ n: number }>(db, `select count(*)::int as n from ${sql}`, params))[0]!.n);

	beforeAll(async () => {
		db = await database.open();
		harness = await createHarness(db);
		({
			board,
			people: { admin, office, chair, member }
		} = await boardWithRoles(db, { admin: 'admin', office: 'office', chair: 'chair', member: 'member' }));
		const paper = await createPaper(db, { board, author: chair });
		await grantPaperAccess(db, { paper, user: chair, access: 'edit' });
		commentId = (await createComment(db, { paperId: paper.id, author: chair, body: 'Kommentar des Vorsitzes' })).id;
		const meeting = await createMeeting(db, { board });
		await recordAttendance(db, { meetingId: meeting.id, boardId: board.id, present: [chair, member], absent: [] });
		await recordDecision(db, { board, by: chair });
		await recordDecision(db, { board, by: office });
		await db.ownerTransaction(async (tx) => {
			await tx.query(
				`insert into public.meeting_rsvps (meeting_id, user_id, board_id, response) values ($1, $2, $3, 'attending')`,
				[meeting.id, chair.id, board.id]
			);
			await tx.query(`insert into public.calendar_tokens (user_id, token_hash) values ($1, 'h-chair')`, [chair.id]);
			await tx.query(
				`insert into public.tasks (board_id, title, owner_id, created_by) values ($1, 'Aufgabe des Vorsitzes', $2, $3)`,
				[board.id, chair.id, office.id]
			);
			await tx.query(
				`insert into public.mail_outbox (to_email, subject, body_text, kind) values ($1, 'An den Vorsitz', 'x', 'test')`,
				[chair.email]
			);
		});
		await createInvitation(db, { board, email: chair.email });
		const ctx = await boardAs(db, office, board);
		voteId = await (await votesAs(db, office)).circular.create(ctx, circularInput());
		for (const [user, choice] of [
			[chair, 'yes'],
			[member, 'no']
		] as const) {
			await (await votesAs(db, user)).circular.vote(await boardAs(db, user, board), voteId, choice);
		}
	});
	afterAll(() => db?.close());

	it('refuses a signed-out visitor, a board member and an office member who is not a platform admin', async () => {
		const signedOut = {
			user: null,
			db: scopedDb(db, null),
			app: { db, auth: harness.auth }
		} as unknown as RequestContext;
		expect(() => memberRemovalService(signedOut)).toThrow(expect.objectContaining({ status: 401 }));
		await expect(removalAs(office, false).remove(member.id)).rejects.toMatchObject({ status: 403 });
		// Even past the service check, the database function refuses anyone but a platform admin.
		await expect(
			db.transaction(async (tx) => {
				await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify(claimsFor(office))
				]);
				await tx.query(`select public.remove_member($1)`, [member.id]);
			})
		).rejects.toThrow(/forbidden/);
		expect(await count(`public.memberships where user_id = $1`, [member.id])).toBe(1);
	});

	it('refuses removing oneself and the last office member of a board, changing nothing', async () => {
		await expect(removalAs(admin, true).remove(admin.id)).rejects.toMatchObject({
			status: 409,
			messageKey: 'personalData.removal.self'
		});
		await expect(removalAs(admin, true).remove(office.id)).rejects.toMatchObject({
			status: 409,
			messageKey: 'personalData.removal.lastOffice'
		});
		expect(await count(`public.memberships where user_id = $1 and active`, [office.id])).toBe(1);
		expect(await count(`auth.users where id = $1`, [office.id])).toBe(1);
	});

	it('deletes the account and personal rows, keeps formal records under a pseudonym', async () => {
		const signedIn = harness.browser();
		await signedIn.session.signInWithPassword(chair.email, chair.password);
		const resultBefore = await ownerRows(
			db,
			`select status, yes_count, no_count, abstain_count, eligible_count from public.votes where id = $1`,
			[voteId]
		);
		expect(resultBefore).toEqual([expect.objectContaining({ yes_count: 1, no_count: 1 })]);

		await removalAs(admin, true).remove(chair.id);

		expect(await count(`auth.users where id = $1`, [chair.id])).toBe(0);
		expect(await count(`auth.sessions where user_id = $1`, [chair.id])).toBe(0);
		expect(await signedIn.session.getClaims()).toBeNull();
		await expect(harness.browser().session.signInWithPassword(chair.email, chair.password)).rejects.toBeInstanceOf(
			AuthError
		);
		for (const table of ['memberships', 'meeting_rsvps', 'calendar_tokens', 'paper_access']) {
			expect(await count(`public.${table} where user_id = $1`, [chair.id]), table).toBe(0);
		}
		expect(await count(`public.mail_outbox where lower(to_email) = lower($1)`, [chair.email])).toBe(0);
		expect(await count(`public.invitations where lower(email) = lower($1)`, [chair.email])).toBe(0);
		expect(await count(`public.tasks where owner_id = $1`, [chair.id])).toBe(0);
		expect(await count(`public.profiles where email = $1 or display_name = $2`, [chair.email, chair.displayName])).toBe(
			0
		);
		expect(
			await ownerRows(db, `select email, display_name, organisation from public.profiles where user_id = $1`, [
				chair.id
			])
		).toEqual([{ email: null, display_name: 'ehemaliges Mitglied', organisation: null }]);

		// Formal records stay, and others see the author as "ehemaliges Mitglied".
		expect(await count(`public.meeting_attendance where user_id = $1`, [chair.id])).toBe(1);
		expect(await count(`public.vote_choices where user_id = $1`, [chair.id])).toBe(1);
		expect(await count(`public.decision_entries where recorded_by = $1`, [chair.id])).toBe(1);
		const [seen] = await scopedDb(db, claimsFor(member)).run((tx) =>
			tx.query<{ name: string }>(
				`select p.display_name as name from public.comments c join public.profiles p on p.user_id = c.author_id where c.id = $1`,
				[commentId]
			)
		);
		expect(seen?.name).toBe('ehemaliges Mitglied');
		expect(
			await ownerRows(
				db,
				`select status, yes_count, no_count, abstain_count, eligible_count from public.votes where id = $1`,
				[voteId]
			)
		).toEqual(resultBefore);
		const decisions = decisionService(await requestTo(db, office));
		expect(await decisions.verify(await boardAs(db, office, board))).toEqual({ ok: true, count: 2 });
	});

	it('leaves no row pointing at the deleted account and refuses a second removal', async () => {
		const columns = await ownerRows<{ tbl: string; col: string }>(
			db,
			`select c.conrelid::regclass::text as tbl, a.attname as col from pg_constraint c
			 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
			 where c.contype = 'f' and c.confrelid = 'auth.users'::regclass`
		);
		expect(columns.length).toBeGreaterThan(5);
		for (const { tbl, col } of columns)
			expect(await count(`${tbl} where ${col} = $1`, [chair.id]), `${tbl}.${col}`).toBe(0);
		expect(await count(`public.person_refs where user_id = $1 and removed_at is not null`, [chair.id])).toBe(1);
		// The removal is on record: the audit trail (where that area is installed) has the admin deleting the membership.
		const [audit] = await ownerRows<{ present: boolean }>(
			db,
			`select to_regclass('public.audit_events') is not null as present`
		);
		if (audit?.present) {
			const entries = await count(
				`public.audit_events where table_name = 'memberships' and operation = 'delete' and subject_user_id = $1 and actor_id = $2`,
				[chair.id, admin.id]
			);
			expect(entries).toBe(1);
		}
		await expect(removalAs(admin, true).remove(chair.id)).rejects.toMatchObject({ status: 404 });
	});

	it('lists people for the admin only, without removed ones', async () => {
		const people = await removalAs(admin, true).listPeople();
		expect(people.map((p) => p.userId)).toEqual(expect.arrayContaining([office.id, member.id]));
		expect(people.map((p) => p.userId)).not.toContain(chair.id);
		expect(people.find((p) => p.userId === admin.id)?.isSelf).toBe(true);
		await expect(removalAs(member, false).listPeople()).rejects.toMatchObject({ status: 403 });
	});
});

describe('Supabase auth adapter: deleteUser', () => {
	it('deletes the user at GoTrue: the password and the session stop working', async () => {
		const fake = await startFakeGoTrue();
		try {
			const auth = createSupabaseAuth({
				url: fake.url,
				anonKey: fake.anonKey,
				serviceRoleKey: fake.serviceRoleKey,
				secureCookies: false
			});
			const id = await auth.createUser({ email: 'weg@beirat.example', password: 'ein-langes-passwort' });
			const jar = new MemoryCookieJar();
			await auth
				.forRequest({ cookies: jar, ip: '203.0.113.1' })
				.signInWithPassword('weg@beirat.example', 'ein-langes-passwort');
			await auth.deleteUser(id);
			await auth.deleteUser(id);
			expect(await auth.checkPassword('weg@beirat.example', 'ein-langes-passwort')).toBeNull();
			expect(
				fake.requests.filter((r) => r.method === 'DELETE' && r.path === `/auth/v1/admin/users/${id}`)
			).toHaveLength(2);
		} finally {
			await fake.close();
		}
	});
});
