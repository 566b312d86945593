import postgres from 'postgres';
import { openPgliteFromDump } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';
import type { Database } from '$lib/server/db/types';
import { createFromPostgresTemplate, pgliteTemplateDump } from './templates';

export interface TestDatabase {
	name: 'pglite' | 'postgres';
	open(): Promise<Database>;
}

let counter = 0;

/**
 * A fresh, migrated Postgres database for one test file (dropped when the returned db closes): a copy
 * of the template that the migrations ran on once (tests/support/templates.ts).
 */
async function freshPostgres(baseUrl: string): Promise<Database> {
	const name = `beirat_test_${process.pid}_${Date.now()}_${counter++}`;
	await createFromPostgresTemplate(baseUrl, name);
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	const db = openPostgres(url.toString(), { max: 4 });
	return {
		...db,
		async close() {
			await db.close();
			const cleanup = postgres(baseUrl, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL is set. The same tests run on each. */
export function testDatabases(): TestDatabase[] {
	const list: TestDatabase[] = [
		{
			name: 'pglite',
			// An in-memory copy of the migrated template's data directory, in its worker thread as in the app.
			open: async () => openPgliteFromDump(await pgliteTemplateDump())
		}
	];
	const url = process.env.TEST_DATABASE_URL;
	if (url) list.push({ name: 'postgres', open: () => freshPostgres(url) });
	return list;
}
