import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type { Database } from '$lib/server/db/types';
import { spawnCollabProcess, type CollabProcess } from '../support/collab-process';
import { testDatabases } from '../support/databases';
import {
	connectClient,
	connectWithTicket,
	createPaper,
	createPaperWorld,
	logRowCount,
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

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn('collab-redis: REDIS_URL is not set, the multi-node tests are skipped.');

describe.skipIf(!redisUrl).each(testDatabases())('collaboration across two nodes with Redis on $name', (target) => {
	let db: Database;
	let nodes: CollabNode[];
	let world: PaperWorld;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		db = await target.open();
		// Two independent nodes (own sockets, documents and Redis connections) sharing the database.
		nodes = [
			await startCollabNode({ db, redisUrl, limits: { resyncIntervalMs: 300 } }),
			await startCollabNode({ db, redisUrl, limits: { resyncIntervalMs: 300 } })
		];
		world = await createPaperWorld(db);
	});
	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const node of nodes ?? []) await node.close();
		await db?.close();
	});

	it('carries edits across nodes within a second and persists each once', async () => {
		const a = await connectClient(db, nodes[0]!, world.editor, world.paperId);
		const b = await connectClient(db, nodes[1]!, world.editor2, world.paperId);
		clients.push(a, b);
		const started = Date.now();
		a.type('Von Knoten A');
		await until(() => b.text().includes('Von Knoten A'), 1_000, 'A reaches B');
		b.type('Von Knoten B');
		await until(() => a.text().includes('Von Knoten B'), 1_000, 'B reaches A');
		expect(Date.now() - started).toBeLessThan(2_000);
		await until(() => a.allSaved() && b.allSaved(), 5_000, 'saved');
		await Promise.all(nodes.map((node) => node.server.documents.get(world.paperId)?.settled()));
		// One row per typed paragraph: each accepting node stored its own, the other only applied it.
		expect(await logRowCount(db, world.paperId)).toBe(2);
		const stored = textOf(await storedDoc(db, world.paperId));
		expect(stored).toContain('Von Knoten A');
		expect(stored).toContain('Von Knoten B');
	});

	it('heals a missed message from Postgres', async () => {
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const b = await connectClient(db, nodes[1]!, world.office, paperId);
		clients.push(b);
		// A change only Postgres knows about (as if its Redis message had been lost): a row written directly.
		const Y = await import('yjs');
		const doc = new Y.Doc();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Nur in Postgres')]);
		doc.getXmlFragment('default').push([paragraph]);
		const { appendUpdates } = await import('$lib/server/collab/persistence');
		await appendUpdates(db, paperId, [{ update: Y.encodeStateAsUpdate(doc), userId: world.office.id }]);
		await until(() => b.text().includes('Nur in Postgres'), 3_000, 'healed from the log');
	});

	it('lets a ticket open one socket across all nodes', async () => {
		const { ticket } = await ticketFor(db, world.editor, world.paperId);
		const on = (node: CollabNode) => `${node.base}/collab/${world.paperId}?ticket=${ticket}`;
		expect(await upgradeStatus(on(nodes[0]!))).toBe(101);
		expect(await upgradeStatus(on(nodes[1]!))).toBe(401);
		expect(await upgradeStatus(on(nodes[0]!))).toBe(401);
	});

	it('closes sockets on every node when access changes', async () => {
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const b = await connectClient(db, nodes[1]!, world.office, paperId);
		clients.push(b);
		const closed = new Promise<number>((resolve) =>
			b.provider.on('connection-close', (event) => resolve(event?.code ?? 0))
		);
		nodes[0]!.server.accessChanged({ paperId });
		expect(await closed).toBe(4403);
	});
});

const postgresUrl = process.env.TEST_DATABASE_URL;
if (redisUrl && !postgresUrl)
	console.warn(
		'collab-redis: TEST_DATABASE_URL is not set, the two-process test is skipped (PGlite cannot be shared by processes).'
	);

describe.skipIf(!redisUrl || !postgresUrl)('two collaboration server processes with Redis on postgres', () => {
	const name = `beirat_collab_nodes_${process.pid}_${Date.now()}`;
	const processes: CollabProcess[] = [];
	const clients: TestClient[] = [];

	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const child of processes) await child.kill();
		const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});

	it('carries edits between processes within a second and persists each exactly once', async () => {
		const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		await admin.end();
		const url = new URL(postgresUrl!);
		url.pathname = `/${name}`;
		const env = { COLLAB_DATABASE_URL: url.toString(), REDIS_URL: redisUrl! };
		const first = await spawnCollabProcess(env);
		processes.push(first);
		const second = await spawnCollabProcess(env);
		processes.push(second);
		const world = await first.call<PaperWorld>('world');
		const ticket = async (node: CollabProcess, user: PaperWorld['editor']) =>
			(await node.call<{ ticket: string }>('ticket', { user, paperId: world.paperId })).ticket;
		const a = await connectWithTicket(first.base, world.paperId, await ticket(first, world.editor));
		const b = await connectWithTicket(second.base, world.paperId, await ticket(second, world.editor2));
		clients.push(a, b);
		for (let i = 0; i < 5; i++) {
			a.type(`A${i}`);
			await until(() => b.text().includes(`A${i}`), 1_000, `A${i} reaches the other process`);
			b.type(`B${i}`);
			await until(() => a.text().includes(`B${i}`), 1_000, `B${i} reaches the other process`);
		}
		await until(() => a.allSaved() && b.allSaved(), 5_000, 'saved');
		await first.call('settle', { paperId: world.paperId });
		await second.call('settle', { paperId: world.paperId });
		// Ten paragraphs typed one at a time: ten rows, none stored twice by the node that only applied it.
		expect(await first.call<number>('rows', { paperId: world.paperId })).toBe(10);
		expect(await second.call<string>('stored', { paperId: world.paperId })).toBe(a.text());
	});
});
