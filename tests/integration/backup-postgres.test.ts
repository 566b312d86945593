import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBackup } from '$lib/server/ops/backup';
import { backupMain, restoreMain } from '$lib/server/ops/backup-cli';
import { libpqEnv } from '$lib/server/ops/pg-backup';

const BASE_URL = process.env.TEST_DATABASE_URL;
// The client tools are needed for the dump itself; the "pg_dump missing" path is tested either way.
const HAVE_PG_TOOLS =
	spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;

/** Console output of the code under test; readable after `restore()`. */
function capture() {
	const log = vi.spyOn(console, 'log').mockImplementation(() => {});
	const error = vi.spyOn(console, 'error').mockImplementation(() => {});
	let out = '';
	let err = '';
	return {
		out: () => out,
		err: () => err,
		restore() {
			out = log.mock.calls.flat().join('\n');
			err = error.mock.calls.flat().join('\n');
			log.mockRestore();
			error.mockRestore();
		}
	};
}

const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('libpqEnv', () => {
	it('moves the URL into libpq variables (no password on the command line)', () => {
		expect(libpqEnv('postgres://beirat:p%40ss@db.example:6543/beirat?sslmode=require')).toEqual({
			PGHOST: 'db.example',
			PGPORT: '6543',
			PGUSER: 'beirat',
			PGPASSWORD: 'p@ss',
			PGDATABASE: 'beirat',
			PGSSLMODE: 'require'
		});
		expect(libpqEnv('host=/run/postgresql dbname=beirat')).toBeNull();
	});
});

