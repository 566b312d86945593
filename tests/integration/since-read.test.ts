import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import type { CollabHub } from '$lib/server/collab/hub';
import { docFromState } from '$lib/server/documents/paper-document';
import { createSinceReadService } from '$lib/server/since-read/since-read.service';
import { listChangedPapers } from '$lib/server/since-read/since-read.repository';
import { listPapers } from '$lib/server/papers/paper.repository';
import { listItemPapers } from '$lib/server/agenda/agenda-paper.repository';
import { addMember, claimsFor, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { createPaper, createTestHub, paragraphs, seedDocument } from '../factories/comments';
import { createItem, createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { attempt, rows } from '../support/rls';

/** An edit by `user` from their own Yjs client, sent through the hub like a socket's update. */
async function edit(hub: CollabHub, input: { paperId: string; user: TestUser; change: (doc: Y.Doc) => void }) {
	const doc = docFromState(await hub.getState(input.paperId));
	doc.clientID = Math.floor(Math.random() * 2 ** 30);
	const before = Y.encodeStateVector(doc);
	input.change(doc);
	await hub.applyUpdate(input.paperId, Y.encodeStateAsUpdate(doc, before), input.user.id);
	doc.destroy();
}

const firstText = (doc: Y.Doc, index = 0) =>
	(doc.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe.each(testDatabases())('changed since you last read on $name', (target) => {
	let db: Database;
	let hub: ReturnType<typeof createTestHub>;
	let board: TestBoard;
	let office: TestUser, reader: TestUser, editor: TestUser, outsider: TestUser;
	let paper: { id: string; title: string };

	const as = async (user: TestUser) => {
		const scoped = scopedDb(db, claimsFor(user));
		return { scoped, board: await boardAs(db, user, board), service: createSinceReadService({ db: scoped, hub }) };
	};

	beforeAll(async () => {
		db = await target.open();
		hub = createTestHub(db);
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
		reader = await addMember(db, { board, role: 'member', user: await createUser(db, { displayName: 'Lea Reader' }) });
		editor = await addMember(db, { board, role: 'member', user: await createUser(db, { displayName: 'Ed Editor' }) });
		outsider = await addMember(db, { board: await createBoard(db), role: 'office' });
		paper = await createPaper(db, { board, author: office, title: 'Innenstadt 2030', boardAccess: 'edit' });
		await seedDocument(hub, {
			paperId: paper.id,
			author: office,
			doc: paragraphs('Die Stadt plant ein Gründerzentrum.', 'Der Hafen bleibt.')
		});
	});
	afterAll(async () => {
		await hub.close();
		await db.close();
	});

	it('a first visit has no read state; marking it read makes the paper unchanged, and a repeat is harmless', async () => {
		const { service, board: ctx } = await as(reader);
		expect((await service.view(ctx, paper.id)).state).toBe('first');
		await service.markRead(ctx, paper.id);
		await service.markRead(ctx, paper.id);
		const view = await service.view(ctx, paper.id);
		expect(view.state).toBe('unchanged');
		expect(view.readAt).toBeInstanceOf(Date);
	});

	it("shows another person's insertions and deletions with their name and a count", async () => {
		await edit(hub, {
			paperId: paper.id,
			user: editor,
			change: (doc) => {
				const text = firstText(doc);
				text.insert('Die Stadt plant '.length, 'bis 2030 ');
				firstText(doc, 1).delete(0, 'Der '.length);
			}
		});
		const { service, board: ctx } = await as(reader);
		const view = await service.view(ctx, paper.id);
		expect(view.state).toBe('changed');
		expect(view.count).toBe(2);
		expect(view.authors).toEqual([{ id: editor.id, name: 'Ed Editor' }]);
		const changes = view.blocks.flatMap((b) => b.segments.filter((s) => s.kind !== 'same'));
		expect(changes).toEqual([
			{ kind: 'added', text: 'bis 2030 ', authors: [0] },
			{ kind: 'removed', text: 'Der ', authors: [0] }
		]);
	});

	it('the library and the dashboard show the paper as changed for the reader, not for its editor', async () => {
		const changedFor = async (user: TestUser) => {
			const { scoped } = await as(user);
			return scoped.run(async (tx) => ({
				library: (await listPapers(tx, { boardId: board.id, sort: 'edited' })).find((p) => p.id === paper.id)
					?.changedSinceRead,
				dashboard: (await listChangedPapers(tx, { boardIds: [board.id], limit: 5 })).map((p) => p.id)
			}));
		};
		expect(await changedFor(reader)).toEqual({ library: true, dashboard: [paper.id] });
		// The editor read it and then changed it: their own edits do not count.
		const { service, board: ctx } = await as(editor);
		await service.markRead(ctx, paper.id);
		await edit(hub, { paperId: paper.id, user: editor, change: (doc) => firstText(doc).insert(0, 'Neu: ') });
		expect(await changedFor(editor)).toEqual({ library: false, dashboard: [] });
		expect((await service.view(ctx, paper.id)).state).toBe('unchanged');
	});

	it('mark as read clears the changes (idempotent)', async () => {
		const { service, board: ctx, scoped } = await as(reader);
		await service.markRead(ctx, paper.id);
		await service.markRead(ctx, paper.id);
		expect((await service.view(ctx, paper.id)).state).toBe('unchanged');
		const dashboard = await scoped.run((tx) => listChangedPapers(tx, { boardIds: [board.id], limit: 5 }));
		expect(dashboard).toEqual([]);
	});

	it('names who deleted a passage, not everybody who edited since', async () => {
		const inserter = await addMember(db, {
			board,
			role: 'member',
			user: await createUser(db, { displayName: 'Ina Inserter' })
		});
		const { service, board: ctx } = await as(reader);
		await service.markRead(ctx, paper.id);
		await edit(hub, { paperId: paper.id, user: inserter, change: (doc) => firstText(doc).insert(0, 'Heute: ') });
		await edit(hub, {
			paperId: paper.id,
			user: editor,
			change: (doc) => firstText(doc, 1).delete(0, firstText(doc, 1).toString().indexOf(' ') + 1)
		});
		const view = await service.view(ctx, paper.id);
		const nameOf = (index: number) => view.authors[index]!.name;
		const changes = view.blocks.flatMap((b) => b.segments.filter((s) => s.kind !== 'same'));
		expect(changes.map((s) => [s.kind, s.text, s.authors.map(nameOf)])).toEqual([
			['added', 'Heute: ', ['Ina Inserter']],
			['removed', 'Hafen ', ['Ed Editor']]
		]);
		await service.markRead(ctx, paper.id);
	});

	it("RLS: a person sees and writes only their own read state; outsiders see nobody's edits", async () => {
		const readerClaims = claimsFor(reader);
		const editorClaims = claimsFor(editor);
		// Both have a read row; each sees exactly one, their own.
		for (const claims of [readerClaims, editorClaims])
			expect(
				await scopedDb(db, claims).run((tx) =>
					tx.query<{ user_id: string }>(`select user_id from public.paper_reads where paper_id = $1`, [paper.id])
				)
			).toEqual([{ user_id: claims.sub }]);
		const othersRow = (tx: Parameters<typeof rows>[0]) =>
			rows(tx, `update public.paper_reads set read_at = now() where user_id = $1 returning 1`, [reader.id]);
		expect(await attempt(db, editorClaims, othersRow)).toBe('refused');
		expect(await attempt(db, readerClaims, othersRow)).toBe('allowed');
		expect(
			await attempt(db, editorClaims, (tx) =>
				rows(tx, `insert into public.paper_reads (paper_id, user_id, blocks) values ($1, $2, '[]') returning 1`, [
					paper.id,
					reader.id
				])
			)
		).toBe('refused');
		expect(
			await attempt(db, editorClaims, (tx) =>
				rows(tx, `delete from public.paper_reads where user_id = $1 returning 1`, [reader.id])
			)
		).toBe('refused');
		// Someone outside the board sees neither the paper's editors nor its clients, and cannot mark it read.
		for (const table of ['paper_editors', 'paper_edit_clients', 'paper_deletions', 'paper_reads'])
			expect(
				await attempt(db, claimsFor(outsider), (tx) =>
					rows(tx, `select 1 from public.${table} where paper_id = $1`, [paper.id])
				)
			).toBe('refused');
		const { service, board: ctx } = await as(outsider);
		await expect(service.markRead(ctx, paper.id)).rejects.toMatchObject({ status: 404 });
	});

	it('an agenda item marks its paper when it changed after the person downloaded the board book', async () => {
		const meeting = await createMeeting(db, { board, published: true });
		const item = await createItem(db, { meeting });
		await db.ownerTransaction((tx) =>
			tx.query(`insert into public.agenda_item_papers (item_id, paper_id, meeting_id) values ($1, $2, $3)`, [
				item.id,
				paper.id,
				meeting.id
			])
		);
		const marked = async (user: TestUser) =>
			(await as(user)).scoped.run(async (tx) => (await listItemPapers(tx, meeting.id)).map((p) => p.changedSinceBook));
		// No download yet: nothing to compare with.
		expect(await marked(reader)).toEqual([false]);
		await (await as(reader)).service.recordDownload(meeting.id);
		await (await as(reader)).service.recordDownload(meeting.id);
		expect(await marked(reader)).toEqual([false]);
		await edit(hub, { paperId: paper.id, user: editor, change: (doc) => firstText(doc, 1).insert(0, 'Auch: ') });
		expect(await marked(reader)).toEqual([true]);
		// The editor never downloaded it; another person's download is not theirs.
		expect(await marked(editor)).toEqual([false]);
		expect(
			await attempt(db, claimsFor(editor), (tx) =>
				rows(tx, `select 1 from public.boardbook_downloads where meeting_id = $1`, [meeting.id])
			)
		).toBe('refused');
	});
});
