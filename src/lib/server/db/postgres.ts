import postgres from 'postgres';
import type { Database, Statement, Tx } from './types';
import { SNAPSHOT_SQL, snapshotIn } from './snapshot-cache';

type Sql = postgres.Sql | postgres.TransactionSql;

// postgres.js sends a statement without parameters as a simple query, planned anew every time; prepared, a
// parameterless one (the signed-in person, the unread count) is parsed once per connection.
const queryOptions = (prepare: boolean) =>
	({ prepare, ...(prepare && { simple: false }) }) as postgres.UnsafeQueryOptions;

const unsafe = (sql: Sql, text: string, params: readonly unknown[], prepare: boolean) =>
	sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], queryOptions(prepare));

function wrap(sql: Sql, prepare: boolean): Tx {
	return {
		async query<T>(text: string, params: readonly unknown[] = []) {
			return (await unsafe(sql, text, params, prepare)) as unknown as T[];
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
		batch: (statements) => batch(app, statements, prepare),
		async snapshot() {
			return snapshotIn(await wrap(app, prepare).query<{ snapshot: string }>(SNAPSHOT_SQL));
		},
		async close() {
			await Promise.all([app.end({ timeout: 5 }), owner.end({ timeout: 5 })]);
		}
	};
}

// postgres.js' errors for a connection that is gone; a socket's own error carries its `syscall`.
const CONNECTION_GONE = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/**
 * The statement failed because the session ended (the server's FATAL, a lost socket). postgres.js has put such a
 * connection aside already: writing to it again, or releasing it to the pool, would hand the dead connection on.
 */
function sessionLost(outcome: PromiseSettledResult<unknown>): boolean {
	if (outcome.status === 'fulfilled') return false;
	const error = outcome.reason as { code?: unknown; syscall?: unknown } | null;
	if (error instanceof postgres.PostgresError) return error.severity === 'FATAL' || error.severity === 'PANIC';
	return CONNECTION_GONE.has(String(error?.code)) || error?.syscall !== undefined;
}

/**
 * What postgres.js refuses to send, refused before anything is sent. Inside a pipeline its own refusal stalls the
 * connection: it waits for the answer to a statement it never wrote.
 */
function refuseUnsendable(statements: readonly Statement[]): void {
	for (const { params = [] } of statements) {
		if (params.length >= 65534) throw new Error('a statement has more than 65,533 parameters');
		if (params.includes(undefined)) throw new Error('a statement parameter is undefined');
	}
}

/**
 * BEGIN and the statements written to one reserved connection at once (postgres.js pipelines them), then COMMIT,
 * or ROLLBACK when one failed: two round trips. COMMIT waits for the answers because only they tell whether every
 * statement ran: one that postgres.js could not even send (a parameter it cannot encode) aborts nothing on the
 * server, and a COMMIT sent with the others would store the rest.
 */
async function batch(app: postgres.Sql, statements: readonly Statement[], prepare: boolean): Promise<unknown[][]> {
	refuseUnsendable(statements);
	const connection = await app.reserve();
	let lost = false;
	try {
		const queries = [
			connection.unsafe('begin'),
			...statements.map(({ text, params = [] }) => unsafe(connection, text, params, prepare))
		];
		for (const query of queries) query.execute();
		const outcomes = await Promise.allSettled(queries);
		const failed = outcomes.find((outcome) => outcome.status === 'rejected');
		// A lost session has no transaction left to end.
		lost = outcomes.some(sessionLost);
		const [ending] = lost ? [] : await Promise.allSettled([connection.unsafe(failed ? 'rollback' : 'commit')]);
		if (ending && sessionLost(ending)) lost = true;
		if (failed) throw failed.reason;
		if (ending?.status === 'rejected') throw ending.reason;
		return outcomes.slice(1).map((outcome) => (outcome as PromiseFulfilledResult<unknown[]>).value);
	} finally {
		if (!lost) connection.release();
	}
}
