/** A connection inside one transaction; all repository functions take one. */
export interface Tx {
	/** One parameterised statement; returns its rows. */
	query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
	/** Several statements without parameters (migrations, fixtures). */
	exec(text: string): Promise<void>;
}

/** One parameterised statement. */
export interface Statement {
	text: string;
	params?: readonly unknown[];
}

/** The database port: PGlite (embedded) or Postgres (Supabase or any). */
export interface Database {
	readonly kind: 'pglite' | 'postgres';
	/** A transaction as the app's login role (`authenticator`): no table privileges until a role is set. */
	transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	/**
	 * Statements known in advance, in one transaction as the login role, sent together: one message to PGlite's
	 * thread; on PostgreSQL BEGIN and the statements in one round trip, COMMIT in a second. Returns each
	 * statement's rows. When one fails, the transaction rolls back and that statement's error is thrown (the first
	 * one's, when several fail).
	 */
	batch(statements: readonly Statement[]): Promise<unknown[][]>;
	/** A transaction as the database owner: migrations, the platform bootstrap, test set-up only. */
	ownerTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	/** The current snapshot (`pg_current_snapshot()` as text), in one statement outside any transaction; equal
	 * snapshots see the same rows (snapshot-cache.ts). */
	snapshot(): Promise<string>;
	close(): Promise<void>;
}
