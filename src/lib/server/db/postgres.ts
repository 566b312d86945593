import postgres from 'postgres';
import type { Database, Tx } from './types';
import { SNAPSHOT_SQL, snapshotIn } from './snapshot-cache';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql, prepare: boolean): Tx {
	return {
		async query<T>(text: string, params: readonly unknown[] = []) {
			// postgres.js sends a statement without parameters as a simple query, planned anew every time;
			// prepared, a parameterless one (the signed-in person, the unread count) is parsed once per connection.
			const options = { prepare, ...(prepare && { simple: false }) } as postgres.UnsafeQueryOptions;
			const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], options);
			return rows as unknown as T[];
		},
		async exec(text: string) {
			await sql.unsafe(text);
		}
	};
}

/** Supabase's transaction-mode pooler listens on 6543; it cannot keep a session's prepared statements. */
const TRANSACTION_POOLER_PORT = '6543';

/** Prepared statements unless told otherwise or the URL points at a transaction-mode pooler. */
export function usePreparedStatements(url: string, prepare?: boolean): boolean {
	return prepare ?? new URL(url).port !== TRANSACTION_POOLER_PORT;
}

/**
 * Connects to Postgres (Supabase or any). Two pools: the owner's (migrations) and the app's, whose
 * sessions start as `authenticator` so a query outside the request wrapper has no privileges.
 * Parameterised statements are named prepared statements by default: without them postgres.js asks for
 * the parameter types before every execution (an extra round trip per statement, measured in
 * bench/pages). `prepare: false` (DATABASE_PREPARE=0, or a URL on port 6543) keeps a transaction-mode
 * pooler working.
 */
export function openPostgres(url: string, options: { max?: number; prepare?: boolean } = {}): Database {
	const prepare = usePreparedStatements(url, options.prepare);
	const common = { prepare, onnotice: () => {} } as const;
	const owner = postgres(url, { ...common, max: 2 });
	const app = postgres(url, { ...common, max: options.max ?? 10, connection: { options: '-c role=authenticator' } });
	return {
		kind: 'postgres',
		transaction: (fn) => app.begin((tx) => fn(wrap(tx, prepare))) as Promise<never>,
		ownerTransaction: (fn) => owner.begin((tx) => fn(wrap(tx, prepare))) as Promise<never>,
		async snapshot() {
			return snapshotIn(await wrap(app, prepare).query<{ snapshot: string }>(SNAPSHOT_SQL));
		},
		async close() {
			await Promise.all([app.end({ timeout: 5 }), owner.end({ timeout: 5 })]);
		}
	};
}
