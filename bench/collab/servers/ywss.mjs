// Peer: the reference y-websocket server (@y/websocket-server 0.1.1, its setupWSConnection) behind
// a plain http + ws server, with the file store as its persistence (bindState / writeState hooks).
import http from 'node:http';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { createFileStore } from './file-store.mjs';
import { portFromEnv, ready, serveIpc } from './ipc.mjs';

const store = createFileStore(process.env.BENCH_STORE_DIR);
setPersistence({
	provider: store,
	bindState(name, doc) {
		const stored = store.load(name);
		if (stored) Y.applyUpdate(doc, stored);
		doc.on('update', (update) => void store.append(name, update));
	},
	async writeState(name, doc) {
		await store.replace(name, Y.encodeStateAsUpdate(doc));
	}
});

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
});
const port = portFromEnv();
server.listen(port, '127.0.0.1', () => ready(port));

serveIpc({
	async stored({ name }) {
		await store.flushed();
		return { bytes: store.bytes(name) };
	},
	async stop({ name }) {
		for (const ws of wss.clients) ws.terminate();
		for (const doc of docs.values()) await store.replace(doc.name, Y.encodeStateAsUpdate(doc));
		await store.flushed();
		server.close();
		return { bytes: name ? store.bytes(name) : null };
	}
});
