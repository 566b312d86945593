/**
 * Read results kept while the database is unchanged, keyed by PostgreSQL's snapshot.
 *
 * `pg_current_snapshot()` names which transactions' writes a statement sees (xmin, xmax and the ones still in
 * progress). Every transaction that writes takes a transaction id, and when it ends (commit or rollback) the
 * next snapshot differs; read-only transactions take none and change nothing. So two equal snapshots see exactly
 * the same rows: a result read right after a snapshot was taken is still the database's answer for as long as the
 * current snapshot equals it. The snapshot is the whole cluster's, so this holds for every app node on the same
 * PostgreSQL (and for PGlite, which is PostgreSQL in one process) without any message between nodes.
 *
 * What a snapshot does not cover: the clock (`now()` in a query, "upcoming" in the code) and the request's identity
 * and parameters. The identity and every parameter are part of the key (the caller's duty, checked in review:
 * keep the work behind a key a pure function of database, key and clock); the clock is bounded by `maxAgeMs`, so a
 * kept result is at most that old in time, never in data (bench/pages/README.md, "Snapshot cache").
 */

/** How long a result may be kept while the database is unchanged: time-bound conditions (a meeting that has begun,
 * a vote past its deadline) are at most this late. */
export const SNAPSHOT_CACHE_MAX_AGE_MS = 30_000;
/** Results kept per database; the least recently used goes first. */
export const SNAPSHOT_CACHE_MAX_ENTRIES = 1_000;

/** The statement that names the current snapshot; text, so that equal snapshots compare equal. */
export const SNAPSHOT_SQL = `select pg_current_snapshot()::text as snapshot`;

/** The snapshot out of SNAPSHOT_SQL's rows. */
export function snapshotIn(rows: readonly { snapshot: string }[]): string {
	const snapshot = rows[0]?.snapshot;
	if (typeof snapshot !== 'string') throw new Error('pg_current_snapshot() returned no row');
	return snapshot;
}

interface Entry {
	snapshot: string;
	keptAt: number;
	value: unknown;
}

export interface SnapshotCacheOptions {
	maxAgeMs?: number;
	maxEntries?: number;
	now?: () => number;
}

export interface SnapshotCache {
	/** The result kept for `key` if it was read at exactly `snapshot` and is young enough; a copy of it. */
	get<T>(key: string, snapshot: string): T | undefined;
	/** Keeps `value`, read right after `snapshot` was taken, for `key`. */
	set(key: string, snapshot: string, value: unknown): void;
	readonly size: number;
}

export function createSnapshotCache(options: SnapshotCacheOptions = {}): SnapshotCache {
	const maxAgeMs = options.maxAgeMs ?? SNAPSHOT_CACHE_MAX_AGE_MS;
	const maxEntries = options.maxEntries ?? SNAPSHOT_CACHE_MAX_ENTRIES;
	const now = options.now ?? Date.now;
	// A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
	const entries = new Map<string, Entry>();
	return {
		get<T>(key: string, snapshot: string) {
			const entry = entries.get(key);
			if (!entry) return undefined;
			if (entry.snapshot !== snapshot || now() - entry.keptAt > maxAgeMs) {
				entries.delete(key);
				return undefined;
			}
			entries.delete(key);
			entries.set(key, entry);
			// A copy: loads and components may add to what they are given, and the next request must not see it.
			return structuredClone(entry.value) as T;
		},
		set(key, snapshot, value) {
			entries.delete(key);
			entries.set(key, { snapshot, keptAt: now(), value: structuredClone(value) });
			while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
		},
		get size() {
			return entries.size;
		}
	};
}

// One cache per open database: a test's or a restore's new database never sees another one's results.
const caches = new WeakMap<object, SnapshotCache>();

/** The cache of one open database. */
export function snapshotCacheOf(db: object): SnapshotCache {
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = createSnapshotCache()));
	return cache;
}
