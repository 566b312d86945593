// One loaded document: the Y.Doc, its sockets, awareness and the group-commit queue.
import * as Y from 'yjs';
import type { Database } from '../db/types';
import type { CollabLimits } from './limits';
import { encodeAwareness, updateMessage, awarenessMessage, type AwarenessEntry } from './messages';
import type { CollabMetrics } from './metrics';
import { observePersist } from './metrics';
import { appendUpdates, loadState } from './persistence';

/** Who caused a change of the Y.Doc; decides whether it is persisted and where it is sent. */
export type UpdateOrigin =
	| { kind: 'client'; conn: DocumentPeer; userId: string; index: number }
	| { kind: 'server'; userId: string }
	| { kind: 'remote' };

/** What a document needs from a socket (implemented by Connection). */
export interface DocumentPeer {
	readonly userId: string;
	send(message: Uint8Array): void;
	/** All of this peer's updates up to `index` are committed. */
	committed(index: number): void;
}

/** What a document needs from the server that holds it. */
export interface DocumentHost {
	db: Database;
	limits: CollabLimits;
	metrics: CollabMetrics;
	/** After a commit: fan-out to other nodes, 'persisted' listeners, compaction. */
	committed(doc: CollabDocument, input: { update: Uint8Array; seqs: number[]; userIds: string[] }): void;
	/** Local awareness changes, for other nodes. */
	awarenessChanged(doc: CollabDocument, entries: AwarenessEntry[]): void;
	/** The document may be dropped from memory (no sockets, nothing unsaved, grace over). */
	idle(doc: CollabDocument): void;
	/** The paper no longer exists: close its sockets and drop it. */
	gone(doc: CollabDocument): void;
}

interface PendingWrite {
	update: Uint8Array;
	userId: string | null;
	peer?: DocumentPeer;
	index?: number;
}

interface AwarenessSlot {
	clock: number;
	state: Record<string, unknown>;
	/** The local socket that owns this client id; null for clients on other nodes. */
	peer: DocumentPeer | null;
	updatedAt: number;
}

/** Clients renew awareness every 15 s; a state from another node older than this is gone (like y-protocols' timeout). */
const REMOTE_AWARENESS_TTL_MS = 30_000;

const RETRY_MS = 500;

export class CollabDocument {
	readonly ydoc = new Y.Doc();
	readonly peers = new Set<DocumentPeer>();
	readonly awareness = new Map<number, AwarenessSlot>();
	readonly ready: Promise<void>;
	isLoaded = false;
	/** Highest log seq this node knows is applied. */
	maxSeq = 0;
	/** Log rows at or below this seq are certainly applied here (healing reads above it). */
	watermark = 0;
	writersSinceIdle = new Set<string>();
	lastActivity = 0;
	private pending: PendingWrite[] = [];
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	private flushing: Promise<void> | null = null;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;
	private destroyed = false;

