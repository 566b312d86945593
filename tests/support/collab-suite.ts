// Shared set-up of a collaboration test file: a database, a paper world, servers and clients that
// are all closed afterwards. Call inside `describe` (it registers beforeAll/afterAll there).
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '$lib/server/db/types';
import {
	connectClient,
	createPaperWorld,
	startCollabNode,
	ticketFor,
	type CollabNode,
	type PaperWorld,
	type TestClient
} from './collab';
import type { TestDatabase } from './databases';

type User = PaperWorld['editor'];
type Limits = Parameters<typeof startCollabNode>[0]['limits'];

export function collabSuite(target: TestDatabase) {
	let db: Database | undefined;
	let world: PaperWorld | undefined;
	const clients: TestClient[] = [];
	const nodes: CollabNode[] = [];

	beforeAll(async () => {
		db = await target.open();
		world = await createPaperWorld(db);
	});
	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const node of nodes) await node.close();
		await db?.close();
	});

	const suite = {
		get db(): Database {
			if (!db) throw new Error('collabSuite: database not open yet');
			return db;
		},
		get world(): PaperWorld {
			if (!world) throw new Error('collabSuite: world not created yet');
			return world;
		},
		/** A collaboration server with the given limits, closed after the file. */
		async node(limits: Limits = {}): Promise<CollabNode> {
			const node = await startCollabNode({ db: suite.db, limits });
			nodes.push(node);
			return node;
		},
		/** A synced y-websocket client, destroyed after the file. */
		async connect(node: CollabNode, user: User, paperId: string): Promise<TestClient> {
			const client = await connectClient(suite.db, node, user, paperId);
			clients.push(client);
			return client;
		},
		/** The socket URL with a fresh ticket. */
		async socketUrl(node: CollabNode, user: User, paperId: string): Promise<string> {
			return `${node.base}/collab/${paperId}?ticket=${(await ticketFor(suite.db, user, paperId)).ticket}`;
		}
	};
	return suite;
}
