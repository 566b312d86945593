import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import JSZip from 'jszip';
import { PGLITE_SHARED_BUFFERS, type PgliteHandle } from '../db/pglite';

/**
 * Backup and restore of the embedded mode (DATA_DIR): the PGlite database (as PGlite's own
 * `dumpDataDir` tarball), the stored files listed in `storage.objects`, the generated keys.
 * One zip archive with `manifest.json` (format, time, row counts, a SHA-256 per entry).
 */

export const BACKUP_FORMAT = 1;

export interface ManifestEntry {
	path: string;
	size: number;
	sha256: string;
}

export interface BackupManifest {
	format: number;
	createdAt: string;
	pgliteVersion: string;
	/** `schema.table` → number of rows when the backup was taken. */
	rowCounts: Record<string, number>;
	entries: ManifestEntry[];
	/**
	 * Absent or `pglite`: the embedded mode, `db.tar.gz` holds the database. `postgresql`: files and keys of
	 * an installation with DATABASE_URL; the database is in `pgDump` (a pg_dump file next to the archive) or
	 * was left to the operator.
	 */
	database?: 'pglite' | 'postgresql';
	/** The pg_dump file taken just before the files (name next to the archive, size, SHA-256). */
	pgDump?: ManifestEntry;
}

export class BackupError extends Error {
	override name = 'BackupError';
}

/** PGlite, one of its transactions, or the worker's (db/pglite-worker.ts). */
type Queryable = { query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> };
const gzip = promisify(gzipCallback);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Rows per table in the schemas the app writes (as the superuser PGlite session: no RLS). One statement
 * for all tables: the online backup counts while every request waits (one round trip per table took
 * seconds on a loaded machine).
 */
export async function rowCounts(pg: Queryable): Promise<Record<string, number>> {
	const tables = await pg.query<{ s: string; t: string }>(
		`select table_schema as s, table_name as t from information_schema.tables
		 where table_type = 'BASE TABLE' and table_schema in ('public', 'auth', 'storage') order by 1, 2`
	);
	const counts: Record<string, number> = {};
	if (tables.rows.length === 0) return counts;
	const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
	const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
	const result = await pg.query<{ k: string; n: number }>(
		tables.rows
			.map(({ s, t }) => `select ${literal(`${s}.${t}`)} as k, count(*)::int as n from ${quote(s)}.${quote(t)}`)
			.join('\nunion all\n')
	);
	for (const { k, n } of result.rows) counts[k] = n;
	return counts;
}

