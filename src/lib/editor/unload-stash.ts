// y-indexeddb keeps offline edits with one IndexedDB transaction per change. A reload or a closed tab within
// milliseconds of the last keystroke ends the page before those transactions commit, and the browser drops
// them: the last characters typed offline were lost (seen in the offline e2e flow). On `pagehide` the
// document's state is therefore also written synchronously to sessionStorage (this tab only, gone with it)
// and merged back the next time this tab opens the paper. Yjs merges are idempotent, so a change that did
// reach IndexedDB as well is not doubled.
import * as Y from 'yjs';

/** The origin of a restored stash: the session counts it as a local change that still needs the server. */
export const STASH_ORIGIN = Symbol('unload-stash');

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

export interface UnloadStash {
	/** Stops stashing and forgets a stash (the local changes are being discarded). */
	discard(): void;
	/** Stops stashing (the session ends normally; y-indexeddb closes and commits). */
	stop(): void;
}

/**
 * Merges a stash left by this tab into `doc`, then stashes the state on every `pagehide` while
 * `unconfirmed()` says local changes still lack the server's confirmation.
 */
export function unloadStash(
	storage: Storage,
	target: EventTarget,
	key: string,
	doc: Y.Doc,
	unconfirmed: () => boolean
): UnloadStash {
	const left = storage.getItem(key);
	if (left !== null) {
		storage.removeItem(key);
		try {
			Y.applyUpdate(doc, fromBase64(left), STASH_ORIGIN);
		} catch {
			// A damaged stash is dropped; IndexedDB still holds everything that was committed.
		}
	}
	const onPageHide = () => {
		if (!unconfirmed()) return storage.removeItem(key);
		try {
			storage.setItem(key, toBase64(Y.encodeStateAsUpdate(doc)));
		} catch {
			// Quota exceeded: IndexedDB alone, as before.
		}
	};
	target.addEventListener('pagehide', onPageHide);
	const stop = () => target.removeEventListener('pagehide', onPageHide);
	return {
		stop,
		discard() {
			stop();
			storage.removeItem(key);
		}
	};
}
