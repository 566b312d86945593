import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import { scopedDb, withAnon, withUser } from '$lib/server/db/scoped';
import { offlineHub } from '$lib/server/demo/demo-hub';
import { createPublicationService } from '$lib/server/publication/publication.service';
import { ServiceError } from '$lib/server/errors';
import { appendRevision, findEntries } from '$lib/server/decisions/decision.repository';
import { testDatabases } from '../support/databases';
import { attempt, rows } from '../support/rls';
import { boardWithRoles } from '../factories/board-with-roles';
import { claimsFor, type TestUser } from '../factories';
import { createItem, createMeeting } from '../factories/agenda';
import { recordDecision } from '../factories/decisions';
import { createPaper } from '../factories/papers';
import { boardAs } from '../factories/meetings';

// The public subset (#14) as `anon` sees it on a board the office made public, next to everything on the
// same board that must stay internal; and that nobody but the office flips the switches.

const ids = <T extends { id: string }>(list: T[]) => list.map((row) => row.id).sort();

describe.each(testDatabases())('publication (#14) on $name', (target) => {
	let db: Database;
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));
	const anon = <T>(fn: (tx: Tx) => Promise<T>) => withAnon(db, fn);
	const as = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => withUser(db, claimsFor(user), fn);
	let world: Awaited<ReturnType<typeof build>>;

	async function build() {
		const { board, other, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			member: 'member',
			quiet: 'member',
			guest: 'guest',
			elsewhere: { role: 'office', otherBoard: true }
		});
		const service = async (user: TestUser) =>
			createPublicationService({
				db: scopedDb(db, claimsFor(user)),
				hub: offlineHub(db),
				actor: { userId: user.id, isAdmin: false },
				locale: 'de'
			});
		const open = await createMeeting(db, { board, published: true, title: 'Öffentliche Sitzung' });
		const draft = await createMeeting(db, { board, published: false, title: 'Entwurf einer Sitzung' });
		const cancelled = await createMeeting(db, { board, published: true, title: 'Abgesagte Sitzung' });
		await owner(`update public.meetings set status = 'cancelled' where id = $1`, [cancelled.id]);
		const elsewhereMeeting = await createMeeting(db, { board: other, published: true });
		const publicItem = await createItem(db, { meeting: open, title: 'Bericht der Geschäftsstelle' });
		const secretItem = await createItem(db, { meeting: open, title: 'Personalangelegenheiten', isPublic: false });
		const draftItem = await createItem(db, { meeting: draft, title: 'Punkt im Entwurf' });
		const cancelledItem = await createItem(db, { meeting: cancelled, title: 'Punkt einer abgesagten Sitzung' });
		const adopted = await recordDecision(db, { board, by: people.office, meetingId: open.id });
		const unpublished = await recordDecision(db, { board, by: people.office });
		const secret = await recordDecision(db, { board, by: people.office, isPublic: false });
		const rejected = await recordDecision(db, { board, by: people.office, status: 'rejected' });
		const paper = await createPaper(db, { board, author: people.office, title: 'Veröffentlichtes Papier' });
		const internal = await createPaper(db, { board, author: people.office, title: 'Internes Papier' });
		await owner(`update public.profiles set listed_publicly = true where user_id = any($1)`, [
			[people.office.id, people.chair.id, people.guest.id, people.elsewhere.id]
		]);
		const office = await service(people.office);
		const officeBoard = await boardAs(db, people.office, board);
		await office.setBoardPublic(officeBoard, true);
		await office.setDecisionPublic(officeBoard, adopted.number, true);
		await office.setPaperPublished(officeBoard, { paperId: paper.id, publish: true });
		return {
			board,
			other,
			people,
			service,
			officeBoard,
			meetings: { open, draft, cancelled, elsewhereMeeting },
			items: { publicItem, secretItem, draftItem, cancelledItem },
			decisions: { adopted, unpublished, secret, rejected },
			papers: { paper, internal }
		};
	}

	beforeAll(async () => {
		db = await target.open();
		world = await build();
	}, 60_000);
	afterAll(async () => db?.close());

	it('shows anon the public board only, and its published meetings that are not cancelled', async () => {
		const boards = await anon((tx) => tx.query<{ id: string }>(`select id from public.boards`));
		expect(ids(boards)).toEqual([world.board.id]);
		const meetings = await anon((tx) => tx.query<{ id: string }>(`select id from public.meetings`));
		expect(ids(meetings)).toEqual([world.meetings.open.id]);
	});

	it('shows anon only the public items of public meetings', async () => {
		const items = await anon((tx) =>
			tx.query<{ id: string; title: string }>(`select id, title from public.agenda_items`)
		);
		expect(items.map((item) => item.title)).toEqual(['Bericht der Geschäftsstelle']);
	});

	it('shows anon only the newest revision of published, public, adopted decisions', async () => {
		const seen = await anon((tx) =>
			tx.query<{ number: string; revision: number }>(`select number, revision from public.decision_entries`)
		);
		expect(seen).toEqual([{ number: world.decisions.adopted.number, revision: 0 }]);
	});

	it('refuses to publish a non-public or a rejected decision (service and RLS)', async () => {
		const office = await world.service(world.people.office);
		for (const [number, key] of [
			[world.decisions.secret.number, 'decisions.publication.error.notPublic'],
			[world.decisions.rejected.number, 'decisions.publication.error.notAdopted']
		] as const) {
			const refusal = await office.setDecisionPublic(world.officeBoard, number, true).catch((e: unknown) => e);
			expect(refusal).toBeInstanceOf(ServiceError);
			expect((refusal as ServiceError).messageKey).toBe(key);
			const direct = await attempt(db, claimsFor(world.people.office), (tx) =>
				rows(
					tx,
					`insert into public.decision_publications (board_id, number, published_by) values ($1, $2, $3) returning 1`,
					[world.board.id, number, world.people.office.id]
				)
			);
			expect(direct).toBe('refused');
		}
	});

	it('hides a published decision from anon once a later revision rejects it', async () => {
		const { number } = await recordDecision(db, { board: world.board, by: world.people.office });
		const office = await world.service(world.people.office);
		await office.setDecisionPublic(world.officeBoard, number, true);
		const visible = () => anon((tx) => tx.query(`select 1 from public.decision_entries where number = $1`, [number]));
		expect(await visible()).toHaveLength(1);
		await as(world.people.office, async (tx) => {
			const latest = (await findEntries(tx, world.board.id, number)).at(-1)!;
			await appendRevision(tx, latest, { change: 'status', status: 'rejected' });
		});
		expect(await visible()).toHaveLength(0);
	});

	it('records publishing and withdrawing in the audit trail', async () => {
		const { number } = await recordDecision(db, { board: world.board, by: world.people.office });
		const office = await world.service(world.people.office);
		await office.setDecisionPublic(world.officeBoard, number, true);
		await office.setDecisionPublic(world.officeBoard, number, false);
		const entries = await owner<{ operation: string; actor: string }>(
			`select operation, actor_id as actor from public.audit_events
			 where board_id = $1 and table_name = 'decision_publications' and row_id = $2 order by id`,
			[world.board.id, number]
		);
		expect(entries).toEqual([
			{ operation: 'insert', actor: world.people.office.id },
			{ operation: 'delete', actor: world.people.office.id }
		]);
		const switched = await owner<{ after: Record<string, unknown> }>(
			`select after from public.audit_events where board_id = $1 and table_name = 'boards' and operation = 'update'`,
			[world.board.id]
		);
		expect(switched.map((e) => e.after)).toContainEqual({ is_public: true });
	});

	it('shows anon the published paper and its frozen version only, never its live text', async () => {
		const papers = await anon((tx) => tx.query<{ id: string }>(`select id from public.papers`));
		expect(ids(papers)).toEqual([world.papers.paper.id]);
		const versions = await anon((tx) => tx.query<{ paper_id: string }>(`select paper_id from public.paper_versions`));
		expect(versions.map((v) => v.paper_id)).toEqual([world.papers.paper.id]);
		const searchText = await attempt(db, null, (tx) => rows(tx, `select search_text from public.papers`));
		expect(searchText).toBe('refused');
	});

	it('lists only people who agreed, sitting on the public board, without guests or e-mail', async () => {
		const people = await anon((tx) =>
			tx.query<{ user_id: string; display_name: string }>(`select user_id, display_name from public.profiles`)
		);
		expect(people.map((p) => p.user_id).sort()).toEqual([world.people.office.id, world.people.chair.id].sort());
		const roles = await anon((tx) =>
			tx.query<{ user_id: string; role: string }>(`select user_id, role::text from public.memberships order by role`)
		);
		expect(roles).toEqual(
			[
				{ user_id: world.people.office.id, role: 'office' },
				{ user_id: world.people.chair.id, role: 'chair' }
			].sort((a, b) => a.role.localeCompare(b.role))
		);
		for (const column of ['email', '*', 'locale'])
			expect(await attempt(db, null, (tx) => rows(tx, `select ${column} from public.profiles`))).toBe('refused');
		expect(await attempt(db, null, (tx) => rows(tx, `select online_url from public.meetings`))).toBe('refused');
	});

	it('shows anon nothing once the office switches the board off', async () => {
		const office = await world.service(world.people.office);
		await office.setBoardPublic(world.officeBoard, false);
		try {
			for (const table of ['boards', 'meetings', 'agenda_items', 'decision_entries', 'papers', 'paper_versions']) {
				const seen = await anon((tx) => tx.query(`select 1 from public.${table}`));
				expect(seen, table).toHaveLength(0);
			}
			expect(await anon((tx) => tx.query(`select user_id from public.profiles`))).toHaveLength(0);
		} finally {
			await office.setBoardPublic(world.officeBoard, true);
		}
	});

	it('lets nobody but the office flip the switches, in the service', async () => {
		for (const name of ['chair', 'member', 'guest'] as const) {
			const user = world.people[name];
			const service = await world.service(user);
			const board = await boardAs(db, user, world.board);
			const calls = [
				() => service.setBoardPublic(board, false),
				() => service.setBoardTerm(board, { name: 'Fremde Amtszeit', startsOn: '2020-01-01', endsOn: null }),
				() => service.setDecisionPublic(board, world.decisions.unpublished.number, true),
				() => service.setPaperPublished(board, { paperId: world.papers.internal.id, publish: true }),
				() => service.setPaperPublished(board, { paperId: world.papers.paper.id, publish: false })
			];
			for (const call of calls) await expect(call(), name).rejects.toMatchObject({ status: 403 });
		}
		expect(await anon((tx) => tx.query(`select id from public.boards`))).toHaveLength(1);
	});

	it('lets nobody but the office flip the switches, in the database', async () => {
		const { board, people, papers, decisions } = world;
		for (const name of ['chair', 'member', 'guest', 'elsewhere'] as const) {
			const claims = claimsFor(people[name]);
			const flipped = await withUser(db, claims, (tx) =>
				tx.query<{ ok: boolean }>(`select public.set_board_public($1, false) as ok`, [board.id])
			);
			expect(flipped[0]?.ok, name).toBe(false);
			const term = await withUser(db, claims, (tx) =>
				tx.query<{ ok: boolean }>(`select public.set_board_term($1, 'Fremd', '2020-01-01', null) as ok`, [board.id])
			);
			expect(term[0]?.ok, name).toBe(false);
			const writes = [
				`insert into public.decision_publications (board_id, number, published_by) values ($1, '${decisions.unpublished.number}', '${people[name].id}') returning 1`,
				`delete from public.decision_publications where board_id = $1 returning 1`,
				`update public.papers set published_at = now() where board_id = $1 and id = '${papers.internal.id}' returning 1`,
				`update public.papers set published_at = null where board_id = $1 and id = '${papers.paper.id}' returning 1`,
				`update public.boards set is_public = false where id = $1 returning 1`
			];
			for (const sql of writes)
				expect(await attempt(db, claims, (tx) => rows(tx, sql, [board.id])), `${name}: ${sql}`).toBe('refused');
		}
		const stillPublic = await owner<{ is_public: boolean }>(`select is_public from public.boards where id = $1`, [
			board.id
		]);
		expect(stillPublic[0]?.is_public).toBe(true);
	});

	it("lets the office set and clear the board's term, which anon then reads", async () => {
		const office = await world.service(world.people.office);
		await office.setBoardTerm(world.officeBoard, {
			name: 'Amtszeit 2025–2030',
			startsOn: '2025-11-01',
			endsOn: '2030-10-31'
		});
		expect((await office.boardStatus(world.officeBoard)).term).toEqual({
			name: 'Amtszeit 2025–2030',
			startsOn: '2025-11-01',
			endsOn: '2030-10-31'
		});
		const seen = await anon((tx) =>
			tx.query(`select term_name, term_starts_on::text as starts from public.boards where id = $1`, [world.board.id])
		);
		expect(seen).toEqual([{ term_name: 'Amtszeit 2025–2030', starts: '2025-11-01' }]);
		await office.setBoardTerm(world.officeBoard, { name: null, startsOn: null, endsOn: null });
		expect((await office.boardStatus(world.officeBoard)).term).toEqual({ name: null, startsOn: null, endsOn: null });
		await expect(
			office.setBoardTerm(world.officeBoard, { name: 'Verkehrt', startsOn: '2030-01-01', endsOn: '2025-01-01' })
		).rejects.toThrow();
	});

	it('lets each person change only their own listing', async () => {
		const { member, quiet } = world.people;
		const own = await attempt(db, claimsFor(member), (tx) =>
			rows(tx, `update public.profiles set listed_publicly = true where user_id = $1 returning 1`, [member.id])
		);
		expect(own).toBe('allowed');
		const theirs = await attempt(db, claimsFor(member), (tx) =>
			rows(tx, `update public.profiles set listed_publicly = true where user_id = $1 returning 1`, [quiet.id])
		);
		expect(theirs).toBe('refused');
		const service = await world.service(quiet);
		await service.setListed(true);
		expect(await service.listed()).toBe(true);
		expect(await anon((tx) => tx.query(`select 1 from public.profiles where user_id = $1`, [quiet.id]))).toHaveLength(
			1
		);
		await service.setListed(false);
		expect(await anon((tx) => tx.query(`select 1 from public.profiles where user_id = $1`, [quiet.id]))).toHaveLength(
			0
		);
	});

	it('keeps every other table closed to anon', async () => {
		const open = new Set([
			'boards',
			'profiles',
			'memberships',
			'meetings',
			'agenda_items',
			'decision_entries',
			'decision_publications',
			'papers',
			'paper_versions',
			'files',
			'file_versions',
			// OParl (#14, 20261206030000_oparl.sql): published papers on public items, and the registry of
			// everything that was ever public (tests/integration/oparl*.test.ts).
			'agenda_item_papers',
			'oparl_objects'
		]);
		const tables = await owner<{ name: string }>(
			`select tablename as name from pg_catalog.pg_tables where schemaname = 'public' order by 1`
		);
		expect(tables.length).toBeGreaterThan(open.size);
		for (const { name } of tables.filter((t) => !open.has(t.name)))
			expect(await attempt(db, null, (tx) => rows(tx, `select 1 from public.${name}`)), name).toBe('refused');
	});
});
