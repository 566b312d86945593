import * as decoding from 'lib0/decoding';
import { MESSAGE_SYNC } from '$lib/collab/protocol';

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Whether an outgoing frame carries document content: a sync step 2, an update, or neither. */
export function contentKind(data: unknown): 'step2' | 'update' | null {
	if (!(data instanceof Uint8Array || data instanceof ArrayBuffer)) return null;
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	if (bytes.length < 2) return null;
	const decoder = decoding.createDecoder(bytes);
	if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
	const kind = decoding.readVarUint(decoder);
	return kind === SYNC_STEP_2 ? 'step2' : kind === SYNC_UPDATE ? 'update' : null;
}

/**
 * "Saved" bookkeeping. Local changes are numbered; each content frame sent on the current socket
 * remembers the newest number it carries; the server's SAVED(count) confirms the first `count`
 * frames of this socket, so every change up to that number is durable.
 */
export class SavedTracker {
	private localSeq = 0;
	private confirmedSeq = 0;
	private confirmedOnce = false;
	private frames: number[] = [];

	/** A change made in this browser (typing, undo) — not one received from the server or IndexedDB. */
	localChange() {
		this.localSeq += 1;
	}

	/** A new socket: the server counts its frames from zero again. */
	newSocket() {
		this.frames = [];
	}

	/** Called for every frame sent on the socket. */
	sent(data: unknown) {
		const kind = contentKind(data);
		// A step 2 may carry changes made offline or restored from IndexedDB: it counts as one.
		if (kind === 'step2') this.localChange();
		if (kind) this.frames.push(this.localSeq);
	}

	/** The server's SAVED(count). */
	confirmed(count: number) {
		const seq = this.frames[count - 1];
		if (seq !== undefined && seq > this.confirmedSeq) this.confirmedSeq = seq;
		this.confirmedOnce = true;
	}

	/** A change made in this browser that the server has not confirmed yet. */
	hasUnconfirmed(): boolean {
		return this.confirmedSeq < this.localSeq;
	}

	/** "Gespeichert" only after a confirmation and while nothing local is unconfirmed. */
	isSaved(connected: boolean): boolean {
		return this.confirmedOnce && connected && this.confirmedSeq >= this.localSeq;
	}
}
