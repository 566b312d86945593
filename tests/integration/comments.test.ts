import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { withSystem } from '$lib/server/db/scoped';
import { stateToNode } from '$lib/server/documents/paper-document';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { createPaper, createTestHub, paragraphs, seedDocument, servicesFor } from '../factories/comments';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { attempt, rows } from '../support/rls';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const TEXT = 'Die Innenstadt braucht mehr Gründerflächen.';

describe.each(testDatabases())('comments on $name', (target) => {
	let db: Database;
	let h: Harness;
	let hub: ReturnType<typeof createTestHub>;
	let board: TestBoard;
	let office: TestUser, member: TestUser, commenter: TestUser, viewer: TestUser, guest: TestUser, outsider: TestUser;
	let paper: { id: string; title: string };

	const as = (user: TestUser) => servicesFor(db, { user, board, hub, mailer: h.mailer, origin: ORIGIN });
	/** Positions of `word` in the first paragraph (ProseMirror: paragraph content starts at 1). */
	const range = (word: string) => ({
		from: 1 + TEXT.indexOf(word),
		to: 1 + TEXT.indexOf(word) + word.length,
		quote: word
	});
	const mailsTo = (email: string) =>
		withSystem(db, 'test-setup', (tx) =>
			tx.query<{ subject: string; body_text: string }>(
				`select subject, body_text from public.mail_outbox where lower(to_email) = lower($1)`,
				[email]
			)
		);

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		hub = createTestHub(db);
		board = await createBoard(db, { name: 'Wirtschaft.Hamm.2030' });
		office = await addMember(db, { board, role: 'office' });
		member = await addMember(db, {
			board,
			role: 'member',
			user: await createUser(db, { displayName: 'Petra Sommer', locale: 'en' })
		});
		commenter = await addMember(db, {
			board,
			role: 'advisor',
			user: await createUser(db, { displayName: 'Jonas Becker' })
		});
		viewer = await addMember(db, { board, role: 'member' });
		guest = await addMember(db, { board, role: 'guest' });
		const otherBoard = await createBoard(db);
		outsider = await addMember(db, { board: otherBoard, role: 'office' });
		paper = await createPaper(db, {
			board,
			author: office,
			title: 'Gründerstrategie',
			boardAccess: 'edit',
			access: [
				{ user: commenter, access: 'comment' },
				{ user: viewer, access: 'view' }
			]
		});
		await seedDocument(hub, { paperId: paper.id, author: office, doc: paragraphs(TEXT, 'Zweiter Absatz.') });
	});
	afterAll(async () => {
		await hub.close();
		await db.close();
	});

	it('opens a thread on selected text: the mark is applied to the document as a server-side change', async () => {
		const { comments, board: ctx } = await as(commenter);
		const { threadId } = await comments.createThread(ctx, {
			paperId: paper.id,
			...range('Gründerflächen'),
			body: 'Welche Flächen genau?'
		});
		const node = stateToNode(await hub.getState(paper.id));
		const marked: string[] = [];
		node.descendants((n) => {
			if (n.isText && n.marks.some((m) => m.type.name === 'comment' && m.attrs.threadId === threadId))
				marked.push(n.text!);
		});
		expect(marked.join('')).toBe('Gründerflächen');
		expect(node.textContent).toContain(TEXT);

		const list = await comments.list(ctx, paper.id);
		const thread = list.threads.find((t) => t.id === threadId)!;
		expect(thread.quote).toBe('Gründerflächen');
		expect(thread.comments.map((c) => [c.authorName, c.body, c.mine])).toEqual([
			['Jonas Becker', 'Welche Flächen genau?', true]
		]);
		expect(list.canComment).toBe(true);
	});

	it('refuses an anchor whose text changed and saves nothing', async () => {
		const { comments, board: ctx } = await as(member);
		const before = (await comments.list(ctx, paper.id)).threads.length;
		expect(
			await refusal(
				comments.createThread(ctx, { paperId: paper.id, from: 1, to: 5, quote: 'Etwas anderes', body: 'x' })
			)
		).toBe('comments.error.anchorChanged');
		expect((await comments.list(ctx, paper.id)).threads.length).toBe(before);
	});

	it('lets others reply, only the author edit, and anyone with comment access resolve and reopen', async () => {
		const { comments, board: ctx } = await as(commenter);
		const { threadId, commentId } = await comments.createThread(ctx, {
			paperId: paper.id,
			...range('Innenstadt'),
			body: 'Nur die Innenstadt?'
		});
		const other = await as(member);
		await other.comments.reply(other.board, { threadId, body: 'Auch Heessen.' });
		expect(await refusal(other.comments.edit(other.board, { commentId, body: 'übernommen' }))).toBe(
			'comments.error.notAuthor'
		);
		await comments.edit(ctx, { commentId, body: 'Nur die Innenstadt? (präzisiert)' });
		await other.comments.setResolved(other.board, { threadId, resolved: true });
		let thread = (await comments.list(ctx, paper.id)).threads.find((t) => t.id === threadId)!;
		expect(thread.comments.map((c) => c.body)).toEqual(['Nur die Innenstadt? (präzisiert)', 'Auch Heessen.']);
		expect(thread.comments[0]!.editedAt).not.toBeNull();
		expect(thread.resolvedAt).not.toBeNull();
		expect(thread.resolvedByName).toBe('Petra Sommer');
		await comments.setResolved(ctx, { threadId, resolved: false });
		thread = (await comments.list(ctx, paper.id)).threads.find((t) => t.id === threadId)!;
		expect(thread.resolvedAt).toBeNull();
	});

	it('mails each mentioned reader once, in their language, and never people who cannot read the paper', async () => {
		const { comments, board: ctx } = await as(commenter);
		const { threadId } = await comments.createThread(ctx, {
			paperId: paper.id,
			...range('braucht'),
			body: '@Petra Sommer bitte prüfen, und @Petra Sommer nochmal',
			mentions: [guest.id]
		});
		const reply = await comments.reply(ctx, { threadId, body: 'Nachtrag für @petra sommer' });
		await comments.edit(ctx, { commentId: reply.id, body: 'Nachtrag für @Petra Sommer (korrigiert)' });
		const mails = await mailsTo(member.email);
		expect(mails).toHaveLength(2); // one per comment that mentions her, not one per edit or repetition
		expect(mails[0]!.subject).toBe('Jonas Becker mentioned you in “Gründerstrategie”');
		expect(mails[0]!.body_text).toContain(`${ORIGIN}/b/${board.slug}/papers/${paper.id}#thread-${threadId}`);
		expect(await mailsTo(guest.email)).toHaveLength(0);
	});

	it('refuses empty and overlong comments with a clear message', async () => {
		const { comments, board: ctx } = await as(member);
		const threadId = (await comments.list(ctx, paper.id)).threads[0]!.id;
		expect(await refusal(comments.reply(ctx, { threadId, body: '   ' }))).toBe('comments.error.empty');
		expect(await refusal(comments.reply(ctx, { threadId, body: 'x'.repeat(5001) }))).toBe('comments.error.tooLong');
		expect(await refusal(comments.createThread(ctx, { paperId: paper.id, ...range('mehr'), body: '' }))).toBe(
			'comments.error.empty'
		);
		const thread = (await comments.list(ctx, paper.id)).threads.find((t) => t.id === threadId)!;
		expect(thread.comments.every((c) => c.body.trim().length > 0 && c.body.length <= 5000)).toBe(true);
	});

	it('lets viewers read but not comment; refuses guests without a share and other boards', async () => {
		const threadId = (await (await as(member)).comments.list((await as(member)).board, paper.id)).threads[0]!.id;
		const v = await as(viewer);
		const seen = await v.comments.list(v.board, paper.id);
		expect(seen.canComment).toBe(false);
		expect(seen.threads.length).toBeGreaterThan(0);
		expect(await refusal(v.comments.reply(v.board, { threadId, body: 'Darf ich nicht' }))).toBe('error.forbidden');
		expect(await refusal(v.comments.createThread(v.board, { paperId: paper.id, ...range('mehr'), body: 'Nein' }))).toBe(
			'error.forbidden'
		);
		expect(await refusal(v.comments.setResolved(v.board, { threadId, resolved: true }))).toBe('error.forbidden');

		const g = await as(guest);
		expect(await refusal(g.comments.list(g.board, paper.id))).toBe('error.notFound');
		expect(await refusal(g.comments.reply(g.board, { threadId, body: 'Hallo' }))).toBe('error.notFound');
		const o = await as(outsider);
		expect(await refusal(o.comments.list(o.board, paper.id))).toBe('error.notFound');
		expect(await refusal(o.comments.reply(o.board, { threadId, body: 'Hallo' }))).toBe('error.notFound');
	});

	it('lets a guest comment on a paper shared with them', async () => {
		const shared = await createPaper(db, {
			board,
			author: office,
			visibility: 'restricted',
			access: [{ user: guest, access: 'comment' }]
		});
		await seedDocument(hub, { paperId: shared.id, author: office, doc: paragraphs(TEXT) });
		const g = await as(guest);
		const { threadId } = await g.comments.createThread(g.board, {
			paperId: shared.id,
			...range('Innenstadt'),
			body: 'Als Gast: gute Idee.'
		});
		expect((await g.comments.list(g.board, shared.id)).threads.map((t) => t.id)).toEqual([threadId]);
	});

	it('mails the person a guest mentions, though the guest may not read their address', async () => {
		const shared = await createPaper(db, {
			board,
			author: office,
			visibility: 'restricted',
			access: [{ user: guest, access: 'comment' }]
		});
		await seedDocument(hub, { paperId: shared.id, author: office, doc: paragraphs(TEXT) });
		const g = await as(guest);
		const before = (await mailsTo(office.email)).length;
		await g.comments.createThread(g.board, {
			paperId: shared.id,
			...range('Innenstadt'),
			body: 'Bitte ansehen',
			mentions: [office.id]
		});
		const mails = await mailsTo(office.email);
		expect(mails).toHaveLength(before + 1);
		expect(mails.at(-1)!.body_text).toContain(`/papers/${shared.id}#thread-`);
	});

	describe('row-level security', () => {
		let threadId: string;
		let commentId: string;
		beforeAll(async () => {
			const { comments, board: ctx } = await as(commenter);
			({ threadId, commentId } = await comments.createThread(ctx, {
				paperId: paper.id,
				...range('Die'),
				body: 'RLS-Probe'
			}));
		});

		it('shows threads and comments only to people who may read the paper', async () => {
			const threads = (tx: Parameters<typeof rows>[0]) =>
				rows(tx, `select 1 from public.comment_threads where id = $1`, [threadId]);
			const comments = (tx: Parameters<typeof rows>[0]) =>
				rows(tx, `select 1 from public.comments where id = $1`, [commentId]);
			for (const user of [viewer, member, office]) {
				expect(await attempt(db, claimsFor(user), threads)).toBe('allowed');
				expect(await attempt(db, claimsFor(user), comments)).toBe('allowed');
			}
			for (const claims of [claimsFor(guest), claimsFor(outsider), null]) {
				expect(await attempt(db, claims, threads)).toBe('refused');
				expect(await attempt(db, claims, comments)).toBe('refused');
			}
		});

		it('lets only commenters and editors write, and only authors change their text', async () => {
			const insertComment = (tx: Parameters<typeof rows>[0]) =>
				rows(
					tx,
					`insert into public.comments (thread_id, author_id, body) values ($1, (select auth.uid()), 'Hallo') returning 1`,
					[threadId]
				);
			expect(await attempt(db, claimsFor(member), insertComment)).toBe('allowed');
			for (const claims of [claimsFor(viewer), claimsFor(guest), claimsFor(outsider), null])
				expect(await attempt(db, claims, insertComment)).toBe('refused');
			const insertThread = (tx: Parameters<typeof rows>[0]) =>
				rows(
					tx,
					`insert into public.comment_threads (paper_id, created_by) values ($1, (select auth.uid())) returning 1`,
					[paper.id]
				);
			expect(await attempt(db, claimsFor(commenter), insertThread)).toBe('allowed');
			expect(await attempt(db, claimsFor(viewer), insertThread)).toBe('refused');
			const edit = (tx: Parameters<typeof rows>[0]) =>
				rows(tx, `update public.comments set body = 'geändert' where id = $1 returning 1`, [commentId]);
			expect(await attempt(db, claimsFor(commenter), edit)).toBe('allowed');
			expect(await attempt(db, claimsFor(office), edit)).toBe('refused');
			const forge = (tx: Parameters<typeof rows>[0]) =>
				rows(tx, `update public.comments set author_id = (select auth.uid()) where id = $1 returning 1`, [commentId]);
			expect(await attempt(db, claimsFor(office), forge)).toBe('refused');
			const resolve = (tx: Parameters<typeof rows>[0]) =>
				rows(
					tx,
					`update public.comment_threads set resolved_at = now(), resolved_by = (select auth.uid()) where id = $1 returning 1`,
					[threadId]
				);
			expect(await attempt(db, claimsFor(member), resolve)).toBe('allowed');
			expect(await attempt(db, claimsFor(viewer), resolve)).toBe('refused');
			expect(await attempt(db, claimsFor(outsider), resolve)).toBe('refused');
		});
	});
});