async function readIfExists(file: string): Promise<Uint8Array | null> {
	try {
		return new Uint8Array(await fs.readFile(file));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/** Everything one backup holds, taken at one consistent point. */
export interface Snapshot {
	rowCounts: Record<string, number>;
	pgliteVersion: string;
	/** PGlite's data directory as an uncompressed tarball (`dumpDataDir('none')`). */
	dbTar: Uint8Array;
	/** Archive path → bytes: `storage/<bucket>/<name>`, `keys/<file>`, `storage-signing.key`. */
	files: Map<string, Uint8Array>;
}

/** How long a backup waits for the transaction in progress (and any queued before it) to finish. */
export const DEFAULT_WAIT_MS = 30_000;
/** How long a stored file whose row is committed may take to appear (its rename follows the commit). */
const PENDING_FILE_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes database, stored files and keys at one consistent point of an open PGlite, also while the app
 * serves from it. PGlite has ONE session, and `pg.transaction` holds its transaction mutex until the
 * callback returns: every other transaction and query of the process waits (requests queue, briefly) and
 * the database cannot change. Inside, only `tx.query` and `pg.dumpDataDir` may be used — `pg.query` or
 * `pg.exec` would wait for the mutex this callback holds, forever (that is how earlier attempts hung).
 * The app's PGlite lives in a worker thread (db/pglite-worker.ts): `pg` is then its client, whose
 * transaction holds the worker's mutex in the same way while this callback runs here.
 * A transaction already running is finished first; `waitMs` bounds that wait.
 *
 * Stored files are written under a fresh temp name, renamed into place only after the row's transaction
 * committed, and removed only after the deleting transaction committed (storage/local.ts): the files
 * read here, while no transaction can commit, are exactly the rows of the snapshot. A committed row whose
 * rename has not happened yet is waited for briefly.
 */
export async function captureSnapshot(
	pg: PgliteHandle,
	dataDir: string,
	options: { waitMs?: number } = {}
): Promise<Snapshot> {
	const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
	let state: 'waiting' | 'running' | 'cancelled' = 'waiting';
	const pending: { rel: string; file: string }[] = [];
	const work = pg.transaction(async (tx) => {
		if (state === 'cancelled') throw new BackupError('cancelled');
		state = 'running';
		const counts = await rowCounts(tx);
		const version = (await tx.query<{ v: string }>(`select version() as v`)).rows[0]?.v ?? '';
		const objects = await tx.query<{ bucket_id: string; name: string }>(
			`select bucket_id, name from storage.objects order by bucket_id, name`
		);
		// Fewer WAL records to replay when the restored database first opens.
		await tx.query('checkpoint');
		const dump = await pg.dumpDataDir('none');
		const files = new Map<string, Uint8Array>();
		for (const { bucket_id, name } of objects.rows) {
			const rel = path.posix.join(bucket_id, name);
			if (rel.split('/').includes('..')) throw new BackupError(`unsafe object name: ${rel}`);
			const file = path.join(dataDir, 'storage', bucket_id, name);
			const bytes = await readIfExists(file);
			if (bytes) files.set(`storage/${rel}`, bytes);
			else pending.push({ rel, file });
		}
		const keyDir = path.join(dataDir, 'keys');
		const keyNames = await fs.readdir(keyDir).catch(() => [] as string[]);
		for (const name of keyNames.sort()) {
			const bytes = await readIfExists(path.join(keyDir, name));
			if (bytes) files.set(`keys/${name}`, bytes);
		}
		const storageKey = await readIfExists(path.join(dataDir, 'storage-signing.key'));
		if (storageKey) files.set('storage-signing.key', storageKey);
		return { rowCounts: counts, pgliteVersion: version, dbTar: new Uint8Array(await dump.arrayBuffer()), files };
	});
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			if (state !== 'waiting') return;
			state = 'cancelled';
			reject(
				new BackupError(
					`the database stayed busy for ${waitMs < 1000 ? `${waitMs} ms` : `${Math.round(waitMs / 1000)} s`} (a long transaction?): no backup taken, try again`
				)
			);
		}, waitMs);
	});
	// A cancelled backup still reaches the mutex later and gives it back at once: no unhandled rejection.
	work.catch(() => {});
	let snapshot: Snapshot;
	try {
		snapshot = await Promise.race([work, timeout]);
	} finally {
		clearTimeout(timer);
	}
	// Outside the transaction, so requests go on: the few files whose rename was still to come.
	for (const { rel, file } of pending) {
		const deadline = Date.now() + PENDING_FILE_WAIT_MS;
		let bytes = await readIfExists(file);
		while (!bytes && Date.now() < deadline) {
			await sleep(50);
			bytes = await readIfExists(file);
		}
		if (!bytes) throw new BackupError(`stored file missing on disk: ${rel}`);
		snapshot.files.set(`storage/${rel}`, bytes);
	}
	return snapshot;
}

/** One zip: `db.tar.gz`, the files, `manifest.json` (format, time, row counts, size and SHA-256 per entry). */
export async function buildArchive(snapshot: Snapshot, now = new Date()): Promise<Uint8Array> {
	const zip = new JSZip();
	const entries: ManifestEntry[] = [];
	const add = (name: string, bytes: Uint8Array) => {
		zip.file(name, bytes, { binary: true });
		entries.push({ path: name, size: bytes.byteLength, sha256: sha256(bytes) });
	};
	add('db.tar.gz', new Uint8Array(await gzip(snapshot.dbTar)));
	for (const [name, bytes] of snapshot.files) add(name, bytes);
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		createdAt: now.toISOString(),
		pgliteVersion: snapshot.pgliteVersion,
		rowCounts: snapshot.rowCounts,
		entries
	};
	zip.file('manifest.json', JSON.stringify(manifest, null, '\t'));
	return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** The archive of `dataDir` from its open PGlite (the running app's, or the CLI's with the app stopped). */
export async function createBackup(
	pg: PgliteHandle,
	dataDir: string,
	now = new Date(),
	options: { waitMs?: number } = {}
): Promise<Uint8Array> {
	return buildArchive(await captureSnapshot(pg, dataDir, options), now);
}

