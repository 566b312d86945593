// Draining a node (SIGTERM, scripts/drain.js): pending co-editing updates are committed and
// acknowledged before the sockets close with 1012, and the clients go on on another node.
// "Acknowledged" is the protocol's SAVED message (src/lib/collab/protocol.ts): the server sends it
// only after the updates are committed to Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { MESSAGE_SAVED } from '$lib/collab/protocol';
import type { Database } from '$lib/server/db/types';
import { spawnCollabProcess, type CollabProcess } from '../support/collab-process';
import { testDatabases } from '../support/databases';
import {
	connectClient,
	connectWithTicket,
	createPaperWorld,
	startCollabNode,
	storedDoc,
	textOf,
	until,
	upgradeStatus,
	ticketFor,
	type PaperWorld,
	type TestClient
} from '../support/collab';

/** Close code of the provider's current socket once it closes, and the "saved" count it had then. */
function nextClose(client: TestClient): Promise<{ code: number; saved: number }> {
	return new Promise((resolve) =>
		client.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, saved: client.saved }))
	);
}

describe.each(testDatabases())('draining a collaboration node on $name', (target) => {
	let db: Database;
	beforeAll(async () => {
		db = await target.open();
	});
	afterAll(async () => db?.close());

	it('commits and acknowledges pending updates before closing with 1012, and refuses new sockets', async () => {
		const world = await createPaperWorld(db);
		const node = await startCollabNode({ db });
		const client = await connectClient(db, node, world.editor, world.paperId);
		try {
			const closed = nextClose(client);
			const doc = node.server.documents.get(world.paperId)!;
			// Drain the moment the server has applied the update, while it waits for its group commit.
			let draining: Promise<void> | null = null;
			let pendingAtDrain = false;
			doc.ydoc.on('update', () => {
				if (draining) return;
				pendingAtDrain = doc.hasUnsaved();
				draining = node.server.close();
			});
			client.type('Kurz vor dem Neustart');
			await until(() => draining !== null, 10_000, 'update reached the server');
			expect(pendingAtDrain).toBe(true);
			const { ticket } = await ticketFor(db, world.editor2, world.paperId);
			expect(await upgradeStatus(`${node.base}/collab/${world.paperId}?ticket=${ticket}`)).toBe(503);
			// Acknowledged on the socket before it closed (the provider then reconnects and counts anew), and stored.
			const close = await closed;
			expect(close.code).toBe(1012);
			expect(close.saved).toBeGreaterThanOrEqual(1);
			await draining;
			expect(textOf(await storedDoc(db, world.paperId))).toContain('Kurz vor dem Neustart');
		} finally {
			client.destroy();
			node.http.closeAllConnections();
			await new Promise((resolve) => node.http.close(resolve));
		}
	});
});

const redisUrl = process.env.REDIS_URL;
const postgresUrl = process.env.TEST_DATABASE_URL;
if (!redisUrl || !postgresUrl)
	console.warn('collab-drain: REDIS_URL and TEST_DATABASE_URL are needed for the two-node SIGTERM test; skipped.');

/** One typist: what it typed, and which of it a node acknowledged (SAVED) on which socket. */
interface Typist {
	client: TestClient;
	name: string;
	typed: { text: string; socket: number; index: number; at: number }[];
	acknowledged: Set<string>;
	socket: number;
	closeCodes: number[];
}

function typist(client: TestClient, name: string): Typist {
	const t: Typist = { client, name, typed: [], acknowledged: new Set(), socket: 0, closeCodes: [] };
	client.provider.on('status', ({ status }) => {
		if (status === 'connecting') t.socket += 1;
	});
	client.provider.on('connection-close', (event) => t.closeCodes.push(event?.code ?? 0));
	// Runs right after the test client's own SAVED handler (which raised client.saved) on the same socket.
	const saved = client.provider.messageHandlers[MESSAGE_SAVED]!;
	client.provider.messageHandlers[MESSAGE_SAVED] = (...args) => {
		saved(...args);
		for (const entry of t.typed)
			if (entry.socket === t.socket && entry.index > 0 && entry.index <= client.saved) t.acknowledged.add(entry.text);
	};
	return t;
}

