import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateSigningKeys } from '$lib/server/auth/local-keys';
import { openPglite } from '$lib/server/db/pglite';
import { migrate } from '$lib/server/db/migrate';
import { withSystem } from '$lib/server/db/scoped';
import { chainEntries } from '$lib/server/decisions/decision.repository';
import { verifyChain } from '$lib/server/decisions/decision-verify';
import { BackupError, readBackup, restoreBackup, rowCounts, type BackupManifest } from '$lib/server/ops/backup';
import { backupMain, restoreMain } from '$lib/server/ops/backup-cli';
import { backupSocketPath, startBackupEndpoint } from '$lib/server/ops/backup-endpoint';
import { pgliteOf } from '$lib/server/db/pglite';
import { createLocalStorage } from '$lib/server/storage/local';
import { addMember, createBoard, type TestBoard } from '../factories';
import { recordDecision } from '../factories/decisions';
import { pdfBytes } from '../factories/files';

/** SHA-256 of every file under `dir` except the database directory and staged uploads. */
async function fileHashes(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const rel = path.relative(dir, path.join(entry.parentPath, entry.name));
		if (rel.startsWith(`db${path.sep}`) || rel.startsWith(path.join('storage', '.tmp'))) continue;
		out[rel] = createHash('sha256')
			.update(await fs.readFile(path.join(dir, rel)))
			.digest('hex');
	}
	return out;
}

// Migrating a fresh PGlite is the slow part of these tests: done once, then the directory is copied.
let template: Promise<string> | undefined;
function migratedTemplate(): Promise<string> {
	template ??= (async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-backup-template-'));
		const db = await openPglite(path.join(dir, 'db'));
		await migrate(db);
		await db.close();
		return path.join(dir, 'db');
	})();
	return template;
}

/** A DATA_DIR whose database is migrated and empty. */
async function migratedDataDir(dataDir: string): Promise<void> {
	await fs.mkdir(dataDir, { recursive: true });
	await fs.cp(await migratedTemplate(), path.join(dataDir, 'db'), { recursive: true });
}

afterAll(async () => {
	if (template) await fs.rm(path.dirname(await template), { recursive: true, force: true });
});

async function countsOf(dbDir: string): Promise<Record<string, number>> {
	const pg = await PGlite.create(dbDir);
	try {
		return await rowCounts(pg);
	} finally {
		await pg.close();
	}
}

