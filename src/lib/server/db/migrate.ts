import bootstrapSql from '../../../../supabase/platform/bootstrap.sql?raw';
import type { Database, Tx } from './types';

// Bundled at build time, so the runner does not depend on the working directory.
const files = import.meta.glob('/supabase/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

/** Migrations in the Supabase CLI layout: `<version>_<name>.sql`, applied in version order. */
export function migrations(): Migration[] {
	return Object.entries(files)
		.map(([file, sql]) => {
			const base = file
				.split('/')
				.pop()!
				.replace(/\.sql$/, '');
			const [version, ...rest] = base.split('_');
			return { version: version!, name: rest.join('_'), sql };
		})
		.sort((a, b) => a.version.localeCompare(b.version));
}

// One constant advisory lock key: several nodes starting at once migrate one after the other.
const MIGRATION_LOCK = 7_271_830_001;

/** Supabase's image has GoTrue's own migration table; only elsewhere do we lay the platform down. */
async function isSupabase(tx: Tx): Promise<boolean> {
	const [row] = await tx.query<{ found: boolean }>(`select to_regclass('auth.schema_migrations') is not null as found`);
	return row?.found ?? false;
}

/** Applies the platform bootstrap (outside Supabase) and every pending migration. Idempotent. */
export async function migrate(db: Database): Promise<string[]> {
	const applied: string[] = [];
	await db.ownerTransaction(async (tx) => {
		await tx.query(`select pg_advisory_xact_lock($1)`, [MIGRATION_LOCK]);
		if (!(await isSupabase(tx))) await tx.exec(bootstrapSql);
		await tx.exec(`create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);`);
	});
	for (const migration of migrations()) {
		await db.ownerTransaction(async (tx) => {
			await tx.query(`select pg_advisory_xact_lock($1)`, [MIGRATION_LOCK]);
			const done = await tx.query(`select 1 from supabase_migrations.schema_migrations where version = $1`, [
				migration.version
			]);
			if (done.length > 0) return;
			await tx.exec(migration.sql);
			await tx.query(
				`insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)`,
				[migration.version, migration.name, [migration.sql]]
			);
			applied.push(migration.version);
		});
	}
	return applied;
}