function typeOne(t: Typist, i: number) {
	const text = `${t.name}-${i}`;
	t.client.type(text);
	// The provider sends an update at once while connected: its number on this socket is `sent`.
	const index = t.client.provider.wsconnected ? t.client.sent : 0;
	t.typed.push({ text, socket: t.socket, index, at: Date.now() });
}

describe.skipIf(!redisUrl || !postgresUrl)('SIGTERM on one of two nodes behind Redis while people type', () => {
	const name = `beirat_collab_drain_${process.pid}_${Date.now()}`;
	const processes: CollabProcess[] = [];
	const clients: TestClient[] = [];

	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const child of processes) await child.kill();
		const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});

	it('loses no acknowledged update and the clients go on on the other node', async () => {
		const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		await admin.end();
		const url = new URL(postgresUrl!);
		url.pathname = `/${name}`;
		const env = { COLLAB_DATABASE_URL: url.toString(), REDIS_URL: redisUrl! };
		const [first, second] = [await spawnCollabProcess(env), await spawnCollabProcess(env)];
		processes.push(first, second);
		const world = await first.call<PaperWorld>('world');
		const ticket = async (node: CollabProcess, user: PaperWorld['editor']) =>
			(await node.call<{ ticket: string }>('ticket', { user, paperId: world.paperId })).ticket;
		// Two people on the node that is stopped, one on the node that stays.
		const a = typist(await connectWithTicket(first.base, world.paperId, await ticket(first, world.editor)), 'a');
		const b = typist(await connectWithTicket(first.base, world.paperId, await ticket(first, world.editor2)), 'b');
		const c = typist(await connectWithTicket(second.base, world.paperId, await ticket(second, world.office)), 'c');
		const typists = [a, b, c];
		clients.push(...typists.map((t) => t.client));
		// The load balancer's part: after the close, a's and b's providers reconnect to the second node.
		for (const [t, user] of [
			[a, world.editor],
			[b, world.editor2]
		] as const) {
			const fresh = await ticket(second, user);
			t.client.provider.once('connection-close', () => {
				t.client.provider.serverUrl = `${second.base}/collab`;
				t.client.provider.params = { ticket: fresh };
			});
		}

		let i = 0;
		const typing = setInterval(() => {
			i += 1;
			for (const t of typists) typeOne(t, i);
		}, 10);
		try {
			await new Promise((resolve) => setTimeout(resolve, 400));
			const exited = new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
			const signalledAt = Date.now();
			first.child.kill('SIGTERM');
			const code = await exited;
			const drainMs = Date.now() - signalledAt;
			expect(code).toBe(0);
			// Within the drain's grace (10 s; past it the exit code would be 1), typically well under a second.
			expect(drainMs).toBeLessThan(10_000);
			expect(a.closeCodes[0]).toBe(1012);
			expect(b.closeCodes[0]).toBe(1012);

			// Nothing the stopped node acknowledged is missing from the database once it has exited.
			const stored = new Set((await second.call<string>('stored', { paperId: world.paperId })).split('\n'));
			for (const t of [a, b]) {
				expect(t.acknowledged.size).toBeGreaterThan(0);
				for (const text of t.acknowledged) expect(stored.has(text), `${text} acknowledged, stored`).toBe(true);
			}
			// a and b go on on the second node while everybody keeps typing.
			await until(() => a.client.provider.wsconnected && b.client.provider.wsconnected, 15_000, 'reconnected');
			await new Promise((resolve) => setTimeout(resolve, 300));
		} finally {
			clearInterval(typing);
		}
		const everything = typists.flatMap((t) => t.typed.map((entry) => entry.text));
		const all = (client: TestClient) => {
			const text = new Set(client.text().split('\n'));
			return everything.every((entry) => text.has(entry));
		};
		await until(() => typists.every((t) => all(t.client)), 30_000, 'every client has every text');
		await until(() => typists.every((t) => t.client.allSaved()), 30_000, 'saved on the second node');
		await second.call('settle', { paperId: world.paperId });
		const final = new Set((await second.call<string>('stored', { paperId: world.paperId })).split('\n'));
		for (const text of everything) expect(final.has(text), `${text} stored`).toBe(true);
		expect(a.client.text()).toBe(c.client.text());
	}, 180_000);
});
