import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PgliteWorker, type WorkerTx } from './pglite-worker';
import type { Database, Tx } from './types';
import { SNAPSHOT_SQL, snapshotIn } from './snapshot-cache';

type PgliteTx = Pick<PGlite, 'query' | 'exec'> | WorkerTx;

function wrap(pg: PgliteTx): Tx {
	return {
		async query<T>(text: string, params: readonly unknown[] = []) {
			const result = await pg.query<T>(text, params as unknown[]);
			return result.rows;
		},
		async exec(text: string) {
			await pg.exec(text);
		}
	};
}

// One PGlite per directory and process: a second instance on the same files corrupts them,
// and Vite's dev server re-evaluates modules, so the instance lives on globalThis.
const instances: Map<string, Promise<PgliteWorker>> = ((globalThis as Record<string, unknown>).__beiratPglite ??=
	new Map()) as Map<string, Promise<PgliteWorker>>;

// PGlite's Postgres keeps its default 128 MB buffer pool inside the WASM heap, where it stays resident
// once touched: most of the embedded server's memory beyond PGlite's own floor (a 128 MiB WASM heap).
// A board's whole database is a few dozen MB and the files underneath stay in the OS page cache,
// so 32 MB of buffers serve it (bench/pages/README.md, "Memory").
export const PGLITE_SHARED_BUFFERS = '32MB';

const postgresqlconf = [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`];

async function open(dir: string): Promise<PgliteWorker> {
	if (dir !== 'memory://') fs.mkdirSync(dir, { recursive: true });
	return PgliteWorker.start({ dataDir: dir === 'memory://' ? undefined : dir, postgresqlconf });
}

/**
 * Opens (or reuses) the embedded database in `dir`; `memory://` for a throw-away one. PGlite runs in a
 * worker thread of its own (pglite-worker.ts), so its statements do not block this thread.
 */
export async function openPglite(dir: string): Promise<Database> {
	const key = dir;
	let pending = instances.get(key);
	if (!pending || dir === 'memory://') {
		pending = open(dir);
		if (dir !== 'memory://') instances.set(key, pending);
		// A directory that failed to open may be tried again.
		pending.catch(() => {
			if (instances.get(key) === pending) instances.delete(key);
		});
	}
	return workerDatabase(await pending, () => {
		instances.delete(key);
	});
}

/** An in-memory embedded database (in its worker) started from a data directory tarball: the tests' template. */
export async function openPgliteFromDump(dump: Uint8Array): Promise<Database> {
	return workerDatabase(await PgliteWorker.start({ loadDataDir: dump, postgresqlconf }), () => {});
}

/**
 * What the online backup (ops/backup.ts) needs of an open PGlite: a transaction as the superuser session
 * and, inside it, the data directory's dump. A PGlite in this thread is one; so is the worker's client.
 */
export interface PgliteHandle {
	readonly closed: boolean;
	transaction<T>(
		fn: (tx: { query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>
	): Promise<T>;
	dumpDataDir(compression: 'none'): Promise<Pick<Blob, 'arrayBuffer'>>;
}

// The PGlite under each embedded Database, for the online backup (ops/backup.ts), which needs its dump.
const underlying = new WeakMap<Database, PgliteHandle>();

/** The open PGlite behind an embedded database; undefined for PostgreSQL. */
export function pgliteOf(db: Database): PgliteHandle | undefined {
	return underlying.get(db);
}

// PGlite has one session, owned by a superuser: every transaction starts as the login role
// without table privileges, so a query outside the request wrapper fails closed.
const AS_LOGIN_ROLE = `select set_config('role', 'authenticator', true)`;
const AS_OWNER = `select set_config('role', 'none', true)`;

function workerDatabase(worker: PgliteWorker, release: () => void): Database {
	const db: Database = {
		kind: 'pglite',
		transaction: (fn) => worker.transaction(AS_LOGIN_ROLE, (tx) => fn(wrap(tx))),
		ownerTransaction: (fn) => worker.transaction(AS_OWNER, (tx) => fn(wrap(tx))),
		batch: (statements) => worker.batch(AS_LOGIN_ROLE, statements),
		snapshot: async () => snapshotIn(await worker.query<{ snapshot: string }>(SNAPSHOT_SQL)),
		async close() {
			release();
			await worker.close();
		}
	};
	underlying.set(db, {
		get closed() {
			return worker.closed;
		},
		transaction: (fn) => worker.transaction(null, fn),
		dumpDataDir: async () => {
			const buffer = await worker.dumpDataDir();
			return { arrayBuffer: async () => buffer };
		}
	});
	return db;
}

/**
 * The app's database over a PGlite in this thread (tests that build the migrated template, tools);
 * `close` runs `release`, then closes the instance.
 */
export function pgliteDatabase(pg: PGlite, release: () => void = () => {}): Database {
	const db: Database = {
		kind: 'pglite',
		transaction: (fn) =>
			pg.transaction(async (tx) => {
				await tx.query(AS_LOGIN_ROLE);
				return fn(wrap(tx));
			}),
		ownerTransaction: (fn) =>
			pg.transaction(async (tx) => {
				await tx.query(AS_OWNER);
				return fn(wrap(tx));
			}),
		batch: (statements) =>
			pg.transaction(async (tx) => {
				await tx.query(AS_LOGIN_ROLE);
				const results: unknown[][] = [];
				for (const { text, params = [] } of statements) results.push((await tx.query(text, [...params])).rows);
				return results;
			}),
		async snapshot() {
			return snapshotIn((await pg.query<{ snapshot: string }>(SNAPSHOT_SQL)).rows);
		},
		async close() {
			release();
			await pg.close();
		}
	};
	underlying.set(db, pg);
	return db;
}
