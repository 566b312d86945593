// One loaded document: the Y.Doc, its sockets, awareness and the group-commit queue.
import * as Y from 'yjs';
import { CLOSE_ACCESS_CHANGED } from '../../collab/protocol';
import type { Database } from '../db/types';
import { awarenessStateBytes } from './awareness-owner';
import { commitBatch, type PendingWrite as QueuedWrite } from './group-commit';
import type { CollabLimits } from './limits';
import { encodeAwareness, updateMessage, awarenessMessage, type AwarenessEntry } from './messages';
import type { CollabMetrics } from './metrics';
import { observePersist } from './metrics';
import { loadState } from './persistence';

/** Who caused a change of the Y.Doc; decides whether it is persisted and where it is sent. */
export type UpdateOrigin =
	| { kind: 'client'; conn: DocumentPeer; userId: string; index: number }
	| { kind: 'server'; userId: string }
	/** From another node or the log; `completesParked`: it let Yjs integrate updates parked here. */
	| { kind: 'remote'; completesParked: boolean };

/** What a document needs from a socket (implemented by Connection). */
export interface DocumentPeer {
	readonly userId: string;
	send(message: Uint8Array): void;
	/** All of this peer's updates up to `index` are committed. */
	committed(index: number): void;
	close(code: number, reason?: string): void;
}

/** What a document needs from the server that holds it. */
export interface DocumentHost {
	db: Database;
	limits: CollabLimits;
	metrics: CollabMetrics;
	/**
	 * After a commit: fan-out to other nodes, 'persisted' listeners, compaction. `updates` are the stored log rows
	 * (merged only where another node needs them).
	 */
	committed(doc: CollabDocument, input: { updates: Uint8Array[]; seqs: number[]; userIds: string[] }): void;
	/** Local awareness changes, for other nodes. */
	awarenessChanged(doc: CollabDocument, entries: AwarenessEntry[]): void;
	/** The document may be dropped from memory (no sockets, nothing unsaved, grace over). */
	idle(doc: CollabDocument): void;
	/** The paper no longer exists: close its sockets and drop it. */
	gone(doc: CollabDocument): void;
}

type PendingWrite = QueuedWrite<DocumentPeer>;

interface AwarenessSlot {
	clock: number;
	state: Record<string, unknown>;
	/** The local socket that owns this client id; null for clients on other nodes. */
	peer: DocumentPeer | null;
	updatedAt: number;
	/** Size of the state as JSON (for the snapshot budget). */
	bytes: number;
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
	/** This event-loop turn's changes, not yet sent to the sockets (see flushBroadcast). */
	private outgoing: { update: Uint8Array; from: DocumentPeer | null }[] = [];

	constructor(
		readonly id: string,
		private readonly host: DocumentHost
	) {
		this.ydoc.on('update', (update: Uint8Array, origin: unknown) =>
			this.onUpdate(update, origin as UpdateOrigin | null)
		);
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
		this.broadcast(update, origin.kind === 'client' ? origin.conn : null);
		// Remote changes are stored already, unless they completed updates parked here: those are only
		// in this node's memory (the whole change is stored then; a duplicate of stored rows is harmless).
		if (origin.kind === 'remote' && !origin.completesParked) return;
		this.host.metrics.updates += 1;
		const peer = origin.kind === 'client' ? origin.conn : undefined;
		const userId = origin.kind === 'remote' ? null : origin.userId;
		this.pending.push({ update, userId, peer, index: origin.kind === 'client' ? origin.index : undefined });
		if (userId !== null) this.writersSinceIdle.add(userId);
		this.scheduleFlush(this.host.limits.commitDelayMs);
	}

	/** Applies an update; returns whether it changed the document (and was queued for commit). */
	apply(update: Uint8Array, origin: UpdateOrigin): boolean {
		const before = this.pending.length;
		Y.applyUpdate(this.ydoc, update, origin);
		return this.pending.length > before;
	}