	constructor(
		readonly id: string,
		private readonly host: DocumentHost
	) {
		this.ydoc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin as UpdateOrigin | null));
		this.ready = this.load();
	}

	private async load() {
		const state = await loadState(this.host.db, this.id);
		Y.applyUpdate(this.ydoc, state.update, null);
		this.maxSeq = state.maxSeq;
		this.watermark = state.throughSeq;
		this.isLoaded = true;
	}

	private onUpdate(update: Uint8Array, origin: UpdateOrigin | null) {
		if (origin === null) return;
		const except = origin.kind === 'client' ? origin.conn : null;
		const message = updateMessage(update);
		for (const peer of this.peers) if (peer !== except) peer.send(message);
		if (origin.kind === 'remote') return;
		this.host.metrics.updates += 1;
		const peer = origin.kind === 'client' ? origin.conn : undefined;
		this.pending.push({ update, userId: origin.userId, peer, index: origin.kind === 'client' ? origin.index : undefined });
		this.writersSinceIdle.add(origin.userId);
		this.scheduleFlush(this.host.limits.commitDelayMs);
	}

	/** Applies an update; returns whether it changed the document (and was queued for commit). */
	apply(update: Uint8Array, origin: UpdateOrigin): boolean {
		const before = this.pending.length;
		Y.applyUpdate(this.ydoc, update, origin);
		return this.pending.length > before;
	}

	hasUnsaved(): boolean {
		return this.pending.length > 0 || this.flushing !== null;
	}

	/** Resolves when everything queued so far is committed (or the document was dropped). */
	async settled(): Promise<void> {
		while (!this.destroyed && this.hasUnsaved()) {
			if (!this.flushing) this.flush();
			await this.flushing;
		}
	}

	private scheduleFlush(delay: number) {
		if (this.flushTimer || this.flushing || this.destroyed) return;
		this.flushTimer = setTimeout(() => {
			this.flushTimer = null;
			this.flush();
		}, delay);
	}

	private flush() {
		if (this.flushing || this.pending.length === 0) return;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		const batch = this.pending;
		this.pending = [];
		this.flushing = this.commit(batch).finally(() => {
			this.flushing = null;
			if (this.pending.length > 0) this.scheduleFlush(this.host.limits.commitDelayMs);
			else this.checkIdle();
		});
	}

	private async commit(batch: PendingWrite[]) {
		const started = performance.now();
		const rows = groupByUser(batch);
		try {
			const seqs = await appendUpdates(this.host.db, this.id, rows);
			observePersist(this.host.metrics, (performance.now() - started) / 1000);
			this.maxSeq = Math.max(this.maxSeq, ...seqs);
			acknowledge(batch);
			const userIds = [...new Set(rows.map((row) => row.userId).filter((id): id is string => id !== null))];
			this.host.committed(this, { update: Y.mergeUpdates(rows.map((row) => row.update)), seqs, userIds });
		} catch (error) {
			this.host.metrics.persistErrors += 1;
			if (paperGone(error)) {
				// The paper was deleted: its changes have nowhere to go, and retrying would never end.
				this.pending = [];
				this.host.gone(this);
				return;
			}
			console.warn(`collab: commit of ${this.id} failed, retrying:`, String(error));
			this.pending = batch.concat(this.pending);
			if (!this.destroyed) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
		}
	}

	addPeer(peer: DocumentPeer) {
		this.peers.add(peer);
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
	}

	removePeer(peer: DocumentPeer) {
		if (!this.peers.delete(peer)) return;
		const gone: AwarenessEntry[] = [];
		for (const [clientId, slot] of this.awareness) {
			if (slot.peer !== peer) continue;
			this.awareness.delete(clientId);
			gone.push({ clientId, clock: slot.clock + 1, state: null });
		}
		if (gone.length > 0) this.shareAwareness(gone, null);
		this.checkIdle();
	}

	/** Applies awareness entries (already stamped); entries for client ids owned by another socket are ignored. */
	applyAwareness(entries: AwarenessEntry[], from: DocumentPeer | null): AwarenessEntry[] {
		const accepted: AwarenessEntry[] = [];
		for (const entry of entries) {
			const slot = this.awareness.get(entry.clientId);
			if (slot && slot.peer !== from) continue;
			if (slot && entry.clock < slot.clock) continue;
			if (entry.state === null) this.awareness.delete(entry.clientId);
			else this.awareness.set(entry.clientId, { clock: entry.clock, state: entry.state, peer: from, updatedAt: Date.now() });
			accepted.push(entry);
		}
		if (accepted.length > 0) this.shareAwareness(accepted, from);
		return accepted;
	}

	private shareAwareness(entries: AwarenessEntry[], from: DocumentPeer | null) {
		const message = awarenessMessage(encodeAwareness(entries));
		for (const peer of this.peers) if (peer !== from) peer.send(message);
		if (from !== null || entries.some((entry) => entry.state === null)) this.host.awarenessChanged(this, entries);
	}

	awarenessSnapshot(): Uint8Array | null {
		const horizon = Date.now() - REMOTE_AWARENESS_TTL_MS;
		for (const [clientId, slot] of this.awareness) if (slot.peer === null && slot.updatedAt < horizon) this.awareness.delete(clientId);
		if (this.awareness.size === 0) return null;
		const entries = [...this.awareness].map(([clientId, slot]) => ({ clientId, clock: slot.clock, state: slot.state }));
		return awarenessMessage(encodeAwareness(entries));
	}

	private checkIdle() {
		if (this.peers.size > 0 || this.hasUnsaved() || this.idleTimer || this.destroyed) return;
		this.idleTimer = setTimeout(() => {
			this.idleTimer = null;
			if (this.peers.size === 0 && !this.hasUnsaved()) this.host.idle(this);
		}, this.host.limits.idleGraceMs);
		this.idleTimer.unref?.();
	}

	/** Keeps the document in memory for a while without sockets (getState, applyUpdate). */
	touch() {
		this.checkIdle();
	}

	destroy() {
		this.destroyed = true;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.ydoc.destroy();
	}
}

/** A foreign-key violation on the paper: it was deleted while open. */
function paperGone(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23503';
}

/** Consecutive writes of one person become one log row (fewer rows, same content). */
function groupByUser(batch: PendingWrite[]): { update: Uint8Array; userId: string | null }[] {
	const rows: { updates: Uint8Array[]; userId: string | null }[] = [];
	for (const item of batch) {
		const last = rows.at(-1);
		if (last && last.userId === item.userId) last.updates.push(item.update);
		else rows.push({ updates: [item.update], userId: item.userId });
	}
	return rows.map((row) => ({ userId: row.userId, update: row.updates.length === 1 ? row.updates[0]! : Y.mergeUpdates(row.updates) }));
}

function acknowledge(batch: PendingWrite[]) {
	const highest = new Map<DocumentPeer, number>();
	for (const item of batch) if (item.peer && item.index !== undefined) highest.set(item.peer, Math.max(highest.get(item.peer) ?? 0, item.index));
	for (const [peer, index] of highest) peer.committed(index);
}
