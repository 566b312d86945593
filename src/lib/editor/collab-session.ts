// The live connection of one paper: y-websocket with a fresh ticket for every (re)connect,
// IndexedDB for offline edits, and the bookkeeping for "saved" (server-confirmed) state.
//
// Offline, as supported: the page itself comes from the server. When the collaboration socket is
// down (or the ticket cannot be fetched), the editor keeps working on the document restored from
// IndexedDB (per paper and person), closes the socket on the browser's `offline` event, retries with
// backoff (and at once on the browser's `online` event), and merges the local changes through sync
// step 2 when it reconnects. A reload while the socket is down shows those changes again (the last
// keystrokes through ./unload-stash.ts when IndexedDB had no time to commit them). A fully offline
// browser cannot load the page.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
	CLOSE_EDIT_REFUSED,
	CLOSE_TOO_BIG,
	CLOSE_TOO_MANY,
	MESSAGE_SAVED,
	fetchTicket,
	providerArgs,
	savedHandler,
	type CollabAccess
} from '$lib/collab/protocol';
import { SavedTracker } from './saved-tracker';
import { unloadStash, type UnloadStash } from './unload-stash';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface SessionEvents {
	connection(state: ConnectionState): void;
	/** Whether every local change is confirmed as committed by the server. */
	saved(saved: boolean): void;
	/** The access the latest ticket grants (it may change while the page is open). */
	access(access: CollabAccess): void;
	/** A change was too large for the server (close 1009): the session stops reconnecting. */
	tooLarge(): void;
	/**
	 * The socket is read-only and the server refused local changes (close 4423), e.g. minutes approved
	 * meanwhile (`frozen`): the session stops; the local text still holds them.
	 */
	refused(frozen: boolean): void;
}

const MAX_RETRY_MS = 10_000;

export interface CollabSessionInput {
	paperId: string;
	userId: string;
	events: SessionEvents;
}

/** One paper's Yjs document and its connections (a fresh ticket for every connect). */
export class CollabSession {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly persistence: IndexeddbPersistence;
	private readonly saved = new SavedTracker();
	private readonly stash: UnloadStash;
	private retries = 0;
	private retryTimer: ReturnType<typeof setTimeout> | undefined;
	private stopped = false;
	/** From the latest ticket: the paper is approved minutes. */
	private frozen = false;

	constructor(private readonly input: CollabSessionInput) {
		// Registered before the provider's own handler, so a change is counted before it is sent.
		this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin === this.provider || origin === this.persistence) return;
			this.saved.localChange();
			this.emitSaved();
		});
		const localName = `beirat-paper-${input.paperId}-${input.userId}`;
		this.persistence = new IndexeddbPersistence(localName, this.doc);
		this.stash = unloadStash(sessionStorage, window, localName, this.doc, () => this.saved.hasUnconfirmed());
		this.provider = new WebsocketProvider('ws://invalid', input.paperId, this.doc, {
			connect: false,
			// Two tabs must not sync past the server (which enforces read-only access).
			disableBc: true,
			// Every server close needs a fresh ticket: we reconnect ourselves (see `closed`).
			shouldReconnect: () => false,
			WebSocketPolyfill: this.countingSocket()
		});
		this.provider.messageHandlers[MESSAGE_SAVED] = savedHandler((count) => this.onSaved(count));
		this.provider.on('status', ({ status }) => {
			if (status === 'connected') this.retries = 0;
			input.events.connection(status);
			this.emitSaved();
		});
		this.provider.on('closed', ({ code }) => {
			input.events.connection('disconnected');
			if (code === CLOSE_TOO_BIG) input.events.tooLarge();
			// Reconnecting would send the refused changes again: stop here.
			else if (code === CLOSE_EDIT_REFUSED) input.events.refused(this.frozen);
			// Too many sockets on this paper: only the longest backoff, never a tight reconnect loop.
			else this.scheduleConnect(code === CLOSE_TOO_MANY ? MAX_RETRY_MS : 0);
		});
	}

	/** A WebSocket that numbers the content frames it sends (one numbering per socket). */
	private countingSocket(): typeof WebSocket {
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const session = this;
		return class CountingWebSocket extends WebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols);
				session.saved.newSocket();
			}
			override send(data: Parameters<WebSocket['send']>[0]) {
				session.saved.sent(data);
				super.send(data);
			}
		};
	}

	private onSaved(count: number) {
		this.saved.confirmed(count);
		this.emitSaved();
	}

	private emitSaved() {
		this.input.events.saved(this.saved.isSaved(this.provider?.wsconnected === true));
	}

	/** Fetches a ticket and opens the socket; retries with backoff while the app or socket is down. */
	async connect(): Promise<void> {
		clearTimeout(this.retryTimer);
		if (this.stopped) return;
		this.input.events.connection('connecting');
		try {
			const ticket = await fetchTicket(this.input.paperId);
			if (this.stopped) return;
			const { serverUrl, room, params } = providerArgs(ticket.url);
			// y-websocket builds its URL from these on every connect (`provider.url`).
			this.provider.serverUrl = serverUrl;
			this.provider.roomname = room;
			this.provider.params = params;
			this.frozen = ticket.frozen === true;
			this.input.events.access(ticket.access);
			this.provider.connect();
		} catch {
			this.input.events.connection('disconnected');
			this.scheduleConnect();
		}
	}

	private scheduleConnect(minDelay = 0) {
		if (this.stopped) return;
		this.retries += 1;
		const delay = Math.max(minDelay, Math.min(250 * 2 ** this.retries, MAX_RETRY_MS));
		this.retryTimer = setTimeout(() => void this.connect(), delay);
	}

	/** Connects again now (e.g. the browser came back online). */
	retryNow() {
		if (!this.provider.wsconnected && !this.provider.wsconnecting) {
			this.retries = 0;
			void this.connect();
		}
	}

	/**
	 * The browser lost the network: close the socket at once (it could linger half-open and swallow changes)
	 * and keep the changes in this browser; they merge through sync step 2 when the connection is back.
	 */
	wentOffline() {
		if (this.stopped) return;
		clearTimeout(this.retryTimer);
		this.provider.disconnect();
		this.input.events.connection('disconnected');
		this.emitSaved();
		this.scheduleConnect();
	}

	/** Forgets the changes kept in this browser (after a refusal), so a reload starts from the server's text. */
	async discardLocal(): Promise<void> {
		this.stopped = true;
		this.stash.discard();
		await this.persistence.clearData();
	}

	destroy() {
		this.stopped = true;
		this.stash.stop();
		clearTimeout(this.retryTimer);
		this.provider.disconnect();
		this.provider.destroy();
		void this.persistence.destroy();
		this.doc.destroy();
	}
}
