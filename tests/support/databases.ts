import postgres from 'postgres';
import { openPglite } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';
import { migrate } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/types';

export interface TestDatabase {
	name: 'pglite' | 'postgres';
	open(): Promise<Database>;
}

let counter = 0;

/** A fresh, migrated Postgres database for one test file (dropped when the returned db closes). */
async function freshPostgres(baseUrl: string): Promise<Database> {
	const name = `beirat_test_${process.pid}_${Date.now()}_${counter++}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	const db = openPostgres(url.toString(), { max: 4 });
	await migrate(db);
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
			async open() {
				const db = await openPglite('memory://');
				await migrate(db);
				return db;
			}
		}
	];
	const url = process.env.TEST_DATABASE_URL;
	if (url) list.push({ name: 'postgres', open: () => freshPostgres(url) });
	return list;
}
