import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_SHARED_BUFFERS } from '../db/pglite';
import { BackupError, createBackup, readBackup, restoreBackup } from './backup';
import { backupSocketPath } from './backup-endpoint';
import { backupPostgresMode, pgRestoreCommand } from './pg-backup';

const PLATFORM_NOTE = `SUPABASE_URL is set: npm run backup/restore cover the embedded mode and PostgreSQL with local
files only. Back up the database with Supabase's backups and point-in-time recovery (or pg_dump against the
direct connection), the files in Supabase Storage (bucket board-files) with its S3-compatible endpoint or
Storage API. See docs/operations.md.`;

async function exists(file: string): Promise<boolean> {
	try {
		await fs.access(file);
		return true;
	} catch {
		return false;
	}
}

/** How long `npm run backup` waits for the running app's answer. */
const REQUEST_TIMEOUT_MS = 120_000;

type AppAnswer =
	| { kind: 'none' }
	| { kind: 'archive'; archive: Uint8Array; pid: string }
	| { kind: 'refused'; status: number; message: string };

/** Asks the running app for a backup over its socket; `none` when no app listens there. */
export function requestFromApp(socketPath: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<AppAnswer> {
	return new Promise((resolve, reject) => {
		const request = http.request({ socketPath, path: '/backup', method: 'POST' }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('error', reject);
			response.on('end', () => {
				clearTimeout(timer);
				const body = Buffer.concat(chunks);
				if (response.statusCode === 200)
					resolve({
						kind: 'archive',
						archive: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
						pid: String(response.headers['x-beirat-pid'] ?? '?')
					});
				else resolve({ kind: 'refused', status: response.statusCode ?? 0, message: body.toString('utf8') });
			});
		});
		const timer = setTimeout(() => {
			request.destroy(
				new BackupError(`the app did not answer within ${Math.round(timeoutMs / 1000)} s: no backup written`)
			);
		}, timeoutMs);
		request.on('error', (error: NodeJS.ErrnoException) => {
			clearTimeout(timer);
			// No socket, or one a crashed app left behind: nobody is listening.
			if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve({ kind: 'none' });
			else reject(error);
		});
		request.end();
	});
}

async function writeArchive(out: string, archive: Uint8Array): Promise<void> {
	try {
		await fs.writeFile(`${out}.partial`, archive, { mode: 0o600 });
		await fs.rename(`${out}.partial`, out);
	} catch (error) {
		await fs.rm(`${out}.partial`, { force: true });
		throw error;
	}
}

/**
 * `npm run backup [-- <file>]`: writes one archive of DATA_DIR (database, files, keys). While the app runs
 * it takes the backup (PGlite allows ONE process per directory) and this command asks it over
 * DATA_DIR/run/backup.sock; with the app stopped, this command opens the database itself.
 * With DATABASE_URL (no Supabase): the files and keys, and the database through pg_dump (pg-backup.ts).
 * Exit 0 = written, 1 = files written but not the database (pg_dump missing), 2 = error.
 */
export async function backupMain(env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<number> {
	if (env.SUPABASE_URL) {
		console.error(PLATFORM_NOTE);
		return 2;
	}
	const now = new Date();
	const flags = args.filter((arg) => arg.startsWith('--'));
	const out = path.resolve(
		args.find((arg) => !arg.startsWith('--')) ?? `beirat-backup-${now.toISOString().replace(/[:.]/g, '-')}.zip`
	);
	if (env.DATABASE_URL) return backupPostgresMode(env, out, flags, now);
	const dataDir = path.resolve(env.DATA_DIR ?? './data');
	const dbDir = path.join(dataDir, 'db');
	if (!(await exists(path.join(dbDir, 'PG_VERSION')))) {
		console.error(`No embedded database in ${dbDir}: nothing to back up.`);
		return 2;
	}
	const socketPath = backupSocketPath(dataDir);
	let answer: AppAnswer;
	try {
		answer = await requestFromApp(socketPath, Number(env.BACKUP_TIMEOUT_S ?? 0) * 1000 || REQUEST_TIMEOUT_MS);
	} catch (error) {
		console.error(`Backup failed: asking the running app failed: ${error instanceof Error ? error.message : error}`);
		return 2;
	}
	if (answer.kind === 'refused') {
		console.error(`Backup failed: the running app answered ${answer.status}: ${answer.message}`);
		return 2;
	}
	if (answer.kind === 'archive') {
		try {
			// The same checks a restore makes, before the file is written: a truncated answer is never kept.
			const { manifest } = await readBackup(answer.archive);
			await writeArchive(out, answer.archive);
			console.log(
				`Backup written: ${out} (${answer.archive.byteLength} bytes, taken by the running app, pid ${answer.pid}, ` +
					`at ${manifest.createdAt})`
			);
			return 0;
		} catch (error) {
			console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
			return 2;
		}
	}
	// PGlite keeps postmaster.pid while a process has the directory open (and after a crash).
	if (await exists(path.join(dbDir, 'postmaster.pid'))) {
		console.error(
			`${dbDir} is in use (postmaster.pid present) by a process that does not answer on ${socketPath}: ` +
				'a Beirat without online backup, or one that crashed. Stop the app and run npm run backup again; ' +
				'PGlite allows one process per directory.\n' +
				'If the app crashed, start and stop it once; PGlite then removes the stale file.'
		);
		return 2;
	}
	const pg = await PGlite.create(dbDir, { postgresqlconf: [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`] });
	try {
		const archive = await createBackup(pg, dataDir, now);
		await writeArchive(out, archive);
		console.log(`Backup written: ${out} (${archive.byteLength} bytes, app stopped)`);
		return 0;
	} catch (error) {
		console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
		return 2;
	} finally {
		await pg.close();
	}
}

/** `npm run restore -- <file>`: restores an archive into an empty or missing DATA_DIR. */
export async function restoreMain(env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<number> {
	if (env.SUPABASE_URL) {
		console.error(PLATFORM_NOTE);
		return 2;
	}
	if (!args[0]) {
		console.error('Usage: npm run restore -- <backup file>   (into DATA_DIR, default ./data, which must be empty)');
		return 2;
	}
	const dataDir = path.resolve(env.DATA_DIR ?? './data');
	const file = path.resolve(args[0]);
	try {
		const archive = new Uint8Array(await fs.readFile(file));
		const manifest = await restoreBackup(archive, dataDir, env.DATABASE_URL ? 'postgresql' : 'pglite');
		if (manifest.database !== 'postgresql') {
			console.log(
				`Restored backup of ${manifest.createdAt} into ${dataDir}: ${manifest.entries.length} entries, row counts match.`
			);
			return 0;
		}
		console.log(
			`Restored files and keys of ${manifest.createdAt} into ${dataDir}: ${manifest.entries.length} entries.`
		);
		if (!manifest.pgDump) {
			console.log('The database was not in this backup: restore it from your own pg_dump first.');
			return 0;
		}
		const dump = path.join(path.dirname(file), manifest.pgDump.path);
		const found = await fs.readFile(dump).catch(() => null);
		if (!found) console.error(`The database dump ${dump} is not next to the archive: bring it there.`);
		else if (createHash('sha256').update(found).digest('hex') !== manifest.pgDump.sha256) {
			console.error(`The database dump ${dump} is not the one taken with these files (SHA-256 differs).`);
			return 2;
		}
		console.log(`Now the database (into an empty database, or over this one):\n  ${pgRestoreCommand(dump)}`);
		return 0;
	} catch (error) {
		const message = error instanceof BackupError || error instanceof Error ? error.message : String(error);
		console.error(`Restore refused: ${message}`);
		return 2;
	}
}
