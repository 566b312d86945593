import postgres from 'postgres';
import type { Database, Tx } from './types';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql): Tx {
	return {
		async query<T>(text: string, params: readonly unknown[] = []) {
			const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as T[];
		},
		async exec(text: string) {
			await sql.unsafe(text);
		}
	};
}

/**
 * Connects to Postgres (Supabase or any). Two pools: the owner's (migrations) and the app's, whose
 * sessions start as `authenticator` so a query outside the request wrapper has no privileges.
 * `prepare: false` keeps Supabase's transaction pooler working.
 */
export function openPostgres(url: string, { max = 10 }: { max?: number } = {}): Database {
	const common = { prepare: false, onnotice: () => {} } as const;
	const owner = postgres(url, { ...common, max: 2 });
	const app = postgres(url, { ...common, max, connection: { options: '-c role=authenticator' } });
	return {
		kind: 'postgres',
		transaction: (fn) => app.begin((tx) => fn(wrap(tx))) as Promise<never>,
		ownerTransaction: (fn) => owner.begin((tx) => fn(wrap(tx))) as Promise<never>,
		async close() {
			await Promise.all([app.end({ timeout: 5 }), owner.end({ timeout: 5 })]);
		}
	};
}