/** Reads and checks an archive: every manifest entry present with its size and hash, nothing else. */
export async function readBackup(
	archive: Uint8Array
): Promise<{ manifest: BackupManifest; files: Map<string, Uint8Array> }> {
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(archive);
	} catch (error) {
		throw new BackupError(`not a Beirat backup archive (${error instanceof Error ? error.message : error})`);
	}
	const manifestFile = zip.file('manifest.json');
	if (!manifestFile) throw new BackupError('not a Beirat backup archive: manifest.json is missing');
	let manifest: BackupManifest;
	try {
		manifest = JSON.parse(await manifestFile.async('string')) as BackupManifest;
	} catch {
		throw new BackupError('manifest.json is not valid JSON');
	}
	if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.entries))
		throw new BackupError(`unsupported backup format ${String(manifest.format)} (expected ${BACKUP_FORMAT})`);

	const files = new Map<string, Uint8Array>();
	for (const entry of manifest.entries) {
		const normalized = path.posix.normalize(entry.path);
		if (normalized !== entry.path || normalized.startsWith('..') || path.posix.isAbsolute(normalized))
			throw new BackupError(`unsafe path in manifest: ${entry.path}`);
		const file = zip.file(entry.path);
		if (!file) throw new BackupError(`archive entry missing: ${entry.path}`);
		let bytes: Uint8Array;
		try {
			bytes = await file.async('uint8array');
		} catch (error) {
			throw new BackupError(
				`archive entry unreadable: ${entry.path} (${error instanceof Error ? error.message : error})`
			);
		}
		if (bytes.byteLength !== entry.size || sha256(bytes) !== entry.sha256)
			throw new BackupError(`hash mismatch for ${entry.path}: the archive is damaged`);
		files.set(entry.path, bytes);
	}
	const extra = Object.keys(zip.files).filter(
		(name) => !zip.files[name]?.dir && name !== 'manifest.json' && !files.has(name)
	);
	if (extra.length > 0) throw new BackupError(`archive entries not in the manifest: ${extra.join(', ')}`);
	if (manifest.database !== 'postgresql' && !files.has('db.tar.gz'))
		throw new BackupError('archive holds no database (db.tar.gz)');
	return { manifest, files };
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
	try {
		return (await fs.readdir(dir)).length === 0;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
		throw error;
	}
}

/**
 * Restores into `dataDir`, which must be missing or empty. Everything is written to a sibling
 * staging directory, the database opened there and its row counts compared with the manifest;
 * only then is the staging directory renamed to `dataDir`. On any failure nothing is left behind.
 */
export async function restoreBackup(
	archive: Uint8Array,
	dataDir: string,
	mode: 'pglite' | 'postgresql' = 'pglite'
): Promise<BackupManifest> {
	const target = path.resolve(dataDir);
	if (!(await isEmptyOrMissing(target)))
		throw new BackupError(`DATA_DIR ${target} is not empty: restore only into an empty or new directory`);
	const { manifest, files } = await readBackup(archive);
	const kind = manifest.database ?? 'pglite';
	if (kind !== mode)
		throw new BackupError(
			kind === 'postgresql'
				? 'this is a files-and-keys backup of an installation with DATABASE_URL: restore it with DATABASE_URL set'
				: 'this backup holds an embedded database: restore it without DATABASE_URL (the embedded mode)'
		);

	const staging = path.join(path.dirname(target), `.${path.basename(target)}.restore-${randomUUID()}`);
	try {
		await fs.mkdir(staging, { recursive: true, mode: 0o700 });
		for (const [rel, bytes] of files) {
			if (rel === 'db.tar.gz') continue;
			const file = path.join(staging, ...rel.split('/'));
			await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
			await fs.writeFile(file, bytes, { mode: 0o600 });
		}
		if (manifest.database !== 'postgresql') await restoreDatabase(staging, files, manifest);
		await fs.rm(target, { recursive: true, force: true });
		await fs.rename(staging, target);
		return manifest;
	} catch (error) {
		await fs.rm(staging, { recursive: true, force: true });
		throw error;
	}
}

/** Unpacks `db.tar.gz` into `staging/db`, opens it and compares every table's row count with the manifest. */
async function restoreDatabase(staging: string, files: Map<string, Uint8Array>, manifest: BackupManifest) {
	const dbDir = path.join(staging, 'db');
	await fs.mkdir(dbDir, { recursive: true });
	const dump = files.get('db.tar.gz') as Uint8Array;
	const pg = await PGlite.create(dbDir, {
		loadDataDir: new Blob([dump as Uint8Array<ArrayBuffer>]),
		postgresqlconf: [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`]
	});
	try {
		const counts = await rowCounts(pg);
		const differing = Object.keys({ ...manifest.rowCounts, ...counts }).filter(
			(table) => manifest.rowCounts[table] !== counts[table]
		);
		if (differing.length > 0)
			throw new BackupError(`restored row counts differ from the manifest: ${differing.join(', ')}`);
	} finally {
		await pg.close();
	}
}
