import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { BACKUP_FORMAT, BackupError, type BackupManifest, type ManifestEntry } from './backup';

/**
 * `npm run backup` with DATABASE_URL (PostgreSQL without Supabase): the database through `pg_dump` (when it
 * is installed; `PG_DUMP` names another binary, e.g. the one matching the server's major version), then the
 * stored files (DATA_DIR/storage) and the keys in one zip with the usual manifest (`database: 'postgresql'`,
 * the dump's name, size and SHA-256). Files after the dump: every file the dump references is in the copy.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function shellQuote(value: string): string {
	return /^[\w./:=@-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The command an operator runs by hand; the URL stays in the variable (no password in shell history). */
export function pgDumpCommand(file: string): string {
	return `pg_dump --format=custom --file=${shellQuote(file)} "$DATABASE_URL"`;
}

export function pgRestoreCommand(file: string): string {
	return `pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" ${shellQuote(file)}`;
}

/**
 * libpq's variables for a postgres:// URL, so the password is not on pg_dump's command line (visible in
 * `ps`). Null when the value is not such a URL; then it is passed as `--dbname`.
 */
export function libpqEnv(databaseUrl: string): Record<string, string> | null {
	let url: URL;
	try {
		url = new URL(databaseUrl);
	} catch {
		return null;
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return null;
	const env: Record<string, string> = {};
	if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ''));
	if (url.port) env.PGPORT = url.port;
	if (url.username) env.PGUSER = decodeURIComponent(url.username);
	if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
	const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
	if (database) env.PGDATABASE = database;
	const sslmode = url.searchParams.get('sslmode');
	if (sslmode) env.PGSSLMODE = sslmode;
	return env;
}

type DumpResult = { ok: true } | { ok: false; missing: true } | { ok: false; missing: false; message: string };

function runPgDump(binary: string, databaseUrl: string, file: string, env: NodeJS.ProcessEnv): Promise<DumpResult> {
	const conn = libpqEnv(databaseUrl);
	const args = ['--format=custom', `--file=${file}`, ...(conn ? [] : [`--dbname=${databaseUrl}`])];
	return new Promise((resolve) => {
		const child = spawn(binary, args, {
			env: { ...env, DATABASE_URL: undefined, ...(conn ?? {}) },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', (error: NodeJS.ErrnoException) =>
			resolve(
				error.code === 'ENOENT' ? { ok: false, missing: true } : { ok: false, missing: false, message: error.message }
			)
		);
		child.on('close', (code) =>
			resolve(
				code === 0
					? { ok: true }
					: { ok: false, missing: false, message: stderr.trim() || `${binary} exited with ${code}` }
			)
		);
	});
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
	const hash = createHash('sha256');
	let size = 0;
	for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		size += chunk.byteLength;
	}
	return { size, sha256: hash.digest('hex') };
}

/** Every regular file under `dir` (relative, POSIX separators), without the uploads still being staged. */
async function listFiles(dir: string): Promise<string[]> {
	let entries;
	try {
		entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.filter((rel) => !rel.startsWith('.tmp/'))
		.sort();
}

/** The files-and-keys archive of DATA_DIR for an installation whose database is PostgreSQL. */
export async function buildFilesArchive(dataDir: string, now: Date, pgDump?: ManifestEntry): Promise<Uint8Array> {
	const zip = new JSZip();
	const entries: ManifestEntry[] = [];
	const add = async (name: string, file: string) => {
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await fs.readFile(file));
		} catch (error) {
			// Removed between listing and reading: its row was deleted before, not part of the copy.
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}
		zip.file(name, bytes, { binary: true });
		entries.push({ path: name, size: bytes.byteLength, sha256: sha256(bytes) });
	};
	for (const rel of await listFiles(path.join(dataDir, 'storage')))
		await add(`storage/${rel}`, path.join(dataDir, 'storage', ...rel.split('/')));
	for (const rel of await listFiles(path.join(dataDir, 'keys')))
		await add(`keys/${rel}`, path.join(dataDir, 'keys', ...rel.split('/')));
	await add('storage-signing.key', path.join(dataDir, 'storage-signing.key'));
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		createdAt: now.toISOString(),
		pgliteVersion: '',
		rowCounts: {},
		entries,
		database: 'postgresql',
		...(pgDump ? { pgDump } : {})
	};
	zip.file('manifest.json', JSON.stringify(manifest, null, '\t'));
	return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/**
 * Exit 0: database dumped and files written. 1: files and keys written, the database NOT (pg_dump is not
 * installed; the command to run is printed). 2: error, nothing written. `--files-only` skips pg_dump (exit 0).
 */
export async function backupPostgresMode(
	env: NodeJS.ProcessEnv,
	out: string,
	flags: string[],
	now: Date
): Promise<number> {
	const dataDir = path.resolve(env.DATA_DIR ?? './data');
	const dumpFile = `${out.replace(/\.zip$/, '')}.pgdump`;
	const filesOnly = flags.includes('--files-only');
	let pgDump: ManifestEntry | undefined;
	let dumpMissing = false;
	if (!filesOnly) {
		const binary = env.PG_DUMP || 'pg_dump';
		const result = await runPgDump(binary, env.DATABASE_URL!, `${dumpFile}.partial`, env);
		if (result.ok) {
			await fs.chmod(`${dumpFile}.partial`, 0o600);
			await fs.rename(`${dumpFile}.partial`, dumpFile);
			pgDump = { path: path.basename(dumpFile), ...(await hashFile(dumpFile)) };
			console.log(`Database dumped: ${dumpFile} (${pgDump.size} bytes, pg_dump --format=custom)`);
		} else {
			await fs.rm(`${dumpFile}.partial`, { force: true });
			if (!result.missing) {
				console.error(
					`Backup failed: pg_dump failed: ${result.message}\n` +
						`Nothing written. A pg_dump whose major version is older than the server's refuses to run: ` +
						`set PG_DUMP to a matching one, or run by hand:\n  ${pgDumpCommand(dumpFile)}`
				);
				return 2;
			}
			dumpMissing = true;
		}
	}
	try {
		const archive = await buildFilesArchive(dataDir, now, pgDump);
		await fs.writeFile(`${out}.partial`, archive, { mode: 0o600 });
		await fs.rename(`${out}.partial`, out);
		console.log(`Files and keys written: ${out} (${archive.byteLength} bytes, from ${dataDir})`);
	} catch (error) {
		await fs.rm(`${out}.partial`, { force: true });
		const message = error instanceof BackupError || error instanceof Error ? error.message : String(error);
		console.error(`Backup failed: ${message}`);
		return 2;
	}
	if (dumpMissing) {
		console.error(
			`The database is NOT in this backup: ${env.PG_DUMP || 'pg_dump'} is not installed. ` +
				`Install the PostgreSQL client tools (the server's major version) or run it where they are:\n` +
				`  ${pgDumpCommand(dumpFile)}\n` +
				'Take the database dump before the files copy (every file the dump references is then in the copy).'
		);
		return 1;
	}
	if (filesOnly)
		console.log(
			`--files-only: the database is not in this backup; dump it before each files copy:\n  ${pgDumpCommand(dumpFile)}`
		);
	return 0;
}
