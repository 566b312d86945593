import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { findBoardForCurrentUser } from '$lib/server/boards/board.repository';
import type { BoardContext } from '$lib/server/boards/policy';
import { createPaperService, type CollabNotifier } from '$lib/server/papers/paper.service';
import { createPaperSchema, libraryQuerySchema, renameSchema } from '$lib/server/papers/paper.schema';
import { idParam, pageData } from '$lib/server/http';
import type { RequestContext } from '$lib/server/context';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { createPaper, grantPaperAccess } from '../factories/papers';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';

describe.each(testDatabases())('papers library and access on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let otherBoard: TestBoard;
	const people = {} as Record<'office' | 'chair' | 'member' | 'member2' | 'advisor' | 'guest' | 'outsider', TestUser>;
	/** Every accessChanged call, in order. */
	const notified: string[] = [];
	const collab: CollabNotifier = { accessChanged: ({ paperId }) => void notified.push(paperId) };

	/** The paper service as `user` sees it (null: signed out), with the board resolved under their RLS. */
	async function as(user: TestUser | null, slug = board.slug) {
		const scoped = scopedDb(db, user ? claimsFor(user) : null);
		// Signed-out visitors have no grant on boards at all (the route answers 401 before this).
		const ctx = user ? ((await scoped.run((tx) => findBoardForCurrentUser(tx, slug))) as BoardContext | null) : null;
		return { service: createPaperService({ db: scoped, collab }), board: ctx };
	}
	const titles = async (user: TestUser, query: Record<string, string> = {}) => {
		const { service, board: ctx } = await as(user);
		return (await service.list(ctx!, libraryQuerySchema.parse(query))).papers.map((p) => p.title);
	};
	const paperCount = () =>
		db.ownerTransaction(
			async (tx) => (await tx.query<{ n: number }>(`select count(*)::int as n from public.papers`))[0]!.n
		);

	beforeAll(async () => {
		db = await target.open();
		board = await createBoard(db);
		otherBoard = await createBoard(db);
		for (const role of ['office', 'chair', 'member', 'advisor', 'guest'] as const)
			people[role] = await addMember(db, { board, role });
		people.member2 = await addMember(db, { board, role: 'member' });
		people.outsider = await addMember(db, { board: otherBoard, role: 'member' });
	});
	afterAll(async () => {
		await db.close();
	});

	it('lists, filters and sorts the board papers with who edited them last', async () => {
		const local = await createBoard(db);
		const author = await addMember(db, {
			board: local,
			role: 'member',
			user: await createUser(db, { displayName: 'Anna Autorin' })
		});
		const editor = await addMember(db, {
			board: local,
			role: 'member',
			user: await createUser(db, { displayName: 'Emil Editor' })
		});
		const day = (n: number) => new Date(Date.UTC(2026, 10, n));
		await createPaper(db, {
			board: local,
			author,
			title: 'Beta Fachkräfte',
			status: 'discussion',
			tags: ['Arbeit'],
			updatedAt: day(3)
		});
		await createPaper(db, {
			board: local,
			author,
			title: 'Alpha 100% Innovation',
			tags: ['Innovation', 'Gründung'],
			updatedBy: editor,
			updatedAt: day(1)
		});
		await createPaper(db, {
			board: local,
			author,
			title: 'Gamma Innovation',
			status: 'adopted',
			tags: ['Innovation'],
			updatedAt: day(2)
		});
		const scoped = scopedDb(db, claimsFor(editor));
		const ctx = (await scoped.run((tx) => findBoardForCurrentUser(tx, local.slug)))!;
		const service = createPaperService({ db: scoped, collab });
		const list = async (query: Record<string, string>) =>
			(await service.list(ctx, libraryQuerySchema.parse(query))).papers;

		expect((await list({})).map((p) => p.title)).toEqual([
			'Beta Fachkräfte',
			'Gamma Innovation',
			'Alpha 100% Innovation'
		]);
		expect((await list({ sort: 'title' })).map((p) => p.title)).toEqual([
			'Alpha 100% Innovation',
			'Beta Fachkräfte',
			'Gamma Innovation'
		]);
		expect((await list({ status: 'adopted' })).map((p) => p.title)).toEqual(['Gamma Innovation']);
		expect((await list({ tag: 'Innovation', sort: 'title' })).map((p) => p.title)).toEqual([
			'Alpha 100% Innovation',
			'Gamma Innovation'
		]);
		expect((await list({ q: 'innovation', sort: 'title' })).map((p) => p.title)).toEqual([
			'Alpha 100% Innovation',
			'Gamma Innovation'
		]);
		// Wildcards in the search text are literal.
		expect((await list({ q: '100%' })).map((p) => p.title)).toEqual(['Alpha 100% Innovation']);
		expect((await list({ q: '_' })).map((p) => p.title)).toEqual([]);
		// Unknown filter values fall back to "no filter" instead of failing.
		expect(await list({ status: 'bogus', sort: 'bogus' })).toHaveLength(3);
		const alpha = (await list({ q: 'Alpha' }))[0]!;
		expect(alpha).toMatchObject({
			updatedByName: 'Emil Editor',
			createdByName: 'Anna Autorin',
			access: 'edit',
			canManage: false
		});
		expect((await service.list(ctx, libraryQuerySchema.parse({}))).tags).toEqual(['Arbeit', 'Gründung', 'Innovation']);
	});

	it('lets full members create papers and refuses guests, other boards and signed-out visitors', async () => {
		for (const role of ['office', 'chair', 'member', 'advisor'] as const) {
			const { service, board: ctx } = await as(people[role]);
			const { id } = await service.create(ctx!, createPaperSchema.parse({ title: `Von ${role}`, tags: 'a, b, a' }));
			expect(await service.get(ctx!, id)).toMatchObject({
				title: `Von ${role}`,
				tags: ['a', 'b'],
				access: 'edit',
				canManage: true,
				visibility: 'board'
			});
		}
		const before = await paperCount();
		const guest = await as(people.guest);
		expect(await refusal(guest.service.create(guest.board!, createPaperSchema.parse({ title: 'Gast' })))).toBe(
			'error.forbidden'
		);
		// The other board's member cannot even resolve the board; a forged context is stopped by RLS.
		const outsider = await as(people.outsider);
		expect(outsider.board).toBeNull();
		await expect(
			outsider.service.create(
				{ id: board.id, slug: board.slug, name: 'x', role: 'member' },
				createPaperSchema.parse({ title: 'Fremd' })
			)
		).rejects.toThrow();
		const anon = await as(null);
		expect(anon.board).toBeNull();
		await expect(
			anon.service.create(
				{ id: board.id, slug: board.slug, name: 'x', role: 'member' },
				createPaperSchema.parse({ title: 'Anonym' })
			)
		).rejects.toThrow();
		expect(
			await refusal(
				anon.service.list({ id: board.id, slug: board.slug, name: 'x', role: null }, libraryQuerySchema.parse({}))
			)
		).toBe('error.forbidden');
		expect(await paperCount()).toBe(before);
	});

	it('lets editors rename and change the status, but only the office and the author archive and delete', async () => {
		const paper = await createPaper(db, { board, author: people.member, title: 'Rechte' });
		const member2 = await as(people.member2);
		await member2.service.rename(member2.board!, { paperId: paper.id, title: 'Rechte (neu)', tags: ['x'] });
		await member2.service.setStatus(member2.board!, { paperId: paper.id, status: 'discussion' });
		expect(await member2.service.get(member2.board!, paper.id)).toMatchObject({
			title: 'Rechte (neu)',
			status: 'discussion',
			tags: ['x']
		});
		expect(await refusal(member2.service.setStatus(member2.board!, { paperId: paper.id, status: 'archived' }))).toBe(
			'error.forbidden'
		);
		expect(await refusal(member2.service.remove(member2.board!, paper.id))).toBe('error.forbidden');
		const guest = await as(people.guest);
		expect(await refusal(guest.service.rename(guest.board!, { paperId: paper.id, title: 'Gast', tags: [] }))).toBe(
			'error.notFound'
		);
		expect(await refusal(guest.service.remove(guest.board!, paper.id))).toBe('error.notFound');

		notified.length = 0;
		const author = await as(people.member);
		await author.service.setStatus(author.board!, { paperId: paper.id, status: 'archived' });
		expect(notified).toEqual([paper.id]);
		// Archived: the other member may now only read.
		expect((await member2.service.get(member2.board!, paper.id)).access).toBe('view');
		expect(await refusal(member2.service.rename(member2.board!, { paperId: paper.id, title: 'Nein', tags: [] }))).toBe(
			'error.forbidden'
		);

		await author.service.remove(author.board!, paper.id);
		expect(notified).toEqual([paper.id, paper.id]);
		expect(await refusal(author.service.get(author.board!, paper.id))).toBe('error.notFound');

		const other = await createPaper(db, { board, author: people.member, title: 'Vom Büro gelöscht' });
		const office = await as(people.office);
		await office.service.remove(office.board!, other.id);
		expect(await refusal(office.service.get(office.board!, other.id))).toBe('error.notFound');
	});

	it('hides restricted papers from everyone not named and reports view, comment and edit levels', async () => {
		const paper = await createPaper(db, {
			board,
			author: people.office,
			title: 'Vertraulich',
			visibility: 'restricted'
		});
		expect(await titles(people.member)).not.toContain('Vertraulich');
		expect(await titles(people.chair)).not.toContain('Vertraulich');

		const office = await as(people.office);
		notified.length = 0;
		for (const level of ['view', 'comment', 'edit'] as const) {
			const name = await office.service.grant(office.board!, {
				paperId: paper.id,
				userId: people.member.id,
				access: level
			});
			expect(name).toBe(people.member.displayName);
			const member = await as(people.member);
			expect((await member.service.get(member.board!, paper.id)).access).toBe(level);
		}
		expect(notified).toEqual([paper.id, paper.id, paper.id]);
		const settings = await office.service.settings(office.board!, paper.id);
		expect(settings.access).toEqual([expect.objectContaining({ userId: people.member.id, access: 'edit' })]);
		expect(settings.candidates.map((c) => c.userId)).toContain(people.guest.id);

		await office.service.revoke(office.board!, { paperId: paper.id, userId: people.member.id });
		expect(notified).toHaveLength(4);
		expect(await titles(people.member)).not.toContain('Vertraulich');

		await office.service.setVisibility(office.board!, {
			paperId: paper.id,
			visibility: 'board',
			boardAccess: 'comment'
		});
		expect(notified).toHaveLength(5);
		const member = await as(people.member);
		expect((await member.service.get(member.board!, paper.id)).access).toBe('comment');
		// A member with access may not manage it.
		expect(
			await refusal(
				member.service.grant(member.board!, { paperId: paper.id, userId: people.member2.id, access: 'edit' })
			)
		).toBe('error.forbidden');
		expect(
			await refusal(
				member.service.setVisibility(member.board!, {
					paperId: paper.id,
					visibility: 'restricted',
					boardAccess: 'view'
				})
			)
		).toBe('error.forbidden');
		expect(await refusal(member.service.settings(member.board!, paper.id))).toBe('error.forbidden');
		expect(notified).toHaveLength(5);
	});

	it('shows guests only the papers shared with them by name', async () => {
		const shared = await createPaper(db, { board, author: people.office, title: 'Für den Gast' });
		await createPaper(db, { board, author: people.office, title: 'Nicht für den Gast' });
		await grantPaperAccess(db, { paper: shared, user: people.guest, access: 'comment' });
		const guest = await as(people.guest);
		const { papers, canCreate } = await guest.service.list(guest.board!, libraryQuerySchema.parse({}));
		expect(papers.map((p) => p.title)).toEqual(['Für den Gast']);
		expect(papers[0]!.access).toBe('comment');
		expect(canCreate).toBe(false);
	});

	it('refuses bad input with a clear message and saves nothing', async () => {
		expect(createPaperSchema.safeParse({ title: '   ' }).success).toBe(false);
		expect(createPaperSchema.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
		expect(createPaperSchema.safeParse({ title: 'x'.repeat(200) }).success).toBe(true);
		expect(renameSchema.safeParse({ paperId: 'nope', title: 'x' }).success).toBe(false);
		const before = await paperCount();
		const { service, board: ctx } = await as(people.member);
		const tooMany = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
		expect(await refusal(service.create(ctx!, createPaperSchema.parse({ title: 'Viele', tags: tooMany })))).toBe(
			'papers.error.tooManyTags'
		);
		expect(await refusal(service.create(ctx!, createPaperSchema.parse({ title: 'Lang', tags: 'x'.repeat(41) })))).toBe(
			'papers.error.tagTooLong'
		);
		expect(await paperCount()).toBe(before);

		const unknown = '00000000-0000-4000-8000-00000000dead';
		expect(await refusal(service.get(ctx!, unknown))).toBe('error.notFound');
		expect(await refusal(service.rename(ctx!, { paperId: unknown, title: 'x', tags: [] }))).toBe('error.notFound');
		// A paper of another board is "not found", even to someone who is a member there too.
		const elsewhere = await createPaper(db, { board: otherBoard, author: people.outsider, title: 'Anderes Gremium' });
		await addMember(db, { board: otherBoard, role: 'member', user: people.member2 });
		const member2 = await as(people.member2);
		expect(
			await refusal(member2.service.rename(member2.board!, { paperId: elsewhere.id, title: 'Gekapert', tags: [] }))
		).toBe('error.notFound');
		const office = await as(people.office);
		const own = await createPaper(db, { board, author: people.office, title: 'Eigenes' });
		expect(
			await refusal(
				office.service.grant(office.board!, { paperId: own.id, userId: people.outsider.id, access: 'view' })
			)
		).toBe('papers.error.notMember');
		expect((await office.service.settings(office.board!, own.id)).access).toEqual([]);
		expect(await refusal(office.service.revoke(office.board!, { paperId: own.id, userId: people.member.id }))).toBe(
			'error.notFound'
		);
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ title: string }>(`select title from public.papers where id = $1`, [elsewhere.id])
		);
		expect(row!.title).toBe('Anderes Gremium');
	});

	it('turns a malformed paper address into a 404 page before any query', async () => {
		const locals = { locale: 'de' } as RequestContext;
		let called = false;
		// What the paper pages do: the address's id is checked inside the load's service call, before it runs.
		const outcome = await pageData(locals, async () => {
			idParam(locals, 'not-a-uuid');
			called = true;
		}).catch((e: { status?: number }) => e.status);
		expect(outcome).toBe(404);
		expect(called).toBe(false);
	});
});