describe.skipIf(!BASE_URL)('npm run backup / restore with DATABASE_URL (PostgreSQL, files on disk)', () => {
	let root = '';
	let dataDir = '';
	let databaseUrl = '';
	const dbName = `beirat_backup_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
	const fileName = `board-files/${randomUUID()}/${randomUUID()}.pdf`;
	const fileBytes = new Uint8Array(Buffer.from('%PDF-1.4 Sicherung mit PostgreSQL'));

	beforeAll(async () => {
		const admin = postgres(BASE_URL!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${dbName}`);
		await admin.end();
		const url = new URL(BASE_URL!);
		url.pathname = `/${dbName}`;
		databaseUrl = url.toString();
		const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
		await sql.unsafe(`create table marker (note text); insert into marker values ('vor der Sicherung')`);
		await sql.end();

		root = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-pgbackup-'));
		dataDir = path.join(root, 'data');
		await fs.mkdir(path.join(dataDir, 'storage', path.dirname(fileName)), { recursive: true });
		await fs.writeFile(path.join(dataDir, 'storage', fileName), fileBytes);
		await fs.mkdir(path.join(dataDir, 'storage', '.tmp'), { recursive: true });
		await fs.writeFile(path.join(dataDir, 'storage', '.tmp', 'half-uploaded'), 'x');
		await fs.mkdir(path.join(dataDir, 'keys'));
		await fs.writeFile(path.join(dataDir, 'keys', 'auth-es256.jwk.json'), '{"kty":"EC"}');
		await fs.writeFile(path.join(dataDir, 'storage-signing.key'), 'ab'.repeat(32));
	});
	afterAll(async () => {
		await fs.rm(root, { recursive: true, force: true });
		const admin = postgres(BASE_URL!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${dbName} with (force)`);
		await admin.unsafe(`drop database if exists ${dbName}_copy with (force)`);
		await admin.end();
	});

	it.skipIf(!HAVE_PG_TOOLS)(
		'dumps the database with pg_dump, then the files and keys; restores the files and names pg_restore',
		async () => {
			const out = path.join(root, 'beirat.zip');
			const io = capture();
			try {
				expect(await backupMain({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PATH: process.env.PATH }, [out])).toBe(
					0
				);
			} finally {
				io.restore();
			}
			expect(io.err()).toBe('');
			const dump = await fs.readFile(path.join(root, 'beirat.pgdump'));
			expect(dump.subarray(0, 5).toString()).toBe('PGDMP');
			const { manifest, files } = await readBackup(new Uint8Array(await fs.readFile(out)));
			expect(manifest.database).toBe('postgresql');
			expect(manifest.pgDump).toEqual({ path: 'beirat.pgdump', size: dump.byteLength, sha256: hash(dump) });
			expect([...files.keys()].sort()).toEqual(
				['keys/auth-es256.jwk.json', `storage/${fileName}`, 'storage-signing.key'].sort()
			);

			const target = path.join(root, 'restored');
			const io2 = capture();
			try {
				expect(await restoreMain({ DATABASE_URL: databaseUrl, DATA_DIR: target }, [out])).toBe(0);
			} finally {
				io2.restore();
			}
			expect(io2.out()).toContain(
				`pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" ${path.join(root, 'beirat.pgdump')}`
			);
			expect(hash(await fs.readFile(path.join(target, 'storage', fileName)))).toBe(hash(fileBytes));

			// The printed pg_restore command brings the database back (here into a second scratch database).
			const copyUrl = new URL(databaseUrl);
			copyUrl.pathname = `/${dbName}_copy`;
			const admin = postgres(BASE_URL!, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database ${dbName}_copy`);
			await admin.end();
			const restoredDb = spawnSync(
				'pg_restore',
				['--no-owner', '--dbname', copyUrl.toString(), path.join(root, 'beirat.pgdump')],
				{
					encoding: 'utf8'
				}
			);
			expect(restoredDb.stderr).toBe('');
			expect(restoredDb.status).toBe(0);
			const copy = postgres(copyUrl.toString(), { max: 1, onnotice: () => {} });
			expect(await copy`select note from marker`).toEqual([{ note: 'vor der Sicherung' }]);
			await copy.end();
			expect(await fs.readFile(path.join(target, 'storage-signing.key'), 'utf8')).toBe('ab'.repeat(32));

			// The embedded restore refuses it, and this mode refuses an embedded archive's absence of files.
			const io3 = capture();
			try {
				expect(await restoreMain({ DATA_DIR: path.join(root, 'elsewhere') }, [out])).toBe(2);
			} finally {
				io3.restore();
			}
			expect(io3.err()).toMatch(/files-and-keys backup .*restore it with DATABASE_URL set/);
		}
	);

	it('without pg_dump: writes files and keys, exits 1 and names the exact command', async () => {
		const out = path.join(root, 'nodump.zip');
		const io = capture();
		try {
			expect(
				await backupMain({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PG_DUMP: path.join(root, 'no-pg_dump') }, [
					out
				])
			).toBe(1);
		} finally {
			io.restore();
		}
		expect(io.err()).toContain('The database is NOT in this backup');
		expect(io.err()).toContain(`pg_dump --format=custom --file=${path.join(root, 'nodump.pgdump')} "$DATABASE_URL"`);
		const { manifest } = await readBackup(new Uint8Array(await fs.readFile(out)));
		expect(manifest.pgDump).toBeUndefined();
		await expect(fs.access(path.join(root, 'nodump.pgdump'))).rejects.toThrow();
	});

	it.skipIf(!HAVE_PG_TOOLS)('pg_dump failing (wrong database) writes nothing', async () => {
		const out = path.join(root, 'broken.zip');
		const url = new URL(databaseUrl);
		url.pathname = '/no_such_database_here';
		const io = capture();
		try {
			expect(await backupMain({ DATABASE_URL: url.toString(), DATA_DIR: dataDir, PATH: process.env.PATH }, [out])).toBe(
				2
			);
		} finally {
			io.restore();
		}
		expect(io.err()).toMatch(/Backup failed: pg_dump failed: .*no_such_database_here/s);
		expect((await fs.readdir(root)).filter((name) => name.startsWith('broken'))).toEqual([]);
	});
});
