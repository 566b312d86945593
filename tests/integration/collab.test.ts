import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
	CLOSE_ACCESS_CHANGED,
	CLOSE_EDIT_REFUSED,
	CLOSE_MALFORMED,
	CLOSE_PAPER_GONE,
	CLOSE_TOO_BIG,
	MESSAGE_AWARENESS,
	MESSAGE_SYNC
} from '$lib/collab/protocol';
import { ServiceError } from '$lib/server/errors';
import { signTicket } from '$lib/server/collab/ticket';
import { loadSecret } from '$lib/server/collab/persistence';
import type { Database } from '$lib/server/db/types';
import { addMember, createBoard } from '../factories';
import { testDatabases } from '../support/databases';
import {
	connectClient,
	createPaper,
	createPaperWorld,
	logRowCount,
	rawSocket,
	startCollabNode,
	storedDoc,
	textOf,
	ticketFor,
	until,
	upgradeStatus,
	type CollabNode,
	type PaperWorld,
	type TestClient
} from '../support/collab';

function updateFrame(update: Uint8Array, step = 2): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

function paragraphUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment('default').push([paragraph]);
	return Y.encodeStateAsUpdate(doc);
}

describe.each(testDatabases())('collaboration server on $name', (target) => {
	let db: Database;
	let node: CollabNode;
	let world: PaperWorld;
	const clients: TestClient[] = [];
	const connect = async (
		...args: Parameters<typeof connectClient> extends [Database, unknown, ...infer R] ? R : never
	) => {
		const client = await connectClient(db, node, ...args);
		clients.push(client);
		return client;
	};
	const socketUrl = async (user: PaperWorld['editor'], paperId = world.paperId) =>
		`${node.base}/collab/${paperId}?ticket=${(await ticketFor(db, user, paperId)).ticket}`;

	beforeAll(async () => {
		db = await target.open();
		node = await startCollabNode({ db, limits: { maxMessageBytes: 64 * 1024, idleGraceMs: 200 } });
		world = await createPaperWorld(db);
	});
	afterAll(async () => {
		for (const client of clients) client.destroy();
		await node.close();
		await db.close();
	});

	it('lets two editors converge and says "saved" only once the rows are in Postgres', async () => {
		// Commits that linger before COMMIT: a premature "saved" would find the rows missing.
		const linger = () => new Promise((resolve) => setTimeout(resolve, 150));
		const slowDb: Database = {
			...db,
			transaction: (fn) =>
				db.transaction(async (tx) => {
					const result = await fn(tx);
					await linger();
					return result;
				}),
			// The group commit's way in (systemStatement): the same statements, lingering before COMMIT.
			batch: (statements) =>
				db.transaction(async (tx) => {
					const rows: unknown[][] = [];
					for (const { text, params } of statements) rows.push(await tx.query(text, params));
					await linger();
					return rows;
				})
		};
		const slow = await startCollabNode({ db: slowDb });
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const checks: Promise<string>[] = [];
		try {
			const a = await connectClient(db, slow, world.office, paperId);
			const b = await connectClient(db, slow, world.office, paperId);
			clients.push(a, b);
			a.type('Erster Absatz');
			b.type('Zweiter Absatz');
			const typedBy = new Map([
				[a, 'Erster Absatz'],
				[b, 'Zweiter Absatz']
			]);
			for (const client of [a, b]) {
				const handler = client.provider.messageHandlers[100]!;
				client.provider.messageHandlers[100] = (...args) => {
					handler(...args);
					if (client.allSaved())
						checks.push(
							storedDoc(db, paperId).then((doc) => (textOf(doc).includes(typedBy.get(client)!) ? 'ok' : 'missing'))
						);
				};
			}
			await until(() => a.text() === b.text() && a.text().split('\n').length === 2, 5_000, 'convergence');
			await until(() => a.allSaved() && b.allSaved(), 5_000, 'saved');
			expect(await Promise.all(checks)).not.toContain('missing');
			const stored = textOf(await storedDoc(db, paperId));
			expect(stored).toContain('Erster Absatz');
			expect(stored).toContain('Zweiter Absatz');
			const [paper] = await db.ownerTransaction((tx) =>
				tx.query<{ updated_by: string }>(`select updated_by from public.papers where id = $1`, [paperId])
			);
			expect(paper!.updated_by).toBe(world.office.id);
		} finally {
			await slow.close();
		}
	});

	it('refuses updates of a viewer and a commenter: not applied, not sent to anyone, not stored, and the socket told (4423)', async () => {
		const editor = await connect(world.editor, world.paperId);
		let seen = 0;
		editor.doc.on('update', () => (seen += 1));
		const rowsBefore = await logRowCount(db, world.paperId);
		for (const user of [world.viewer, world.commenter]) {
			const raw = await rawSocket(await socketUrl(user));
			raw.ws.send(updateFrame(paragraphUpdate(`Fälschung ${user.displayName}`), 2));
			raw.ws.send(updateFrame(paragraphUpdate(`Fälschung2 ${user.displayName}`), 2));
			// Refused out loud: the client learns its changes were not kept (and does not reconnect to resend them).
			expect(await raw.closed).toBe(CLOSE_EDIT_REFUSED);
		}
		expect(seen).toBe(0);
		expect(editor.text()).not.toContain('Fälschung');
		expect(await logRowCount(db, world.paperId)).toBe(rowsBefore);
		expect(textOf(await storedDoc(db, world.paperId))).not.toContain('Fälschung');
		const state = await node.server.getState(world.paperId);
		const check = new Y.Doc();
		Y.applyUpdate(check, state);
		expect(textOf(check)).not.toContain('Fälschung');
	});

	it('keeps a read-only socket whose sync brings nothing new, and refuses one that deletes text', async () => {
		const editor = await connect(world.editor, world.paperId);
		editor.type('Bleibt stehen');
		await until(() => editor.allSaved(), 5_000, 'saved');
		const state = await node.server.getState(world.paperId);
		const raw = await rawSocket(await socketUrl(world.viewer));
		// What a viewer's client sends back on every connect: the server's own state, nothing new.
		raw.ws.send(updateFrame(state, 2));
		await raw.roundTrip();
		expect(raw.ws.readyState).toBe(raw.ws.OPEN);
		// A deletion of text the document still shows is an edit.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, state);
		const before = Y.encodeStateVector(copy);
		copy.getXmlFragment('default').delete(0, 1);
		raw.ws.send(updateFrame(Y.encodeStateAsUpdate(copy, before), 2));
		expect(await raw.closed).toBe(CLOSE_EDIT_REFUSED);
		expect(editor.text()).toContain('Bleibt stehen');
	});

	it('refuses bad, foreign, expired and other-board tickets at the upgrade with 401/403', async () => {
		const base = `${node.base}/collab/${world.paperId}`;
		expect(await upgradeStatus(base)).toBe(401);
		expect(await upgradeStatus(`${base}?ticket=not-a-jwt`)).toBe(401);
		const forged = await signTicket(new Uint8Array(32).fill(7), {
			sub: world.editor.id,
			doc: world.paperId,
			board: world.board.id,
			access: 'edit',
			name: 'x',
			color: 'x'
		});
		expect(await upgradeStatus(`${base}?ticket=${forged}`)).toBe(401);
		const secret = await loadSecret(db);
		const expired = await signTicket(
			secret,
			{ sub: world.editor.id, doc: world.paperId, board: world.board.id, access: 'edit', name: 'x', color: 'x' },
			Date.now() - 120_000
		);
		expect(await upgradeStatus(`${base}?ticket=${expired}`)).toBe(401);
		// A valid ticket for paper B does not open paper A.
		const otherPaper = await createPaper(db, { board: world.board, author: world.office });
		const { ticket } = await ticketFor(db, world.office, otherPaper);
		expect(await upgradeStatus(`${base}?ticket=${ticket}`)).toBe(403);
		// Someone of another board gets no ticket for this paper, and their own tickets do not open it.
		const otherBoard = await createBoard(db);
		const stranger = await addMember(db, { board: otherBoard, role: 'office' });
		await expect(ticketFor(db, stranger, world.paperId)).rejects.toBeInstanceOf(ServiceError);
		const strangerPaper = await createPaper(db, { board: otherBoard, author: stranger });
		const strangerTicket = (await ticketFor(db, stranger, strangerPaper)).ticket;
		expect(await upgradeStatus(`${base}?ticket=${strangerTicket}`)).toBe(403);
		expect(await upgradeStatus(`${node.base}/collab/not-a-uuid?ticket=${strangerTicket}`)).toBe(404);
		// The valid case opens (so the refusals above are about the ticket).
		expect(await upgradeStatus(await socketUrl(world.editor))).toBe(101);
	});

	it('closes only the socket that sends an oversized or malformed frame', async () => {
		const a = await connect(world.editor, world.paperId);
		const b = await connect(world.editor2, world.paperId);
		const big = await rawSocket(await socketUrl(world.editor));
		big.ws.send(new Uint8Array(128 * 1024));
		expect(await big.closed).toBe(CLOSE_TOO_BIG);
		for (const junk of [
			new Uint8Array([0, 2, 200, 1, 2]),
			new Uint8Array([77]),
			new Uint8Array([0, 1, 3, 1, 2, 3]),
			new Uint8Array([1, 5, 1, 1, 1, 1, 1])
		]) {
			const bad = await rawSocket(await socketUrl(world.editor));
			bad.ws.send(junk);
			expect(await bad.closed).toBe(CLOSE_MALFORMED);
		}
		a.type('Nach dem Müll');
		await until(() => b.text().includes('Nach dem Müll'), 5_000, 'doc still works');
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
	});

	it('drops a consumer that does not keep up, and only that one', async () => {
		const tight = await startCollabNode({ db, limits: { maxBufferedBytes: 256 * 1024, maxMessageBytes: 1024 * 1024 } });
		try {
			const paperId = await createPaper(db, { board: world.board, author: world.office });
			const writer = await connectClient(db, tight, world.office, paperId);
			const reader = await connectClient(db, tight, world.office, paperId);
			clients.push(writer, reader);
			const slow = await rawSocket(
				`${tight.base}/collab/${paperId}?ticket=${(await ticketFor(db, world.office, paperId)).ticket}`
			);
			// A client that stops reading: its TCP window fills, then the server's send buffer grows.
			const tcp = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
			tcp.pause();
			const chunk = 'x'.repeat(60_000);
			for (let i = 0; i < 200 && tight.server.metricsText().includes('beirat_collab_closed_slow_total 0'); i++) {
				writer.type(`${i}${chunk}`);
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
			expect(tight.server.metricsText()).toMatch(/beirat_collab_closed_slow_total 1/);
			tcp.resume();
			expect(await slow.closed).toBe(1006);
			writer.type('Weiter');
			await until(() => reader.text().endsWith('Weiter'), 10_000, 'others keep working');
		} finally {
			await tight.close();
		}
	});

	it('closes a socket that floods messages while its document is still loading', async () => {
		const slowLoad: Database = {
			...db,
			transaction: async (fn) => {
				await new Promise((resolve) => setTimeout(resolve, 300));
				return db.transaction(fn);
			}
		};
		const loading = await startCollabNode({ db: slowLoad, limits: { preloadMaxMessages: 3 } });
		try {
			const paperId = await createPaper(db, { board: world.board, author: world.office });
			const url = async () =>
				`${loading.base}/collab/${paperId}?ticket=${(await ticketFor(db, world.office, paperId)).ticket}`;
			const patient = await rawSocket(await url());
			patient.ws.send(new Uint8Array([0, 0, 1, 0]));
			const flood = await rawSocket(await url());
			for (let i = 0; i < 10; i++) flood.ws.send(new Uint8Array([3]));
			expect(await flood.closed).toBe(1013);
			await patient.roundTrip();
			patient.ws.close();
		} finally {
			await loading.close();
		}
	});

	it('overwrites the awareness identity with the ticket holder', async () => {
		const watcher = await connect(world.editor2, world.paperId);
		const raw = await rawSocket(await socketUrl(world.viewer));
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, 1);
		encoding.writeVarUint(inner, 4242);
		encoding.writeVarUint(inner, 1);
		encoding.writeVarString(
			inner,
			JSON.stringify({ user: { id: world.office.id, name: 'Die Vorsitzende', color: 'red' }, cursor: null })
		);
		encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
		raw.ws.send(encoding.toUint8Array(encoder));
		await until(() => watcher.provider.awareness.getStates().has(4242), 5_000, 'awareness arrives');
		const state = watcher.provider.awareness.getStates().get(4242) as { user: { id: string; name: string } };
		expect(state.user.id).toBe(world.viewer.id);
		expect(state.user.name).toBe(world.viewer.displayName);
		raw.ws.close();
		await until(() => !watcher.provider.awareness.getStates().has(4242), 5_000, 'awareness removed on close');
	});

	it('compaction racing concurrent writes loses nothing', async () => {
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const a = await connect(world.office, paperId);
		const b = await connect(world.office, paperId);
		const expected: string[] = [];
		let compactions = 0;
		for (let round = 0; round < 15; round++) {
			const text = `Runde ${round}`;
			expected.push(text);
			(round % 2 ? a : b).type(text);
			await new Promise((resolve) => setTimeout(resolve, 5 + (round % 3) * 10));
			compactions += (await node.server.compact(paperId)) > 0 ? 1 : 0;
		}
		await until(() => a.saved >= 1 && b.saved >= 1 && expected.every((t) => a.text().includes(t)), 5_000, 'all typed');
		await node.server.documents.get(paperId)?.settled();
		await node.server.compact(paperId);
		const stored = textOf(await storedDoc(db, paperId));
		for (const text of expected) expect(stored).toContain(text);
		expect(compactions).toBeGreaterThan(0);
		expect(await logRowCount(db, paperId)).toBe(0);
	});

	it('compacts a busy document only once it is quiet, or when its log grows too long', async () => {
		const lazy = await startCollabNode({
			db,
			limits: { compactAfterRows: 3, compactQuietMs: 300, compactForceRows: 1_000 }
		});
		try {
			const paperId = await createPaper(db, { board: world.board, author: world.office });
			const writer = await connectClient(db, lazy, world.office, paperId);
			clients.push(writer);
			for (let i = 0; i < 6; i++) {
				const before = writer.saved;
				writer.type(`Zeile ${i} `);
				await until(() => writer.saved > before, 5_000, `commit ${i}`);
			}
			// Due for compaction, but people are still typing: the log is kept for now.
			expect(await logRowCount(db, paperId)).toBeGreaterThanOrEqual(3);
			await until(async () => (await logRowCount(db, paperId)) === 0, 5_000, 'compacted after the quiet time');
			expect(textOf(await storedDoc(db, paperId))).toContain('Zeile 5');
		} finally {
			await lazy.close();
		}

		const forced = await startCollabNode({
			db,
			limits: { compactAfterRows: 2, compactQuietMs: 60_000, compactForceRows: 4 }
		});
		try {
			const paperId = await createPaper(db, { board: world.board, author: world.office });
			const writer = await connectClient(db, forced, world.office, paperId);
			clients.push(writer);
			for (let i = 0; i < 5; i++) {
				const before = writer.saved;
				writer.type(`Absatz ${i} `);
				await until(() => writer.saved > before, 5_000, `commit ${i}`);
			}
			await until(async () => (await logRowCount(db, paperId)) <= 1, 5_000, 'forced compaction');
			expect(textOf(await storedDoc(db, paperId))).toContain('Absatz 4');
		} finally {
			await forced.close();
		}
	});

	it('closes the sockets of a member who is deactivated; a fresh ticket is refused', async () => {
		const { memberService } = await import('$lib/server/services');
		const { requestTo } = await import('../support/app-context');
		const { startCollab, runningCollabServer, stopCollab } = await import('$lib/server/collab/collab-process');
		const { findBoardForCurrentUser } = await import('$lib/server/boards/board.repository');
		const globalNode = await startCollabNode({ db }, startCollab({ db }));
		try {
			expect(runningCollabServer()).toBe(globalNode.server);
			const member = await addMember(db, { board: world.board, role: 'member' });
			await db.ownerTransaction((tx) =>
				tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'edit')`, [
					world.paperId,
					member.id
				])
			);
			const client = await connectClient(db, globalNode, member, world.paperId);
			clients.push(client);
			const closed = new Promise<number>((resolve) =>
				client.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
			);
			const office = await requestTo(db, world.office);
			const ctx = await office.db.run((tx) => findBoardForCurrentUser(tx, world.board.slug));
			const service = memberService(office);
			await service.updateMember(ctx as never, { membershipId: member.membershipId, active: false });
			expect(await closed).toBe(CLOSE_ACCESS_CHANGED);
			await expect(ticketFor(db, member, world.paperId)).rejects.toBeInstanceOf(ServiceError);
		} finally {
			await globalNode.close();
			stopCollab();
		}
	});

	it('unloads an idle document after its last write committed', async () => {
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const idle = new Promise<string[]>((resolve) => {
			const off = node.server.on('idle', (e) => {
				if (e.paperId === paperId) {
					off();
					resolve(e.userIds);
				}
			});
		});
		const client = await connect(world.office, paperId);
		client.type('Bis gleich');
		await until(() => client.allSaved(), 5_000, 'saved');
		client.provider.disconnect();
		expect(await idle).toEqual([world.office.id]);
		expect(node.server.documents.has(paperId)).toBe(false);
		expect(textOf(await storedDoc(db, paperId))).toContain('Bis gleich');
	});

	it('closes the sockets of a paper deleted while open instead of retrying forever', async () => {
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const client = await connect(world.office, paperId);
		const closed = new Promise<number>((resolve) =>
			client.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
		);
		await db.ownerTransaction((tx) => tx.query(`delete from public.papers where id = $1`, [paperId]));
		client.type('Ins Leere');
		expect(await closed).toBe(CLOSE_PAPER_GONE);
		expect(node.server.documents.has(paperId)).toBe(false);
	});

	it('applies server-side updates as normal changes', async () => {
		const client = await connect(world.editor, world.paperId);
		await node.server.applyUpdate(world.paperId, paragraphUpdate('Wiederhergestellt'), world.office.id);
		await until(() => client.text().includes('Wiederhergestellt'), 5_000, 'server update broadcast');
		expect(textOf(await storedDoc(db, world.paperId))).toContain('Wiederhergestellt');
		expect(node.server.metricsText()).toMatch(/beirat_collab_updates_total [1-9]/);
	});
});
