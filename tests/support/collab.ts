// Test support for the collaboration server: a real HTTP server, real WebsocketProvider clients.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MESSAGE_SAVED, savedHandler } from '$lib/collab/protocol';
import { createCollabServer, type CollabServerOptions } from '$lib/server/collab/collab-server';
import { createTicketService } from '$lib/server/collab/ticket.service';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';

export interface CollabNode {
	server: ReturnType<typeof createCollabServer>;
	http: http.Server;
	/** ws://127.0.0.1:<port> */
	base: string;
	close(): Promise<void>;
}

/** A collaboration server behind its own HTTP server on a free port. */
export async function startCollabNode(
	options: CollabServerOptions,
	server = createCollabServer(options)
): Promise<CollabNode> {
	const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
	httpServer.on('upgrade', (req, socket, head) => {
		if (req.url?.startsWith('/collab/')) void server.handleUpgrade(req, socket, head);
		else socket.destroy();
	});
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	const { port } = httpServer.address() as AddressInfo;
	await server.fanoutReady();
	return {
		server,
		http: httpServer,
		base: `ws://127.0.0.1:${port}`,
		async close() {
			await server.close();
			httpServer.closeAllConnections();
			await new Promise((resolve) => httpServer.close(resolve));
		}
	};
}

export interface PaperWorld {
	board: TestBoard;
	office: TestUser;
	editor: TestUser;
	editor2: TestUser;
	commenter: TestUser;
	viewer: TestUser;
	paperId: string;
}

/** A board with a restricted paper: office edits, two named editors, a commenter and a viewer. */
export async function createPaperWorld(db: Database): Promise<PaperWorld> {
	const board = await createBoard(db);
	const office = await addMember(db, { board, role: 'office' });
	const editor = await addMember(db, { board, role: 'member' });
	const editor2 = await addMember(db, { board, role: 'member' });
	const commenter = await addMember(db, { board, role: 'member' });
	const viewer = await addMember(db, { board, role: 'guest' });
	const paperId = await createPaper(db, { board, author: office });
	await db.ownerTransaction(async (tx) => {
		for (const [user, access] of [
			[editor, 'edit'],
			[editor2, 'edit'],
			[commenter, 'comment'],
			[viewer, 'view']
		] as const) {
			await tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, $3)`, [
				paperId,
				user.id,
				access
			]);
		}
	});
	return { board, office, editor, editor2, commenter, viewer, paperId };
}

export async function createPaper(db: Database, input: { board: TestBoard; author: TestUser }): Promise<string> {
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ id: string }>(
			`insert into public.papers (board_id, title, visibility, created_by) values ($1, 'Strategiepapier', 'restricted', $2) returning id`,
			[input.board.id, input.author.id]
		)
	);
	return row!.id;
}

/** A ticket as POST /api/collab/ticket issues it (the same service, under the user's RLS). */
export async function ticketFor(db: Database, user: TestUser, paperId: string) {
	const service = createTicketService({
		db: scopedDb(db, claimsFor(user)),
		systemDb: db,
		origin: 'http://127.0.0.1',
		actor: { userId: user.id }
	});
	return service.issue(paperId);
}

/** Sync step 2 and update frames sent by one client (what "saved" counts). */
function countingSocket(counter: { sent: number }) {
	return class CountingWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols);
			counter.sent = 0;
		}
		override send(data: unknown, ...rest: unknown[]) {
			const bytes = data as Uint8Array;
			if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) counter.sent += 1;
			(super.send as (...args: unknown[]) => void)(data, ...rest);
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Highest "saved" count received on the current socket. */
	saved: number;
	/** Update frames sent on the current socket. */
	sent: number;
	/** Everything sent on this socket is committed. */
	allSaved(): boolean;
	text(): string;
	type(text: string): void;
	destroy(): void;
}

/** A real y-websocket client (as the editor uses it) with a fresh ticket. */
export async function connectClient(
	db: Database,
	node: { base: string },
	user: TestUser,
	paperId: string
): Promise<TestClient> {
	const { ticket } = await ticketFor(db, user, paperId);
	return connectWithTicket(node.base, paperId, ticket);
}

/** A client with a given ticket (the ticket may come from another process). */
export async function connectWithTicket(base: string, paperId: string, ticket: string): Promise<TestClient> {
	const node = { base };
	const doc = new Y.Doc();
	const counter = { sent: 0 };
	const provider = new WebsocketProvider(`${node.base}/collab`, paperId, doc, {
		params: { ticket },
		WebSocketPolyfill: countingSocket(counter) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	provider.on('status', ({ status }) => {
		if (status === 'connecting') client.saved = 0;
	});
	const client: TestClient = {
		doc,
		provider,
		saved: 0,
		get sent() {
			return counter.sent;
		},
		allSaved: () => provider.wsconnected && client.saved >= counter.sent,
		text: () => textOf(doc),
		type(text) {
			const fragment = doc.getXmlFragment('default');
			doc.transact(() => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText(text)]);
				fragment.push([paragraph]);
			});
		},
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
	provider.messageHandlers[MESSAGE_SAVED] = savedHandler((count) => {
		client.saved = Math.max(client.saved, count);
	});
	await until(() => provider.synced, 10_000, 'client synced');
	return client;
}

/** The document's text, paragraph by paragraph. */
export function textOf(doc: Y.Doc): string {
	return doc
		.getXmlFragment('default')
		.toArray()
		.map((node) =>
			node instanceof Y.XmlElement
				? node
						.toArray()
						.map((child) => String(child.toString()))
						.join('')
				: ''
		)
		.join('\n');
}

/** Polls `check` until true (the server answers asynchronously; this is the auto-wait). */
export async function until(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 5_000,
	what = 'condition'
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** The stored document (snapshot + log) as a fresh Y.Doc, read straight from Postgres. */
export async function storedDoc(db: Database, paperId: string): Promise<Y.Doc> {
	const rows = await withSystem(db, 'test-setup', async (tx) => [
		...(
			await tx.query<{ state: Uint8Array }>(`select state from public.collab_snapshots where doc_id = $1`, [paperId])
		).map((r) => r.state),
		...(
			await tx.query<{ update: Uint8Array }>(
				`select update from public.collab_updates where doc_id = $1 order by seq`,
				[paperId]
			)
		).map((r) => r.update)
	]);
	const doc = new Y.Doc();
	for (const update of rows) Y.applyUpdate(doc, new Uint8Array(update));
	return doc;
}

export async function logRowCount(db: Database, paperId: string): Promise<number> {
	const [row] = await withSystem(db, 'test-setup', (tx) =>
		tx.query<{ n: string }>(`select count(*) as n from public.collab_updates where doc_id = $1`, [paperId])
	);
	return Number(row!.n);
}

/** Tries an upgrade by hand: the HTTP status of a refusal, or 101 when the socket opened. */
export function upgradeStatus(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', (error) => reject(error));
	});
}

/** A raw socket (no provider) with everything it receives and its close code. */
export async function rawSocket(url: string) {
	const ws = new WebSocket(url);
	const received: Uint8Array[] = [];
	/** Sends a sync step 1 and waits for the step 2 answer: everything sent before was handled. */
	const roundTrip = async () => {
		const seen = received.length;
		ws.send(new Uint8Array([0, 0, 1, 0]));
		await until(() => received.slice(seen).some((m) => m[0] === 0 && m[1] === 1), 5_000, 'sync answer');
	};
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', () => reject(new Error('refused')));
	});
	return { ws, received, closed, roundTrip };
}