describe('backup and restore drill (embedded DATA_DIR)', () => {
	let root = '';
	let dataDir = '';
	let archiveFile = '';
	let board: TestBoard;
	let fileBytes: Uint8Array;
	let countsBefore: Record<string, number> = {};
	let hashesBefore: Record<string, string> = {};

	beforeAll(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-backup-'));
		dataDir = path.join(root, 'data');
		archiveFile = path.join(root, 'backup.zip');
		await migratedDataDir(dataDir);
		const db = await openPglite(path.join(dataDir, 'db'));
		await migrate(db);
		board = await createBoard(db);
		const office = await addMember(db, { board, role: 'office' });
		await recordDecision(db, { board, by: office });
		await recordDecision(db, { board, by: office });
		await loadOrCreateSigningKeys(dataDir);
		const storage = await createLocalStorage({ dataDir });
		fileBytes = await pdfBytes('Sicherung und Wiederherstellung');
		const staged = await storage.stage({
			bucket: 'board-files',
			name: `${board.id}/${randomUUID()}.pdf`,
			bytes: fileBytes,
			contentType: 'application/pdf',
			ownerId: office.id
		});
		await db.ownerTransaction((tx) => staged.record(tx));
		await staged.commit();
		await db.close();
		countsBefore = await countsOf(path.join(dataDir, 'db'));
		hashesBefore = await fileHashes(dataDir);
	}, 300_000);
	afterAll(() => fs.rm(root, { recursive: true, force: true }));

	it('backs up, wipes, restores: same row counts, same file hashes, the decision chain verifies', async () => {
		expect(countsBefore['public.decision_entries']).toBeGreaterThanOrEqual(2);
		expect(countsBefore['storage.objects']).toBe(1);
		expect(Object.keys(hashesBefore)).toEqual(
			expect.arrayContaining(['storage-signing.key', path.join('keys', 'auth-es256.jwk.json')])
		);
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		expect(await backupMain({ DATA_DIR: dataDir }, [archiveFile])).toBe(0);

		const { manifest } = await readBackup(new Uint8Array(await fs.readFile(archiveFile)));
		expect(manifest.rowCounts).toEqual(countsBefore);
		expect(manifest.entries.map((e) => e.path)).toEqual(
			expect.arrayContaining(['db.tar.gz', 'storage-signing.key', 'keys/auth-es256.jwk.json'])
		);

		await fs.rm(dataDir, { recursive: true });
		expect(await restoreMain({ DATA_DIR: dataDir }, [archiveFile])).toBe(0);
		log.mockRestore();

		expect(await countsOf(path.join(dataDir, 'db'))).toEqual(countsBefore);
		expect(await fileHashes(dataDir)).toEqual(hashesBefore);
		const db = await openPglite(path.join(dataDir, 'db'));
		try {
			const verdict = await withSystem(db, 'decision-verify', async (tx) =>
				verifyChain(await chainEntries(tx, board.id))
			);
			expect(verdict).toMatchObject({ ok: true, count: 2 });
		} finally {
			await db.close();
		}
	}, 300_000);

	it('refuses a non-empty DATA_DIR and leaves it untouched', async () => {
		const target = path.join(root, 'occupied');
		await fs.mkdir(target);
		await fs.writeFile(path.join(target, 'keep.txt'), 'mine');
		const archive = new Uint8Array(await fs.readFile(archiveFile));
		await expect(restoreBackup(archive, target)).rejects.toThrow(/is not empty/);
		expect(await fs.readdir(target)).toEqual(['keep.txt']);
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await restoreMain({ DATA_DIR: target }, [archiveFile])).toBe(2);
		expect(error.mock.calls.flat().join('\n')).toMatch(/Restore refused: .*is not empty/);
		error.mockRestore();
	});

	it('refuses a damaged archive with a clear error and writes nothing', async () => {
		const archive = Buffer.from(await fs.readFile(archiveFile));
		const at = archive.indexOf(Buffer.from(fileBytes));
		expect(at).toBeGreaterThan(0);
		archive.writeUInt8(archive.readUInt8(at + 20) ^ 0xff, at + 20);
		const target = path.join(root, 'fresh');
		const before = await fs.readdir(root);
		const failure = restoreBackup(new Uint8Array(archive), target);
		await expect(failure).rejects.toBeInstanceOf(BackupError);
		await expect(failure).rejects.toThrow(/hash mismatch for storage\/board-files\/.*: the archive is damaged/);
		expect(await fs.readdir(root)).toEqual(before);

		await expect(restoreBackup(new Uint8Array(Buffer.from('not a zip')), target)).rejects.toThrow(
			/not a Beirat backup archive/
		);
		expect(await fs.readdir(root)).toEqual(before);
	});

	it('refuses to back up a database another process holds open', async () => {
		const db = await openPglite(path.join(dataDir, 'db'));
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(await backupMain({ DATA_DIR: dataDir }, [path.join(root, 'busy.zip')])).toBe(2);
			expect(error.mock.calls.flat().join('\n')).toMatch(/in use .* does not answer on .*backup\.sock.*Stop the app/s);
			await expect(fs.access(path.join(root, 'busy.zip'))).rejects.toThrow();
		} finally {
			error.mockRestore();
			await db.close();
		}
	});

	it('points Supabase installations to the platform tools', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await backupMain({ SUPABASE_URL: 'https://x.supabase.co', DATA_DIR: dataDir }, [])).toBe(2);
		expect(await restoreMain({ SUPABASE_URL: 'https://x.supabase.co', DATA_DIR: dataDir }, ['x.zip'])).toBe(2);
		expect(error.mock.calls.flat().join('\n')).toMatch(/point-in-time recovery.*board-files/s);
		error.mockRestore();
	});

	it('refuses to restore an embedded archive with DATABASE_URL set', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const target = path.join(root, 'pg-target');
		expect(await restoreMain({ DATABASE_URL: 'postgres://x@localhost/db', DATA_DIR: target }, [archiveFile])).toBe(2);
		expect(error.mock.calls.flat().join('\n')).toMatch(/holds an embedded database: restore it without DATABASE_URL/);
		await expect(fs.access(target)).rejects.toThrow();
		error.mockRestore();
	});
});

/** Runs one of the npm scripts (`node scripts/<name>`) as its own process. */
function runScript(
	script: string,
	args: string[],
	env: Record<string, string>
): Promise<{ code: number | null; stdout: string; stderr: string; endedAt: number }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.resolve('scripts', script), ...args], {
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr, endedAt: Date.now() }));
	});
}

