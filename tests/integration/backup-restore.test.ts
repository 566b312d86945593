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
import { BackupError, readBackup, restoreBackup, rowCounts } from '$lib/server/ops/backup';
import { backupMain, restoreMain } from '$lib/server/ops/backup-cli';
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
	});
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
	});

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
			expect(error.mock.calls.flat().join('\n')).toContain('stop the app first');
			await expect(fs.access(path.join(root, 'busy.zip'))).rejects.toThrow();
		} finally {
			error.mockRestore();
			await db.close();
		}
	});

	it('points PostgreSQL/Supabase installations to the platform tools', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await backupMain({ DATABASE_URL: 'postgres://x@localhost/db' }, [])).toBe(2);
		expect(error.mock.calls.flat().join('\n')).toContain('pg_dump');
		error.mockRestore();
	});
});
