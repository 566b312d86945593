// Entry of tests/support/collab-child.mjs. Env: COLLAB_DATABASE_URL (Postgres) or COLLAB_PGLITE_DIR.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openPglite } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';
import { migrate } from '$lib/server/db/migrate';
import { createCollabServer } from '$lib/server/collab/collab-server';
import type { TestUser } from '../factories';
import { createDrain } from '../../scripts/drain.js';
import { createPaperWorld, logRowCount, storedDoc, textOf, ticketFor } from './collab';

export async function main() {
	const url = process.env.COLLAB_DATABASE_URL;
	const db = url ? openPostgres(url, { max: 4 }) : await openPglite(process.env.COLLAB_PGLITE_DIR!);
	await migrate(db);
	const server = createCollabServer({ db, redisUrl: process.env.REDIS_URL || undefined });
	const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
	httpServer.on('upgrade', (req, socket, head) => void server.handleUpgrade(req, socket, head));
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	await server.fanoutReady();
	// SIGTERM drains as server.js does (the drain test): the same module, with this process's parts.
	const drain = createDrain({
		server: httpServer,
		closeCollab: () => server.close(),
		closeApp: () => db.close(),
		graceMs: 10_000,
		log: (line) => console.log(`[collab-child ${process.pid}] ${line}`)
	});
	process.on('SIGTERM', () => void drain.drain('SIGTERM'));
	const send = (message: unknown) => process.send?.(message);
	process.on('message', async (message: { id: number; cmd: string; user?: TestUser; paperId?: string }) => {
		try {
			let result: unknown;
			if (message.cmd === 'world') result = await createPaperWorld(db);
			else if (message.cmd === 'ticket') result = await ticketFor(db, message.user!, message.paperId!);
			else if (message.cmd === 'stored') result = textOf(await storedDoc(db, message.paperId!));
			else if (message.cmd === 'rows') result = await logRowCount(db, message.paperId!);
			else if (message.cmd === 'settle') result = await server.documents.get(message.paperId!)?.settled();
			else if (message.cmd === 'stop') {
				await server.close();
				await db.close();
				result = 'stopped';
			}
			send({ id: message.id, result });
		} catch (error) {
			send({ id: message.id, error: String(error) });
		}
	});
	send({ ready: true, port: (httpServer.address() as AddressInfo).port });
}