const APP_CHILD = path.resolve('tests/support/backup-app-child.mjs');
type ChildMessage = { type: string; at: number } & Record<string, unknown>;

describe('online backup while the app runs (the app in its own process)', () => {
	let root = '';
	let child: ChildProcess | undefined;
	afterAll(async () => {
		if (child && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((r) => child!.once('exit', r));
			child.kill();
			await exited;
		}
		await fs.rm(root, { recursive: true, force: true });
	});

	it('backs up while writes go on and one is in progress; stop, wipe, restore: counts, hashes, chain', async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-online-'));
		const dataDir = path.join(root, 'data');
		await migratedDataDir(dataDir);
		child = fork(APP_CHILD, [], {
			env: { ...process.env, DATA_DIR: dataDir },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		const received: ChildMessage[] = [];
		const waiters: (() => void)[] = [];
		child.on('message', (message: Record<string, unknown>) => {
			received.push({ ...message, type: String(message.type), at: Date.now() });
			waiters.splice(0).forEach((wake) => wake());
		});
		const next = async (type: string): Promise<ChildMessage> => {
			for (;;) {
				const failure = received.find((m) => m.type === 'error');
				if (failure) throw new Error(`app child: ${String(failure.error)}`);
				const found = received.find((m) => m.type === type);
				if (found) return found;
				await new Promise<void>((wake) => waiters.push(wake));
			}
		};
		{
			await next('ready');
			child.send('write');
			await next('writing');
			await new Promise((r) => setTimeout(r, 1_000));

			// 1. While decisions and files are being written.
			const first = await runScript('backup.js', [path.join(root, 'first.zip')], { DATA_DIR: dataDir });
			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			expect(first.stdout).toMatch(/Backup written: .*first\.zip .*taken by the running app/);

			// 2. While a write is in progress: a transaction has inserted a decision and has not committed yet.
			child.send('hold');
			const holding = await next('holding');
			const second = await runScript('backup.js', [path.join(root, 'second.zip')], { DATA_DIR: dataDir });
			expect(second.code).toBe(0);
			const held = await next('held');
			// The backup waited for that transaction: it committed before the backup was done.
			expect(held.at).toBeLessThanOrEqual(second.endedAt);

			child.send('stop');
			const stopped = await next('stopped');
			await new Promise((r) => (child!.exitCode === null ? child!.once('exit', r) : r(null)));
			expect(stopped.decisions as number).toBeGreaterThan(3);
			expect(stopped.files as number).toBeGreaterThan(1);

			const archive = new Uint8Array(await fs.readFile(path.join(root, 'second.zip')));
			const { manifest } = await readBackup(archive);
			const liveHashes = await fileHashes(dataDir);
			const liveCounts = await countsOf(path.join(dataDir, 'db'));
			// Writes went on after the backup: the backup is a consistent point, not the end state.
			expect(manifest.rowCounts['public.decision_entries']).toBeLessThanOrEqual(liveCounts['public.decision_entries']!);
			expect(manifest.rowCounts['public.decision_entries']).toBeGreaterThan(3);

			await fs.rm(dataDir, { recursive: true });
			const restored = await runScript('restore.js', [path.join(root, 'second.zip')], { DATA_DIR: dataDir });
			expect(restored.stderr).toBe('');
			expect(restored.code).toBe(0);

			expect(await countsOf(path.join(dataDir, 'db'))).toEqual(manifest.rowCounts);
			const restoredHashes = await fileHashes(dataDir);
			const storedFiles = Object.keys(restoredHashes).filter((rel) => rel.startsWith(`storage${path.sep}`));
			expect(storedFiles).toHaveLength(manifest.rowCounts['storage.objects']!);
			for (const [rel, hash] of Object.entries(restoredHashes)) expect(liveHashes[rel], rel).toBe(hash);
			expect(Object.keys(restoredHashes)).toEqual(
				expect.arrayContaining(['storage-signing.key', path.join('keys', 'auth-es256.jwk.json')])
			);

			const pg = await PGlite.create(path.join(dataDir, 'db'));
			try {
				const found = await pg.query(`select 1 from public.decision_entries where number = $1`, [holding.number]);
				expect(found.rows).toHaveLength(1);
			} finally {
				await pg.close();
			}
			const verify = await runScript('verify-decisions.mjs', [], { DATA_DIR: dataDir });
			expect(verify.code).toBe(0);
			expect(verify.stdout).toMatch(/^OK {6}\S+: \d+ entries$/m);
		}
	}, 600_000);
});

describe('online backup: waits, refusals and leftovers (in process)', () => {
	let root = '';
	let dataDir = '';
	let board: TestBoard;
	beforeAll(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-online-'));
		dataDir = path.join(root, 'data');
		await migratedDataDir(dataDir);
	}, 300_000);
	afterAll(() => fs.rm(root, { recursive: true, force: true }));

	async function openApp(waitMs?: number) {
		const db = await openPglite(path.join(dataDir, 'db'));
		await migrate(db);
		const endpoint = await startBackupEndpoint({ pg: pgliteOf(db)!, dataDir, waitMs });
		return { db, endpoint };
	}

	const quiet = () => ({
		log: vi.spyOn(console, 'log').mockImplementation(() => {}),
		error: vi.spyOn(console, 'error').mockImplementation(() => {}),
		restore() {
			this.log.mockRestore();
			this.error.mockRestore();
		}
	});

	it('gives up after the wait when a transaction stays open, and the app goes on', async () => {
		const { db, endpoint } = await openApp(300);
		const output = quiet();
		try {
			board = await createBoard(db);
			let release = () => {};
			const long = db.ownerTransaction(async (tx) => {
				await tx.query(`select 1`);
				await new Promise<void>((r) => (release = r));
				return tx.query<{ n: number }>(`select count(*)::int as n from public.boards`);
			});
			const started = Date.now();
			expect(await backupMain({ DATA_DIR: dataDir }, [path.join(root, 'busy.zip')])).toBe(2);
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(output.error.mock.calls.flat().join('\n')).toMatch(
				/the running app answered 503: the database stayed busy for 300 ms .*no backup taken, try again/
			);
			await expect(fs.access(path.join(root, 'busy.zip'))).rejects.toThrow();
			release();
			expect((await long)[0]?.n).toBe(1);
			// The cancelled backup gave the database back: the next transaction and the next backup run.
			expect(await db.ownerTransaction((tx) => tx.query(`select 1 as one`))).toEqual([{ one: 1 }]);
			expect(await backupMain({ DATA_DIR: dataDir }, [path.join(root, 'after.zip')])).toBe(0);
		} finally {
			output.restore();
			await endpoint.close();
			await db.close();
		}
	}, 300_000);

	it('waits for a stored file whose row committed before its rename', async () => {
		const { db, endpoint } = await openApp();
		const output = quiet();
		try {
			const office = await addMember(db, { board, role: 'office' });
			await loadOrCreateSigningKeys(dataDir);
			const storage = await createLocalStorage({ dataDir });
			const name = `${board.id}/${randomUUID()}.pdf`;
			const bytes = await pdfBytes('Nachgereicht');
			const staged = await storage.stage({
				bucket: 'board-files',
				name,
				bytes,
				contentType: 'application/pdf',
				ownerId: office.id
			});
			await db.ownerTransaction((tx) => staged.record(tx));
			setTimeout(() => void staged.commit(), 400);
			expect(await backupMain({ DATA_DIR: dataDir }, [path.join(root, 'pending.zip')])).toBe(0);
			const { files, manifest } = await readBackup(new Uint8Array(await fs.readFile(path.join(root, 'pending.zip'))));
			expect(Buffer.from(files.get(`storage/board-files/${name}`)!)).toEqual(Buffer.from(bytes));
			expect(manifest.rowCounts['storage.objects']).toBe(1);
		} finally {
			output.restore();
			await endpoint.close();
			await db.close();
		}
	}, 300_000);

	it('the socket is private and gone after the app stopped; a leftover file does not block the offline backup', async () => {
		const { db, endpoint } = await openApp();
		const socket = backupSocketPath(dataDir);
		expect((await fs.stat(path.dirname(socket))).mode & 0o777).toBe(0o700);
		expect((await fs.stat(socket)).mode & 0o777).toBe(0o600);
		await endpoint.close();
		await db.close();
		await expect(fs.access(socket)).rejects.toThrow();
		// What a killed app leaves behind: nobody answers there any more.
		await fs.writeFile(socket, '');
		const output = quiet();
		try {
			expect(await backupMain({ DATA_DIR: dataDir }, [path.join(root, 'offline.zip')])).toBe(0);
			expect(output.log.mock.calls.flat().join('\n')).toMatch(/app stopped/);
			const { manifest } = await readBackup(new Uint8Array(await fs.readFile(path.join(root, 'offline.zip'))));
			expect((manifest satisfies BackupManifest).rowCounts['public.boards']).toBe(1);
		} finally {
			output.restore();
		}
	}, 300_000);
});
