import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/types';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('migrations on $name', (target) => {
	let db: Database;
	beforeAll(async () => {
		db = await target.open();
	});
	afterAll(async () => {
		await db.close();
	});

	it('records every migration and is idempotent', async () => {
		expect(await migrate(db)).toEqual([]);
		const rows = await db.ownerTransaction((tx) =>
			tx.query<{ version: string }>(`select version from supabase_migrations.schema_migrations order by version`)
		);
		expect(rows.map((r) => r.version)).toEqual(migrations().map((m) => m.version));
	});

	it('enables RLS on every table in public', async () => {
		const rows = await db.ownerTransaction((tx) =>
			tx.query<{ relname: string }>(
				`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				 where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`
			)
		);
		expect(rows).toEqual([]);
	});

	it('fails closed outside the request wrapper', async () => {
		await expect(db.transaction((tx) => tx.query(`select * from public.boards`))).rejects.toThrow(/permission denied/);
	});
});
