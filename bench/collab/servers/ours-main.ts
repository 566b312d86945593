// Our collab server for the bench (createCollabServer, default limits: group commit every ≤ 20 ms) on
// PGlite (BENCH_PGLITE_DIR) or Postgres (BENCH_PG_URL), plus IPC commands to set up a paper with N
// editors and to mint tickets with the app's own ticket service. build-ours.mjs bundles it; servers/ours.mjs runs it.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { openPglite } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';
import { migrate } from '$lib/server/db/migrate';
import { scopedDb, withSystem, type Claims } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { createTicketService } from '$lib/server/collab/ticket.service';
import type { CollabLimits } from '$lib/server/collab/limits';
import { portFromEnv, ready, serveIpc } from './ipc.mjs';
import { createWorld, type BenchUser } from './world';

function claimsFor(user: BenchUser): Claims {
	const now = Math.floor(Date.now() / 1000);
	return {
		sub: user.id,
		email: user.email,
		role: 'authenticated',
		aud: 'authenticated',
		session_id: randomUUID(),
		iat: now,
		exp: now + 3600
	};
}

/** What the database holds for a paper: log + snapshot bytes and log rows. */
async function storedBytes(db: Database, docId: string): Promise<{ bytes: number; rows: number }> {
	const [row] = await withSystem(db, 'collab', (tx) =>
		tx.query<{ bytes: string | number; rows: string | number }>(
			`select coalesce((select sum(octet_length(update)) from public.collab_updates where doc_id = $1), 0)
			      + coalesce((select octet_length(state) from public.collab_snapshots where doc_id = $1), 0) as bytes,
			        (select count(*) from public.collab_updates where doc_id = $1) as rows`,
			[docId]
		)
	);
	return { bytes: Number(row?.bytes ?? 0), rows: Number(row?.rows ?? 0) };
}

export async function main() {
	const url = process.env.BENCH_PG_URL;
	const db = url ? openPostgres(url) : await openPglite(process.env.BENCH_PGLITE_DIR!);
	await migrate(db);
	// BENCH_OURS_LIMITS: JSON overrides of CollabLimits (experiments only; the default run uses none).
	const limits = process.env.BENCH_OURS_LIMITS
		? (JSON.parse(process.env.BENCH_OURS_LIMITS) as Partial<CollabLimits>)
		: undefined;
	const server = createCollabServer({ db, limits });
	const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
	httpServer.on('upgrade', (req, socket, head) => void server.handleUpgrade(req, socket, head));
	const port = portFromEnv();
	await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
	serveIpc({
		world: ({ n }: { n: number }) => createWorld(db, n),
		async tickets({ paperId, users }: { paperId: string; users: BenchUser[] }) {
			const tickets: string[] = [];
			for (const user of users) {
				const service = createTicketService({
					db: scopedDb(db, claimsFor(user)),
					systemDb: db,
					origin: `http://127.0.0.1:${port}`,
					actor: { userId: user.id }
				});
				tickets.push((await service.issue(paperId)).ticket);
			}
			return tickets;
		},
		async stop({ name }: { name?: string }) {
			await server.close();
			const stored = name ? await storedBytes(db, name) : null;
			httpServer.closeAllConnections();
			httpServer.close();
			await db.close();
			return stored;
		}
	});
	ready(port);
}
