// Peer: Hocuspocus 4 (@hocuspocus/server) with its usual persistence hooks (onLoadDocument /
// debounced onStoreDocument, defaults 2 s / 10 s) writing to the file store.
import * as Y from 'yjs';
import { Server } from '@hocuspocus/server';
import { createFileStore } from './file-store.mjs';
import { portFromEnv, ready, serveIpc } from './ipc.mjs';

const store = createFileStore(process.env.BENCH_STORE_DIR);
const port = portFromEnv();
const server = new Server({
	port,
	address: '127.0.0.1',
	quiet: true,
	stopOnSignals: false,
	async onLoadDocument({ document, documentName }) {
		const stored = store.load(documentName);
		if (stored) Y.applyUpdate(document, stored);
		return document;
	},
	async onStoreDocument({ document, documentName }) {
		await store.replace(documentName, Y.encodeStateAsUpdate(document));
	}
});
await server.listen();
ready(port);

serveIpc({
	async stored({ name }) {
		await store.flushed();
		return { bytes: store.bytes(name) };
	},
	async stop({ name }) {
		const instance = server.hocuspocus;
		instance.flushPendingStores();
		for (const [name, doc] of instance.documents) await store.replace(name, Y.encodeStateAsUpdate(doc));
		await store.flushed();
		await server.destroy();
		return { bytes: name ? store.bytes(name) : null };
	}
});
