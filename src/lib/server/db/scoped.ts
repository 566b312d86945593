import { rethrowAsRefusal } from './db-errors';
import type { Database, Statement, Tx } from './types';
import { timeTransaction } from '../observability/metrics';
import { SNAPSHOT_SQL, snapshotCacheOf, snapshotIn } from './snapshot-cache';

/** JWT claims as Supabase shapes them; the only identity RLS ever sees. */
export interface Claims {
	sub: string;
	email: string;
	role: 'authenticated';
	aud: string;
	session_id: string;
	exp: number;
	iat?: number;
	[key: string]: unknown;
}

/** Roles a request may take; anything else is refused before it reaches SQL. */
const REQUEST_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/**
 * Named system tasks that may run as service_role (bypassing RLS). Keeping the list closed makes
 * every privileged code path greppable.
 */
export type SystemTask =
	| 'migrations'
	| 'demo-seed'
	| 'local-auth'
	| 'accept-invitation'
	| 'mail'
	| 'throttle'
	| 'dev-outbox'
	| 'test-setup'
	| 'calendar-feed'
	| 'meeting-reminders'
	/** Reminds people asked in a date poll who have not answered (polls). */
	| 'poll-reminders'
	/** Mails the collected agenda changes of a meeting once they have settled (agenda). */
	| 'agenda-change-batches'
	| 'collab'
	| 'paper-versions'
	| 'decision-verify'
	| 'task-reminders'
	| 'votes'
	| 'notifications'
	/** Copies papers' document text into papers.search_text (search). */
	| 'search-index'
	| 'personal-data-export'
	/** Deletes outbox mails past their retention period (personal data). */
	| 'personal-data-retention'
	/** Consultation rounds (#15): the suggestion ledger, reminders, access ending at the deadline. */
	| 'paper-rounds';

/** The statement a transaction starts with: it takes `role` with `claims` until the transaction ends. */
function roleStatement(role: string, claims: Record<string, unknown>, sub: string): Statement {
	if (!REQUEST_ROLES.has(role)) throw new Error(`refused database role ${role}`);
	return {
		text: `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.claim.sub', $3, true)`,
		params: [role, JSON.stringify(claims), sub]
	};
}

/**
 * Runs `fn` in one transaction that first takes `role` with `claims`. The role statement is sent without waiting
 * for its answer: the connection runs a transaction's statements in the order they were sent, so `fn`'s first
 * statement follows it in the same round trip (on PostgreSQL; PGlite runs them one after the other anyway).
 * Were the role statement to fail, the transaction is aborted and every later statement fails with it; and a
 * statement that ran without it would run as the login role, which has no privileges.
 */
function withRole<T>(
	db: Database,
	role: string,
	claims: Record<string, unknown>,
	sub: string,
	fn: (tx: Tx) => Promise<T>
): Promise<T> {
	// Database time for /metrics, by who asked: the request's role or the system task.
	const scope = role === 'service_role' ? String(claims.task ?? role) : role;
	return timeTransaction(scope, () =>
		db.transaction(async (tx) => {
			const { text, params } = roleStatement(role, claims, sub);
			const [, result] = await Promise.all([tx.query(text, params), fn(tx)]);
			return result;
		})
	);
}

/** Runs `fn` in one transaction as `authenticated` with the user's claims: everything under RLS. */
export function withUser<T>(db: Database, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return withRole(db, 'authenticated', claims, claims.sub, fn);
}

/** Runs `fn` as `anon` (a signed-out visitor). */
export function withAnon<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return withRole(db, 'anon', { role: 'anon' }, '', fn);
}

/** Runs `fn` as `service_role` for a named system task. */
export function withSystem<T>(db: Database, task: SystemTask, fn: (tx: Tx) => Promise<T>): Promise<T> {
	return withRole(db, 'service_role', { role: 'service_role', task }, '', fn);
}

/**
 * One statement as `service_role` for a named system task, in a transaction of its own that goes to the database
 * whole (`Database.batch`): one message to PGlite's thread instead of four, two round trips to PostgreSQL instead of
 * three. For the collaboration server's group commit, which runs many times a second while people type; every
 * wakeup of the database takes a core from the relay.
 */
export async function systemStatement<T>(db: Database, task: SystemTask, statement: Statement): Promise<T[]> {
	const role = roleStatement('service_role', { role: 'service_role', task }, '');
	const [, rows] = await timeTransaction(task, () => db.batch([role, statement]));
	return rows as T[];
}

/** A request's database handle: each call is one transaction under the request's identity. */
export interface ScopedDb {
	run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	/**
	 * Like `run`, for work that only reads and whose result depends on nothing but the database, the identity, the
	 * clock and `key`: `key` must name every other input (board, locale, filters). The result is kept while the
	 * database is unchanged (snapshot-cache.ts); without a request snapshot it is simply `run`.
	 */
	read<T>(key: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * The request wrapper's database handle. A value from the request that Postgres refuses (no uuid, a day
 * that does not exist, a NUL byte, an unknown id) becomes a ServiceError here, once for every route
 * (db-errors.ts). System tasks (withSystem) keep the raw error: their callers decide what it means.
 *
 * `snapshot` is the snapshot taken right before the request's own inputs were read (the signed-in person and
 * their boards, hooks.server.ts): only results read at exactly that snapshot are kept, so a kept result never
 * pairs one state of the database with inputs from another.
 */
export function scopedDb(db: Database, claims: Claims | null, snapshot?: string): ScopedDb {
	const runAs = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
		(claims ? withUser(db, claims, fn) : withAnon(db, fn)).catch(rethrowAsRefusal);
	// Until the request's first own transaction the database is as it was at `snapshot` for this request; after
	// it (an action's write, a load's), the current snapshot is asked again, so the request sees what it wrote.
	let unchangedSince = snapshot;
	const identity = claims ? JSON.stringify(claims) : 'anon';
	return {
		run(fn) {
			unchangedSince = undefined;
			return runAs(fn);
		},
		async read(key, fn) {
			if (snapshot === undefined) return runAs(fn);
			const cache = snapshotCacheOf(db);
			const cacheKey = `${identity}\n${key}`;
			const current = unchangedSince ?? (await db.snapshot());
			const kept = cache.get<Awaited<ReturnType<typeof fn>>>(cacheKey, current);
			if (kept !== undefined) return kept;
			const { readAt, value } = await runAs(async (tx) => {
				// The snapshot first: every row `fn` reads is at least this new.
				const [rows, value] = await Promise.all([tx.query<{ snapshot: string }>(SNAPSHOT_SQL), fn(tx)]);
				return { readAt: snapshotIn(rows), value };
			});
			if (readAt === snapshot) cache.set(cacheKey, readAt, value);
			return value;
		}
	};
}
