// Migrated template databases for the integration tests: the migrations run once, each test file gets
// a copy. Both templates are named by a hash of what the migrations produce, so a changed migration,
// bootstrap or runner makes a new template and the old ones are removed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import bootstrapSql from '../../supabase/platform/bootstrap.sql?raw';
import runnerSource from '../../src/lib/server/db/migrate.ts?raw';
import { migrate, migrations } from '$lib/server/db/migrate';
import { pgliteDatabase } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';

/** Hash of the bootstrap, the runner and every migration (name and content), in order. */
export function migrationsHash(): string {
	const hash = createHash('sha256');
	for (const part of [bootstrapSql, runnerSource]) hash.update(part).update('\0');
	for (const migration of migrations()) hash.update(`${migration.version}_${migration.name}\0${migration.sql}\0`);
	return hash.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: `CREATE DATABASE … TEMPLATE`.

const TEMPLATE_PREFIX = 'beirat_template_';
// Session advisory lock (distinct from the migration lock): building, dropping and copying
// templates happen one at a time across all test processes on the server.
const TEMPLATE_LOCK = 7_271_830_002;

export function postgresTemplateName(): string {
	return `${TEMPLATE_PREFIX}${migrationsHash()}`;
}

function databaseUrl(baseUrl: string, name: string): string {
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/** Builds the template for the current migrations unless it exists; drops templates of other migrations. */
async function ensurePostgresTemplate(admin: postgres.Sql, baseUrl: string): Promise<string> {
	const name = postgresTemplateName();
	const [found] = await admin`select 1 from pg_database where datname = ${name}`;
	if (found) return name;
	// Templates of other migrations and half-built ones (a run that was killed while building).
	const stale = await admin<
		{ datname: string }[]
	>`select datname from pg_database where starts_with(datname, ${TEMPLATE_PREFIX})`;
	for (const { datname } of stale) {
		await admin.unsafe(`alter database ${datname} is_template false`);
		await admin.unsafe(`drop database if exists ${datname} with (force)`);
	}
	// Built under another name and renamed when complete: nobody copies a half-migrated template.
	const building = `${name}_build`;
	await admin.unsafe(`create database ${building}`);
	const db = openPostgres(databaseUrl(baseUrl, building), { max: 1 });
	try {
		await migrate(db);
	} finally {
		await db.close();
	}
	await admin.unsafe(`alter database ${building} rename to ${name}`);
	// No connections: `CREATE DATABASE … TEMPLATE` refuses a template someone is connected to.
	await admin.unsafe(`alter database ${name} with is_template true allow_connections false`);
	return name;
}

/** Creates database `name` as a copy of the migrated template (built first when missing). */
export async function createFromPostgresTemplate(baseUrl: string, name: string): Promise<void> {
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	try {
		await admin`select pg_advisory_lock(${TEMPLATE_LOCK})`;
		try {
			const template = await ensurePostgresTemplate(admin, baseUrl);
			await admin.unsafe(`create database ${name} template ${template}`);
		} finally {
			await admin`select pg_advisory_unlock(${TEMPLATE_LOCK})`;
		}
	} finally {
		await admin.end();
	}
}

// ---------------------------------------------------------------------------------------------
// PGlite: a data directory dump, loaded into each file's in-memory instance (`loadDataDir`).

const PGLITE_DIR = path.join(os.tmpdir(), 'beirat-test-templates');

function pgliteVersion(): string {
	const require = createRequire(import.meta.url);
	const entry = require.resolve('@electric-sql/pglite');
	let dir = path.dirname(entry);
	while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
	return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export function pgliteTemplateFile(): string {
	// The data directory's format belongs to PGlite's build: a new PGlite makes a new template too.
	return path.join(PGLITE_DIR, `pglite-${pgliteVersion()}-${migrationsHash()}.tar`);
}

/** Migrates a new PGlite and stores its data directory as the template; returns the migrated instance. */
async function buildPgliteTemplate(file: string): Promise<PGlite> {
	const pg = await PGlite.create();
	try {
		await migrate(pgliteDatabase(pg));
		await pg.exec('checkpoint');
		const dump = new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer());
		fs.mkdirSync(PGLITE_DIR, { recursive: true });
		for (const other of fs.readdirSync(PGLITE_DIR).map((entry) => path.join(PGLITE_DIR, entry))) {
			// Other templates, and files left half-written by a killed run (a running one needs seconds).
			const stale = other.endsWith('.tar')
				? other !== file
				: Date.now() - (fs.statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 10 * 60_000;
			if (stale) fs.rmSync(other, { force: true });
		}
		// Written aside and renamed: a parallel run never reads a half-written file.
		const partial = `${file}.${process.pid}.partial`;
		fs.writeFileSync(partial, dump);
		fs.renameSync(partial, file);
		return pg;
	} catch (error) {
		await pg.close();
		throw error;
	}
}

/**
 * The migrated template's data directory (a tarball for `loadDataDir`). The first file of a run with new
 * migrations builds it (migrating a PGlite in this thread).
 */
export async function pgliteTemplateDump(): Promise<Uint8Array> {
	const file = pgliteTemplateFile();
	try {
		return new Uint8Array(fs.readFileSync(file));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		await (await buildPgliteTemplate(file)).close();
		return new Uint8Array(fs.readFileSync(file));
	}
}

/** A new in-memory PGlite (in this thread) holding the migrated template. */
export async function pgliteFromTemplate(): Promise<PGlite> {
	const dump = await pgliteTemplateDump();
	return PGlite.create({ loadDataDir: new Blob([dump as Uint8Array<ArrayBuffer>]) });
}
