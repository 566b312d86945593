import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { stateToNode } from '$lib/server/documents/paper-document';
import type { TestBoard, TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper, createTestHub, paragraphs, seedDocument, servicesFor } from '../factories/comments';
import { storedNotifications } from '../factories/notifications';
import { memoryMailer, ownerRows } from '../factories/votes';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';

// The record (#11) for papers: opening a comment thread, replying, saving a named version and importing a
// file each carry the form's one-time token. The same token again — one after the other or two requests
// at once — gives the first row back: one row, one mark in the document, one notification. Someone else's
// token is refused, never answered with their row.

const TEXT = 'Die Innenstadt braucht mehr Gründerflächen.';
const range = (word: string) => ({
	from: 1 + TEXT.indexOf(word),
	to: 1 + TEXT.indexOf(word) + word.length,
	quote: word
});
const count = async (db: Database, sql: string, params: unknown[]) =>
	(await ownerRows<{ n: number }>(db, sql, params))[0]!.n;

describe.each(testDatabases())('one-time form tokens on papers on $name', (target) => {
	let db: Database;
	let hub: ReturnType<typeof createTestHub>;
	let board: TestBoard;
	let office: TestUser, member: TestUser, editor: TestUser;
	let paper: { id: string; title: string };
	const mailer = memoryMailer();

	const as = (user: TestUser) => servicesFor(db, { user, board, hub, mailer, origin: 'http://beirat.test' });
	const mentionsOf = async (user: TestUser) =>
		(await storedNotifications(db, user.id)).filter((n) => n.kind === 'comment-mention').length;
	/** The comment marks in the paper's document, by thread. */
	async function marks() {
		const threads: string[] = [];
		stateToNode(await hub.getState(paper.id)).descendants((node) => {
			for (const mark of node.marks) if (mark.type.name === 'comment') threads.push(String(mark.attrs.threadId));
		});
		return new Set(threads);
	}

	beforeAll(async () => {
		db = await target.open();
		hub = createTestHub(db);
		({
			board,
			people: { office, member, editor }
		} = await boardWithRoles(db, { office: 'office', member: 'member', editor: 'member' }));
		paper = await createPaper(db, { board, author: office, boardAccess: 'edit' });
		await seedDocument(hub, { paperId: paper.id, author: office, doc: paragraphs(TEXT) });
	});
	afterAll(async () => {
		await hub.close();
		await db.close();
	});

	it('opens a thread once per token: one thread, one comment, one mark, one notification', async () => {
		const { comments, board: ctx } = await as(office);
		const input = {
			paperId: paper.id,
			...range('Innenstadt'),
			body: 'Welche Grenzen hat die Innenstadt?',
			mentions: [member.id],
			formToken: randomUUID()
		};
		const before = await mentionsOf(member);
		const [a, b] = await Promise.all([comments.createThread(ctx, input), comments.createThread(ctx, input)]);
		const again = await comments.createThread(ctx, input);
		expect(b).toEqual(a);
		expect(again).toEqual(a);
		expect(
			await count(db, `select count(*)::int as n from public.comment_threads where paper_id = $1 and form_token = $2`, [
				paper.id,
				input.formToken
			])
		).toBe(1);
		expect(await count(db, `select count(*)::int as n from public.comments where thread_id = $1`, [a.threadId])).toBe(
			1
		);
		expect([...(await marks())].filter((id) => id === a.threadId)).toHaveLength(1);
		expect(await mentionsOf(member)).toBe(before + 1);

		// A new token is a new thread.
		const next = await comments.createThread(ctx, { ...input, ...range('Gründerflächen'), formToken: randomUUID() });
		expect(next.threadId).not.toBe(a.threadId);
	});

	it('writes a reply once per token and notifies once', async () => {
		const { comments, board: ctx } = await as(office);
		const { threadId } = await comments.createThread(ctx, {
			paperId: paper.id,
			...range('braucht'),
			body: 'Wer braucht was?',
			formToken: randomUUID()
		});
		const them = await as(editor);
		const input = {
			threadId,
			body: 'Die Gründerinnen, sagt @niemand.',
			mentions: [member.id],
			formToken: randomUUID()
		};
		const before = await mentionsOf(member);
		const [a, b] = await Promise.all([them.comments.reply(them.board, input), them.comments.reply(them.board, input)]);
		expect(b).toEqual(a);
		expect(await them.comments.reply(them.board, input)).toEqual(a);
		expect(await count(db, `select count(*)::int as n from public.comments where thread_id = $1`, [threadId])).toBe(2);
		expect(await mentionsOf(member)).toBe(before + 1);
	});

	it("refuses another person's token instead of answering with their thread or reply", async () => {
		const mine = await as(office);
		const threadToken = randomUUID();
		const { threadId } = await mine.comments.createThread(mine.board, {
			paperId: paper.id,
			...range('mehr'),
			body: 'Wie viel mehr?',
			formToken: threadToken
		});
		const replyToken = randomUUID();
		await mine.comments.reply(mine.board, { threadId, body: 'Doppelt so viel.', formToken: replyToken });

		const theirs = await as(member);
		expect(
			await refusal(
				theirs.comments.createThread(theirs.board, {
					paperId: paper.id,
					...range('mehr'),
					body: 'Meins?',
					formToken: threadToken
				})
			)
		).toBe('form.error.tokenUsed');
		expect(
			await refusal(theirs.comments.reply(theirs.board, { threadId, body: 'Meins?', formToken: replyToken }))
		).toBe('form.error.tokenUsed');
		// Their own reply token used in another thread is not that thread's reply either.
		const other = await mine.comments.createThread(mine.board, {
			paperId: paper.id,
			...range('Die'),
			body: 'Anderer Faden',
			formToken: randomUUID()
		});
		expect(
			await refusal(
				mine.comments.reply(mine.board, { threadId: other.threadId, body: 'Doppelt so viel.', formToken: replyToken })
			)
		).toBe('form.error.tokenUsed');
		expect(await count(db, `select count(*)::int as n from public.comments where thread_id = $1`, [threadId])).toBe(2);
		expect(
			await count(db, `select count(*)::int as n from public.comments where thread_id = $1`, [other.threadId])
		).toBe(1);
	});

	it('saves a named version once per token, with one number', async () => {
		const { versions, board: ctx } = await as(editor);
		const input = { paperId: paper.id, name: 'Entwurf Doppelklick', formToken: randomUUID() };
		const [a, b] = await Promise.all([versions.createNamed(ctx, input), versions.createNamed(ctx, input)]);
		expect(b).toEqual(a);
		expect(await versions.createNamed(ctx, input)).toEqual(a);
		expect(
			await count(db, `select count(*)::int as n from public.paper_versions where paper_id = $1 and name = $2`, [
				paper.id,
				input.name
			])
		).toBe(1);

		// Two different forms at once are two versions, numbered one after the other.
		const [x, y] = await Promise.all([
			versions.createNamed(ctx, { paperId: paper.id, name: 'Parallel A', formToken: randomUUID() }),
			versions.createNamed(ctx, { paperId: paper.id, name: 'Parallel B', formToken: randomUUID() })
		]);
		expect([x.number, y.number].sort()).toEqual([a.number + 1, a.number + 2]);

		const theirs = await as(office);
		expect(await refusal(theirs.versions.createNamed(theirs.board, input))).toBe('form.error.tokenUsed');
		expect(
			await count(db, `select count(*)::int as n from public.paper_versions where paper_id = $1 and kind = 'named'`, [
				paper.id
			])
		).toBe(3);
	});

	it('imports a file once per token: one paper, its text written once', async () => {
		const { exports, board: ctx } = await as(member);
		const file = {
			name: 'import.md',
			bytes: new TextEncoder().encode('# Fachkräfte\n\nZiel sind 500 Ausbildungsplätze.\n')
		};
		const input = { file, title: 'Import Doppelklick', formToken: randomUUID() };
		const [a, b] = await Promise.all([exports.importPaper(ctx, input), exports.importPaper(ctx, input)]);
		expect(b).toEqual(a);
		expect(await exports.importPaper(ctx, input)).toEqual(a);
		expect(
			await count(db, `select count(*)::int as n from public.papers where board_id = $1 and title = $2`, [
				board.id,
				input.title
			])
		).toBe(1);
		const text = stateToNode(await hub.getState(a.paperId)).textContent;
		expect(text.split('Ziel sind 500 Ausbildungsplätze.')).toHaveLength(2);

		const theirs = await as(office);
		expect(await refusal(theirs.exports.importPaper(theirs.board, input))).toBe('form.error.tokenUsed');
		expect(
			await count(db, `select count(*)::int as n from public.papers where board_id = $1 and title = $2`, [
				board.id,
				input.title
			])
		).toBe(1);
	});
});
