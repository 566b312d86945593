import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import JSZip from 'jszip';
import { PGLITE_SHARED_BUFFERS } from '../db/pglite';

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
}

export class BackupError extends Error {
	override name = 'BackupError';
}

type Queryable = Pick<PGlite, 'query'>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Rows per table in the schemas the app writes (as the superuser PGlite session: no RLS). */
export async function rowCounts(pg: Queryable): Promise<Record<string, number>> {
	const tables = await pg.query<{ s: string; t: string }>(
		`select table_schema as s, table_name as t from information_schema.tables
		 where table_type = 'BASE TABLE' and table_schema in ('public', 'auth', 'storage') order by 1, 2`
	);
	const counts: Record<string, number> = {};
	for (const { s, t } of tables.rows) {
		const id = `"${s.replaceAll('"', '""')}"."${t.replaceAll('"', '""')}"`;
		const result = await pg.query<{ n: number }>(`select count(*)::int as n from ${id}`);
		counts[`${s}.${t}`] = result.rows[0]?.n ?? 0;
	}
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

/**
 * Builds the archive from an open PGlite on `dataDir/db` that no one else writes to while this runs
 * (the CLI opens the directory itself, so the app must be stopped: PGlite allows one process).
 */
export async function createBackup(pg: PGlite, dataDir: string, now = new Date()): Promise<Uint8Array> {
	const zip = new JSZip();
	const entries: ManifestEntry[] = [];
	const add = (name: string, bytes: Uint8Array) => {
		zip.file(name, bytes, { binary: true });
		entries.push({ path: name, size: bytes.byteLength, sha256: sha256(bytes) });
	};

	const counts = await rowCounts(pg);
	const objects = await pg.query<{ bucket_id: string; name: string }>(
		`select bucket_id, name from storage.objects order by bucket_id, name`
	);
	const dump = await pg.dumpDataDir('gzip');
	add('db.tar.gz', new Uint8Array(await dump.arrayBuffer()));

	for (const { bucket_id, name } of objects.rows) {
		const rel = path.posix.join(bucket_id, name);
		if (rel.split('/').includes('..')) throw new BackupError(`unsafe object name: ${rel}`);
		const bytes = await readIfExists(path.join(dataDir, 'storage', bucket_id, name));
		if (!bytes) throw new BackupError(`stored file missing on disk: ${rel}`);
		add(`storage/${rel}`, bytes);
	}

	const keyDir = path.join(dataDir, 'keys');
	const keyNames = await fs.readdir(keyDir).catch(() => [] as string[]);
	for (const name of keyNames.sort()) {
		const bytes = await readIfExists(path.join(keyDir, name));
		if (bytes) add(`keys/${name}`, bytes);
	}
	const storageKey = await readIfExists(path.join(dataDir, 'storage-signing.key'));
	if (storageKey) add('storage-signing.key', storageKey);

	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		createdAt: now.toISOString(),
		pgliteVersion: (await pg.query<{ v: string }>(`select version() as v`)).rows[0]?.v ?? '',
		rowCounts: counts,
		entries
	};
	zip.file('manifest.json', JSON.stringify(manifest, null, '\t'));
	return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
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
	if (!files.has('db.tar.gz')) throw new BackupError('archive holds no database (db.tar.gz)');
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
export async function restoreBackup(archive: Uint8Array, dataDir: string): Promise<BackupManifest> {
	const target = path.resolve(dataDir);
	if (!(await isEmptyOrMissing(target)))
		throw new BackupError(`DATA_DIR ${target} is not empty: restore only into an empty or new directory`);
	const { manifest, files } = await readBackup(archive);

	const staging = path.join(path.dirname(target), `.${path.basename(target)}.restore-${randomUUID()}`);
	try {
		await fs.mkdir(staging, { recursive: true, mode: 0o700 });
		for (const [rel, bytes] of files) {
			if (rel === 'db.tar.gz') continue;
			const file = path.join(staging, ...rel.split('/'));
			await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
			await fs.writeFile(file, bytes, { mode: 0o600 });
		}
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
		await fs.rm(target, { recursive: true, force: true });
		await fs.rename(staging, target);
		return manifest;
	} catch (error) {
		await fs.rm(staging, { recursive: true, force: true });
		throw error;
	}
}
