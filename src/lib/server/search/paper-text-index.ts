// Keeps papers.search_text (and with it the search vector, which a trigger recomputes) equal to the text of each paper's
// collaboration document: debounced after commits, at once when a document unloads, and on start-up
// for papers changed while no indexer ran (a crash, an import by another node, papers from before search).
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import type { CollabHub } from '../collab/hub';
import { loadState } from '../collab/persistence';
import { documentSchema, stateToNode } from '../documents/paper-document';
import { hasSuggestions, rejectAll } from '$lib/suggestions/suggestions';
import { databaseNow, saveSearchText, staleSearchTexts } from './paper-text.repository';

/** Matches the column's check: beyond this a paper is searched by its beginning only. */
export const MAX_SEARCH_TEXT = 200_000;
/** At most one re-index per document this often while people type. */
export const INDEX_DEBOUNCE_MS = 3_000;

/**
 * Plain text of a Yjs document state: blocks on their own lines, no markup. Only accepted text: pending
 * suggested insertions are left out (text suggested for deletion is still the paper's text until accepted).
 */
export function plainTextOf(state: Uint8Array): string {
	const stored = stateToNode(state);
	const json = stored.toJSON();
	const node = hasSuggestions(json) ? documentSchema().nodeFromJSON(rejectAll(json)) : stored;
	return node.textBetween(0, node.content.size, '\n', ' ').trim().slice(0, MAX_SEARCH_TEXT);
}

/** Reads the paper's stored document (not the hub: that would load an idle document again) and saves its text. */
export async function indexPaperText(db: Database, paperId: string): Promise<void> {
	// The database's clock, like the log's created_at it is compared with (app clocks may drift).
	const readAt = await withSystem(db, 'search-index', (tx) => databaseNow(tx));
	const { update } = await loadState(db, paperId);
	const text = plainTextOf(update);
	await withSystem(db, 'search-index', (tx) => saveSearchText(tx, { paperId, text, readAt }));
}

/** Indexes every stale paper, in batches; returns how many were indexed. */
export async function backfillPaperTexts(db: Database, batch = 200): Promise<number> {
	// Each paper at most once per run: one that stays stale (edited meanwhile) must not loop forever.
	const done = new Set<string>();
	for (;;) {
		const ids = (await withSystem(db, 'search-index', (tx) => staleSearchTexts(tx, batch))).filter(
			(id) => !done.has(id)
		);
		for (const id of ids) {
			done.add(id);
			// One unreadable document must not keep the others from being indexed.
			await indexPaperText(db, id).catch((error: unknown) =>
				console.warn(`search: indexing paper ${id} failed:`, String(error))
			);
		}
		if (ids.length === 0) return done.size;
	}
}

export interface PaperTextIndexer {
	/** Indexes what is pending now (tests, shutdown). */
	flush(): Promise<void>;
	/** Stops listening and drops pending timers. */
	close(): void;
}

/** Listens to the hub: 'persisted' schedules a debounced re-index, 'idle' (the document unloaded) indexes at once. */
export function attachPaperTextIndexer(input: {
	db: Database;
	hub: Pick<CollabHub, 'on'>;
	debounceMs?: number;
}): PaperTextIndexer {
	const { db, hub } = input;
	const delay = input.debounceMs ?? INDEX_DEBOUNCE_MS;
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	// One run per paper at a time, in order: a slow older run never lands after a newer one.
	const running = new Map<string, Promise<void>>();

	const run = (paperId: string): Promise<void> => {
		clearTimeout(timers.get(paperId));
		timers.delete(paperId);
		const next = (running.get(paperId) ?? Promise.resolve())
			.then(() => indexPaperText(db, paperId))
			.catch((error: unknown) => console.warn(`search: indexing paper ${paperId} failed:`, String(error)));
		running.set(paperId, next);
		void next.finally(() => running.get(paperId) === next && running.delete(paperId));
		return next;
	};
	const schedule = (paperId: string) => {
		if (timers.has(paperId)) return;
		const timer = setTimeout(() => void run(paperId), delay);
		timer.unref?.();
		timers.set(paperId, timer);
	};

	const offPersisted = hub.on('persisted', (e) => schedule(e.paperId));
	const offIdle = hub.on('idle', (e) => {
		if (timers.has(e.paperId) || e.userIds.length > 0) void run(e.paperId);
	});
	return {
		async flush() {
			await Promise.all([...timers.keys()].map(run));
			await Promise.all([...running.values()]);
		},
		close() {
			offPersisted();
			offIdle();
			for (const timer of timers.values()) clearTimeout(timer);
			timers.clear();
		}
	};
}

/** Start-up: listen to the hub and fill in stale papers in the background. */
export function startSearchIndexer(input: { db: Database; hub: Pick<CollabHub, 'on'> }): PaperTextIndexer {
	const indexer = attachPaperTextIndexer(input);
	void backfillPaperTexts(input.db).catch((error: unknown) =>
		console.warn('search: backfill of paper texts failed:', String(error))
	);
	return indexer;
}
