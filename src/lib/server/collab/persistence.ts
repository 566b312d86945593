// Postgres persistence of documents: load, group commit, compaction. Every call is one short
// system transaction ('collab'): PGlite has a single connection shared with all requests.
import * as Y from 'yjs';
import { systemStatement, withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import * as repo from './collab.repository';
import type { CollabLimits } from './limits';

export interface LoadedState {
	/** Everything stored, merged into one update. */
	update: Uint8Array;
	/** Highest log seq seen (0 when none). */
	maxSeq: number;
	/** The snapshot's seq (rows at or below it were compacted away). */
	throughSeq: number;
}

function merge(stored: repo.StoredDocument): Uint8Array[] {
	return [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((row) => row.update)];
}

function maxSeqOf(stored: repo.StoredDocument): number {
	return stored.updates.reduce((max, row) => Math.max(max, row.seq), stored.throughSeq);
}

/** Load = snapshot + all remaining log rows. */
export async function loadState(db: Database, docId: string): Promise<LoadedState> {
	const stored = await withSystem(db, 'collab', (tx) => repo.loadDocument(tx, docId));
	const parts = merge(stored);
	return {
		update: parts.length === 0 ? new Uint8Array([0, 0]) : Y.mergeUpdates(parts),
		maxSeq: maxSeqOf(stored),
		throughSeq: stored.throughSeq
	};
}

/** What changed since `afterSeq` (possibly nothing): for healing gaps between nodes. */
export async function loadSince(
	db: Database,
	docId: string,
	afterSeq: number
): Promise<{ updates: Uint8Array[]; maxSeq: number }> {
	const stored = await withSystem(db, 'collab', (tx) => repo.loadSince(tx, { docId, afterSeq }));
	return { updates: merge(stored), maxSeq: maxSeqOf(stored) };
}

/** A group commit: one statement in a transaction of its own, sent as one batch. The new seqs. */
export async function appendUpdates(db: Database, docId: string, updates: repo.NewUpdate[]): Promise<number[]> {
	const statement = repo.appendUpdatesStatement({ docId, updates });
	return repo.seqsOf(await systemStatement<{ seq: string | number }>(db, 'collab', statement));
}

/**
 * Folds the log into the snapshot. The advisory lock serialises compactions of one document across
 * nodes; the rows deleted are exactly those read here, so rows committed meanwhile stay.
 * Returns how many rows were folded.
 */
export async function compact(db: Database, docId: string, minRows = 1): Promise<number> {
	return withSystem(db, 'collab', async (tx) => {
		await repo.lockDocument(tx, docId);
		const stored = await repo.loadDocument(tx, docId);
		if (stored.updates.length < minRows) return 0;
		// Merged on the binary level: cheaper than integrating every update into a Y.Doc.
		const state = Y.mergeUpdates(merge(stored));
		await repo.saveSnapshot(tx, {
			docId,
			state,
			stateVector: Y.encodeStateVectorFromUpdate(state),
			throughSeq: maxSeqOf(stored)
		});
		return repo.deleteUpdates(tx, { docId, seqs: stored.updates.map((row) => row.seq) });
	});
}

/**
 * When to compact. Compaction folds the whole log into the snapshot, which costs CPU on this event
 * loop: it waits for a quiet moment in the document (no commit for compactQuietMs) so typing is never
 * stalled, unless the log grows past compactForceRows.
 */
export function createCompactionSchedule(
	db: Database,
	limits: Pick<CollabLimits, 'compactAfterRows' | 'compactQuietMs' | 'compactForceRows'>
) {
	const rowsSinceCompaction = new Map<string, number>();
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	function compactNow(docId: string) {
		clearTimeout(timers.get(docId));
		timers.delete(docId);
		rowsSinceCompaction.set(docId, 0);
		compact(db, docId).catch((error: unknown) => console.warn(`collab: compaction of ${docId} failed:`, String(error)));
	}
	return {
		/** A group commit wrote `added` log rows to the document. */
		committed(docId: string, added: number) {
			const rows = (rowsSinceCompaction.get(docId) ?? 0) + added;
			rowsSinceCompaction.set(docId, rows);
			if (rows >= limits.compactForceRows) return compactNow(docId);
			if (rows < limits.compactAfterRows) return;
			clearTimeout(timers.get(docId));
			const timer = setTimeout(() => compactNow(docId), limits.compactQuietMs);
			timer.unref();
			timers.set(docId, timer);
		},
		/** Drops the waiting compactions (the server closes; the log stays for the next start). */
		stop() {
			for (const timer of timers.values()) clearTimeout(timer);
			timers.clear();
		}
	};
}

/** Whether the paper still exists (a failed commit may mean it was deleted while open). */
export async function paperExists(db: Database, docId: string): Promise<boolean> {
	return (await withSystem(db, 'collab', (tx) => repo.paperBoard(tx, docId))) !== null;
}

export async function loadSecret(db: Database): Promise<Uint8Array> {
	return withSystem(db, 'collab', (tx) => repo.loadOrCreateSecret(tx));
}
