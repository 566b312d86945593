import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_SHARED_BUFFERS } from '../db/pglite';
import { BackupError, createBackup, restoreBackup } from './backup';

const PLATFORM_NOTE = `DATABASE_URL or SUPABASE_URL is set: npm run backup/restore cover only the embedded mode.
Back up the database with the platform's tools (pg_dump / pg_restore, or Supabase's backups and
point-in-time recovery); files live in Supabase Storage (bucket board-files) with SUPABASE_URL, else in
DATA_DIR/storage; local auth signs sessions with DATA_DIR/keys, local storage its download links with
DATA_DIR/storage-signing.key.
See docs/operations.md.`;

async function exists(file: string): Promise<boolean> {
	try {
		await fs.access(file);
		return true;
	} catch {
		return false;
	}
}

/**
 * `npm run backup [-- <file>]`: writes one archive of DATA_DIR (database, files, keys).
 * PGlite allows ONE process per directory: stop the app first. Exit 0 = written, 2 = error.
 */
export async function backupMain(env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<number> {
	if (env.DATABASE_URL || env.SUPABASE_URL) {
		console.error(PLATFORM_NOTE);
		return 2;
	}
	const dataDir = path.resolve(env.DATA_DIR ?? './data');
	const dbDir = path.join(dataDir, 'db');
	if (!(await exists(path.join(dbDir, 'PG_VERSION')))) {
		console.error(`No embedded database in ${dbDir}: nothing to back up.`);
		return 2;
	}
	// PGlite keeps postmaster.pid while a process has the directory open (and after a crash).
	if (await exists(path.join(dbDir, 'postmaster.pid'))) {
		console.error(
			`${dbDir} is in use (postmaster.pid present): stop the app first, PGlite allows one process per directory.\n` +
				'If the app crashed, start and stop it once; PGlite then removes the stale file.'
		);
		return 2;
	}
	const now = new Date();
	const out = path.resolve(args[0] ?? `beirat-backup-${now.toISOString().replace(/[:.]/g, '-')}.zip`);
	const pg = await PGlite.create(dbDir, { postgresqlconf: [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`] });
	try {
		const archive = await createBackup(pg, dataDir, now);
		await fs.writeFile(`${out}.partial`, archive, { mode: 0o600 });
		await fs.rename(`${out}.partial`, out);
		console.log(`Backup written: ${out} (${archive.byteLength} bytes)`);
		return 0;
	} catch (error) {
		await fs.rm(`${out}.partial`, { force: true });
		console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
		return 2;
	} finally {
		await pg.close();
	}
}

/** `npm run restore -- <file>`: restores an archive into an empty or missing DATA_DIR. */
export async function restoreMain(env: NodeJS.ProcessEnv = process.env, args: string[] = []): Promise<number> {
	if (env.DATABASE_URL || env.SUPABASE_URL) {
		console.error(PLATFORM_NOTE);
		return 2;
	}
	if (!args[0]) {
		console.error('Usage: npm run restore -- <backup file>   (into DATA_DIR, default ./data, which must be empty)');
		return 2;
	}
	const dataDir = path.resolve(env.DATA_DIR ?? './data');
	try {
		const archive = new Uint8Array(await fs.readFile(path.resolve(args[0])));
		const manifest = await restoreBackup(archive, dataDir);
		console.log(
			`Restored backup of ${manifest.createdAt} into ${dataDir}: ${manifest.entries.length} entries, row counts match.`
		);
		return 0;
	} catch (error) {
		const message = error instanceof BackupError || error instanceof Error ? error.message : String(error);
		console.error(`Restore refused: ${message}`);
		return 2;
	}
}