	/** Applies a change from another node or from the log (stored already). */
	applyRemote(update: Uint8Array) {
		const { pendingStructs, pendingDs } = this.ydoc.store;
		Y.applyUpdate(this.ydoc, update, {
			kind: 'remote',
			completesParked: pendingStructs !== null || pendingDs !== null
		});
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
		const result = await commitBatch(this.host.db, this.id, batch);
		if (result.error !== null) this.host.metrics.persistErrors += 1;
		if (result.paperGone) {
			// The paper was deleted: its changes have nowhere to go, and retrying would never end.
			this.pending = [];
			this.host.gone(this);
			return;
		}
		if (result.stored.length > 0) {
			observePersist(this.host.metrics, (performance.now() - started) / 1000);
			this.maxSeq = Math.max(this.maxSeq, ...result.seqs);
			acknowledge(result.stored.flatMap((row) => row.writes));
			for (const userId of result.unattributed) this.writersSinceIdle.delete(userId);
			const userIds = [...new Set(result.stored.map((row) => row.userId).filter((id): id is string => id !== null))];
			this.host.committed(this, {
				updates: result.stored.map((row) => row.update),
				seqs: result.seqs,
				userIds
			});
		}
		// An author whose account is gone has no access any more: only their sockets close.
		for (const userId of result.unattributed) {
			for (const peer of [...this.peers])
				if (peer.userId === userId) peer.close(CLOSE_ACCESS_CHANGED, 'account removed');
		}
		if (result.retry.length > 0) {
			console.warn(`collab: commit of ${this.id} failed, retrying:`, String(result.error));
			this.pending = result.retry.concat(this.pending);
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

	/**
	 * Applies awareness entries (already stamped); entries for client ids owned by another socket are
	 * ignored, and so are states larger than the limit (the client's previous state stays).
	 */
	applyAwareness(entries: AwarenessEntry[], from: DocumentPeer | null): AwarenessEntry[] {
		const accepted: AwarenessEntry[] = [];
		for (const entry of entries) {
			const slot = this.awareness.get(entry.clientId);
			if (slot && slot.peer !== from) continue;
			if (slot && entry.clock < slot.clock) continue;
			const bytes = awarenessStateBytes(entry.state);
			if (entry.state !== null && bytes > this.host.limits.maxAwarenessStateBytes) continue;
			if (entry.state === null) this.awareness.delete(entry.clientId);
			else
				this.awareness.set(entry.clientId, {
					clock: entry.clock,
					state: entry.state,
					peer: from,
					updatedAt: Date.now(),
					bytes
				});
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

	/** Whether a client id's awareness belongs to another socket (or another node) than `peer`. */
	awarenessOwnedByOther(clientId: number, peer: DocumentPeer): boolean {
		const slot = this.awareness.get(clientId);
		return slot !== undefined && slot.peer !== peer;
	}

	/**
	 * Everyone's awareness for a new socket, within a byte budget: a snapshot near the send buffer
	 * would drop the new socket before it loads anything. States left out arrive with their renewal.
	 */
	awarenessSnapshot(): Uint8Array | null {
		const horizon = Date.now() - REMOTE_AWARENESS_TTL_MS;
		for (const [clientId, slot] of this.awareness)
			if (slot.peer === null && slot.updatedAt < horizon) this.awareness.delete(clientId);
		const entries: AwarenessEntry[] = [];
		let budget = this.host.limits.maxAwarenessSnapshotBytes;
		for (const [clientId, slot] of this.awareness) {
			if (slot.bytes > budget) continue;
			budget -= slot.bytes;
			entries.push({ clientId, clock: slot.clock, state: slot.state });
		}
		return entries.length === 0 ? null : awarenessMessage(encodeAwareness(entries));
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

	/**
	 * Sends a change to every socket but its author's. The changes of one event-loop turn go out together, merged
	 * into one message per socket (as Hocuspocus does): with many people typing, each socket gets one message per
	 * turn instead of one per keystroke of each of the others (bench/collab/README.md). Nothing waits for a timer:
	 * the turn's changes leave as soon as the turn's socket reads are done.
	 */
	private broadcast(update: Uint8Array, from: DocumentPeer | null) {
		this.outgoing.push({ update, from });
		if (this.outgoing.length === 1) setImmediate(() => this.flushBroadcast());
	}

	private flushBroadcast() {
		const batch = this.outgoing;
		this.outgoing = [];
		if (this.destroyed || batch.length === 0) return;
		if (batch.length === 1) {
			// One change this turn (the usual case while few people type): one message, to everyone but its author.
			const { update, from } = batch[0]!;
			const message = updateMessage(update);
			for (const peer of this.peers) if (peer !== from) peer.send(message);
		} else this.sendMerged(batch);
	}

	private sendMerged(batch: { update: Uint8Array; from: DocumentPeer | null }[]) {
		const merged = (updates: Uint8Array[]) =>
			updateMessage(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
		const everything = merged(batch.map((item) => item.update));
		const authors = new Set(batch.map((item) => item.from));
		for (const peer of this.peers) {
			if (!authors.has(peer)) {
				peer.send(everything);
				continue;
			}
			// An author gets the others' changes of this turn only (its own are in its document already).
			const others = batch.filter((item) => item.from !== peer).map((item) => item.update);
			if (others.length > 0) peer.send(merged(others));
		}
	}

	destroy() {
		this.destroyed = true;
		this.outgoing = [];
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.ydoc.destroy();
	}
}

function acknowledge(batch: PendingWrite[]) {
	const highest = new Map<DocumentPeer, number>();
	for (const item of batch)
		if (item.peer && item.index !== undefined)
			highest.set(item.peer, Math.max(highest.get(item.peer) ?? 0, item.index));
	for (const [peer, index] of highest) peer.committed(index);
}
