// Limits of the collaboration server; pure and overridable (tests and benchmarks shrink them).
import { COLLAB_MAX_MESSAGE_BYTES } from '../../collab/protocol';

export interface CollabLimits {
	/** Largest incoming frame (ws maxPayload); larger closes that socket with 1009. */
	maxMessageBytes: number;
	/** Messages a socket may send while its document is still loading. */
	preloadMaxMessages: number;
	preloadMaxBytes: number;
	/** Outgoing bytes queued for one socket before it counts as too slow and is dropped. */
	maxBufferedBytes: number;
	/** Longest wait before a group commit (≤ 50 ms by design). */
	commitDelayMs: number;
	/** How long a document without sockets stays in memory. */
	idleGraceMs: number;
	/** Log rows of one document that make it due for compaction (run once the document is quiet). */
	compactAfterRows: number;
	/** Quiet time (no commit) a due document waits for before it is compacted. */
	compactQuietMs: number;
	/** Log rows that force a compaction even while people keep typing. */
	compactForceRows: number;
	/** Re-read the log of loaded documents this often when other nodes exist (heals missed messages). */
	resyncIntervalMs: number;
	/** How often 'activity' fires at most per document. */
	activityIntervalMs: number;
	/** Open sockets of one person on one paper (tabs, devices); more close with 4429. */
	maxSocketsPerUserPerPaper: number;
	/** Open sockets on one paper on this node, everyone together; more close with 4429. */
	maxSocketsPerPaper: number;
	/** Largest awareness state (JSON bytes) of one client; larger states are dropped. */
	maxAwarenessStateBytes: number;
	/** Budget of the awareness snapshot a new socket gets; states beyond it wait for their renewal. */
	maxAwarenessSnapshotBytes: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
	maxMessageBytes: COLLAB_MAX_MESSAGE_BYTES,
	preloadMaxMessages: 200,
	preloadMaxBytes: 4 * 1024 * 1024,
	maxBufferedBytes: 16 * 1024 * 1024,
	commitDelayMs: 20,
	idleGraceMs: 30_000,
	compactAfterRows: 500,
	compactQuietMs: 2_000,
	compactForceRows: 20_000,
	resyncIntervalMs: 10_000,
	activityIntervalMs: 60_000,
	maxSocketsPerUserPerPaper: 10,
	maxSocketsPerPaper: 200,
	maxAwarenessStateBytes: 8 * 1024,
	maxAwarenessSnapshotBytes: 1024 * 1024
};

export function resolveLimits(overrides: Partial<CollabLimits> = {}): CollabLimits {
	const limits = { ...DEFAULT_LIMITS, ...overrides };
	if (limits.commitDelayMs > 50) throw new Error('commitDelayMs must be at most 50');
	// A snapshot near the send buffer would drop every new socket before it loads anything.
	limits.maxAwarenessSnapshotBytes = Math.min(
		limits.maxAwarenessSnapshotBytes,
		Math.floor(limits.maxBufferedBytes / 4)
	);
	return limits;
}

/** Whether another message fits into the pre-load buffer. */
export function preloadAccepts(
	buffered: { count: number; bytes: number },
	size: number,
	limits: CollabLimits
): boolean {
	return buffered.count + 1 <= limits.preloadMaxMessages && buffered.bytes + size <= limits.preloadMaxBytes;
}

/** Whether a socket with `bufferedAmount` queued may get `size` more bytes. */
export function canSend(bufferedAmount: number, size: number, limits: CollabLimits): boolean {
	return bufferedAmount + size <= limits.maxBufferedBytes;
}

/** Whether one more socket fits: `ofUser` and `ofPaper` count the sockets already open. */
export function socketsAdmit(open: { ofUser: number; ofPaper: number }, limits: CollabLimits): boolean {
	return open.ofUser < limits.maxSocketsPerUserPerPaper && open.ofPaper < limits.maxSocketsPerPaper;
}
