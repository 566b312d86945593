// One socket: limits, read-only enforcement, awareness identity, "saved" acknowledgements.
import type { WebSocket, RawData } from 'ws';
import { CLOSE_EDIT_REFUSED, CLOSE_MALFORMED, encodeSaved } from '../../collab/protocol';
import { ownAwareness } from './awareness-owner';
import type { CollabDocument, DocumentPeer } from './document';
import { canSend, preloadAccepts, type CollabLimits } from './limits';
import {
	CollabProtocolError,
	parseMessage,
	stampIdentity,
	syncStep1Message,
	syncStep2Message,
	type AwarenessEntry
} from './messages';
import type { CollabMetrics } from './metrics';
import { isOwnSuggestionUpdate } from './suggestion-guard';
import type { TicketClaims } from './ticket';
import { isIntegrated, mergeNeeds, wouldChange, type UpdateNeeds } from './update-needs';

/** Close code when the pre-load buffer overflows: transient, the client may retry. */
export const CLOSE_TRY_AGAIN = 1013;
/** Close code for an internal failure of this socket. */
export const CLOSE_INTERNAL = 1011;

export interface ConnectionDeps {
	limits: CollabLimits;
	metrics: CollabMetrics;
	onClose(conn: Connection): void;
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class Connection implements DocumentPeer {
	/** Update messages received from this socket (edit access only). */
	private received = 0;
	/** Index of the last update that is queued and not yet committed. */
	private lastQueued = 0;
	private savedSent = 0;
	private preload: Uint8Array[] | null = [];
	private preloadBytes = 0;
	/** The one awareness client id this socket speaks for (the first it announced). */
	private awarenessClientId: number | null = null;
	/**
	 * Updates Yjs parked for a missing dependency, from message `from` on: "saved" stops below it
	 * until the document has integrated all of them (the client was asked to send what is missing).
	 */
	private parked: { from: number; needs: UpdateNeeds } | null = null;
	closed = false;

	constructor(
		readonly ws: WebSocket,
		readonly claims: TicketClaims,
		readonly doc: CollabDocument,
		private readonly deps: ConnectionDeps
	) {
		ws.on('message', (data, isBinary) => this.onRaw(data, isBinary));
		ws.on('close', () => this.cleanup());
		ws.on('error', (error: Error & { code?: string }) => {
			if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') deps.metrics.closedTooBig += 1;
			this.cleanup();
		});
		doc.ready.then(
			() => this.start(),
			() => this.close(CLOSE_INTERNAL, 'load failed')
		);
	}

	get userId() {
		return this.claims.sub;
	}

	get canEdit() {
		return this.claims.access === 'edit';
	}

	/**
	 * Commenters may write suggestions of their own and nothing else (checked on a copy of the document);
	 * an update that brings nothing new passes as it does for editors.
	 */
	private mayWrite(update: Uint8Array): boolean {
		if (this.canEdit) return true;
		if (this.claims.access !== 'comment') return false;
		return !wouldChange(this.doc.ydoc, update) || isOwnSuggestionUpdate(this.doc.ydoc, update, this.userId);
	}

	private start() {
		if (this.closed) return;
		this.doc.addPeer(this);
		this.send(syncStep1Message(this.doc.ydoc));
		const awareness = this.doc.awarenessSnapshot();
		if (awareness) this.send(awareness);
		const queued = this.preload ?? [];
		this.preload = null;
		for (const message of queued) if (!this.closed) this.handle(message);
	}

	private onRaw(data: RawData, isBinary: boolean) {
		if (this.closed) return;
		const bytes = toBytes(data);
		if (!isBinary) return this.malformed('text frame');
		if (this.preload) {
			if (!preloadAccepts({ count: this.preload.length, bytes: this.preloadBytes }, bytes.length, this.deps.limits)) {
				return this.close(CLOSE_TRY_AGAIN, 'too many messages while loading');
			}
			this.preload.push(bytes);
			this.preloadBytes += bytes.length;
			return;
		}
		this.handle(bytes);
	}

	private handle(bytes: Uint8Array) {
		try {
			const message = parseMessage(bytes);
			if (message.kind === 'sync-step1') this.send(syncStep2Message(this.doc.ydoc, message.stateVector));
			else if (message.kind === 'update') this.onUpdate(message.update, message.needs);
			else if (message.kind === 'awareness') this.onAwareness(message.entries);
			else {
				const awareness = this.doc.awarenessSnapshot();
				if (awareness) this.send(awareness);
			}
		} catch (error) {
			this.malformed(error instanceof CollabProtocolError ? error.message : String(error));
		}
	}

	private onAwareness(entries: AwarenessEntry[]) {
		const own = ownAwareness(entries, this.awarenessClientId, (clientId) =>
			this.doc.awarenessOwnedByOther(clientId, this)
		);
		this.awarenessClientId = own.clientId;
		if (own.entries.length === 0) return;
		const { sub: id, name, color } = this.claims;
		this.doc.applyAwareness(stampIdentity(own.entries, { id, name, color }), this);
	}

	private onUpdate(update: Uint8Array, needs: UpdateNeeds) {
		// Viewers, and commenters beyond their own suggestions: never applied, never broadcast, never persisted.
		// An edit that would change the text (typed before access was narrowed, e.g. minutes approved meanwhile)
		// is refused out loud: the client stops and offers its unsaved text instead of believing it was kept.
		if (!this.mayWrite(update)) {
			this.deps.metrics.droppedUpdates += 1;
			if (wouldChange(this.doc.ydoc, update)) this.close(CLOSE_EDIT_REFUSED, 'read-only');
			return;
		}
		this.received += 1;
		const index = this.received;
		const queued = this.doc.apply(update, { kind: 'client', conn: this, userId: this.userId, index });
		if (queued) this.lastQueued = index;
		if (this.trackParked(index, needs)) return;
		if (!queued && this.lastQueued <= this.savedSent) this.sendSaved(index);
	}

	/** Handles an update Yjs could not integrate yet; true while something of this socket is parked. */
	private trackParked(index: number, needs: UpdateNeeds): boolean {
		if (!isIntegrated(this.doc.ydoc, needs)) {
			this.deps.metrics.pendingUpdates += 1;
			if (this.parked) this.parked.needs = mergeNeeds(this.parked.needs, needs);
			else {
				this.parked = { from: index, needs };
				// Our state vector: the client answers with everything we lack, the missing dependency included.
				this.send(syncStep1Message(this.doc.ydoc));
			}
			return true;
		}
		if (!this.parked) return false;
		if (!isIntegrated(this.doc.ydoc, this.parked.needs)) return true;
		// Integrated now, possibly by another socket's write still queued: "saved" once that committed.
		this.parked = null;
		const upTo = this.received;
		void this.doc.settled().then(() => this.sendSaved(upTo));
		return true;
	}

	committed(index: number) {
		// Nothing of ours queued after `index`: every message received so far is durable.
		this.sendSaved(index >= this.lastQueued ? this.received : index);
	}

	private sendSaved(upTo: number) {
		// Nothing at or after a parked message counts as saved.
		const count = this.parked ? Math.min(upTo, this.parked.from - 1) : upTo;
		if (count <= this.savedSent) return;
		this.savedSent = count;
		this.send(encodeSaved(count));
	}

	send(message: Uint8Array) {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
		if (!canSend(this.ws.bufferedAmount, message.length, this.deps.limits)) {
			// A consumer this far behind only grows memory: drop it (it resyncs on reconnect).
			this.deps.metrics.closedSlow += 1;
			this.ws.terminate();
			this.cleanup();
			return;
		}
		this.ws.send(message);
	}

	private malformed(reason: string) {
		this.deps.metrics.closedMalformed += 1;
		void reason;
		this.close(CLOSE_MALFORMED, 'malformed message');
	}

	close(code: number, reason = '') {
		if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
		this.cleanup();
	}

	private cleanup() {
		if (this.closed) return;
		this.closed = true;
		this.preload = null;
		this.doc.removePeer(this);
		this.deps.onClose(this);
	}
}
