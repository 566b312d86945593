import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Tx } from './types';
import { SNAPSHOT_SQL, snapshotIn } from './snapshot-cache';

type PgliteTx = Pick<PGlite, 'query' | 'exec'>;

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
const instances: Map<string, Promise<PGlite>> = ((globalThis as Record<string, unknown>).__beiratPglite ??=
	new Map()) as Map<string, Promise<PGlite>>;

// PGlite's Postgres keeps its default 128 MB buffer pool inside the WASM heap, where it stays resident
// once touched: most of the embedded server's memory beyond PGlite's own floor (a 128 MiB WASM heap).
// A board's whole database is a few dozen MB and the files underneath stay in the OS page cache,
// so 32 MB of buffers serve it (bench/pages/README.md, "Memory").
export const PGLITE_SHARED_BUFFERS = '32MB';

async function open(dir: string): Promise<PGlite> {
	if (dir !== 'memory://') fs.mkdirSync(dir, { recursive: true });
	const pg = await PGlite.create(dir === 'memory://' ? undefined : dir, {
		postgresqlconf: [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`]
	});
	return pg;
}

/** Opens (or reuses) the embedded database in `dir`; `memory://` for a throw-away one. */
export async function openPglite(dir: string): Promise<Database> {
	const key = dir;
	let pending = instances.get(key);
	if (!pending || dir === 'memory://') {
		pending = open(dir);
		if (dir !== 'memory://') instances.set(key, pending);
	}
	return pgliteDatabase(await pending, () => {
		instances.delete(key);
	});
}

// The PGlite under each embedded Database, for the online backup (ops/backup.ts), which needs its dump.
const underlying = new WeakMap<Database, PGlite>();

/** The open PGlite behind an embedded database; undefined for PostgreSQL. */
export function pgliteOf(db: Database): PGlite | undefined {
	return underlying.get(db);
}

/** The app's database over an open PGlite; `close` runs `release`, then closes the instance. */
export function pgliteDatabase(pg: PGlite, release: () => void = () => {}): Database {
	const db: Database = {
		kind: 'pglite',
		// PGlite has one session, owned by a superuser: every transaction starts as the login role
		// without table privileges, so a query outside the request wrapper fails closed.
		transaction: (fn) =>
			pg.transaction(async (tx) => {
				await tx.query(`select set_config('role', 'authenticator', true)`);
				return fn(wrap(tx));
			}),
		ownerTransaction: (fn) =>
			pg.transaction(async (tx) => {
				await tx.query(`select set_config('role', 'none', true)`);
				return fn(wrap(tx));
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
