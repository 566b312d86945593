// The browser side of a meeting's live channel: a ticket from the app, one WebSocket, reconnects with
// backoff. On every (re)open the page catches up from the database (`onOpen`, e.g. invalidate), so a
// message missed while away never matters. See ./live-protocol.ts.
import { CLOSE_ACCESS_CHANGED, type LiveMessage, type LiveTicket } from './live-protocol';

export type LiveStatus = 'connecting' | 'open' | 'offline' | 'refused';

type Handler = (data: unknown, message: LiveMessage) => void;

const BACKOFF_MS = [250, 1000, 2000, 5000, 10_000];

export interface LiveChannelOptions {
	/** The board's slug and the meeting's id (read at each open). */
	meeting: () => { board: string; meetingId: string };
	/** Runs on every open, before messages arrive: read the current state (the database is the record). */
	onOpen?: () => void;
}

export class LiveChannel {
	status = $state<LiveStatus>('connecting');
	/** Not reactive on purpose: listeners are wiring, not state. */
	#handlers: Record<string, Handler[]> = {};
	readonly #options: LiveChannelOptions;
	#socket: WebSocket | null = null;
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#closed = false;

	constructor(options: LiveChannelOptions) {
		this.#options = options;
	}

	/** Listens to one kind of message ('state', 'vote', …); returns the unsubscribe. */
	on(kind: string, handler: Handler): () => void {
		this.#handlers[kind] = [...(this.#handlers[kind] ?? []), handler];
		return () => {
			this.#handlers[kind] = (this.#handlers[kind] ?? []).filter((h) => h !== handler);
		};
	}

	/** Opens the socket (again); safe to call once at mount. */
	connect(): void {
		this.#closed = false;
		void this.#open();
	}

	close(): void {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#socket?.close(1000);
		this.#socket = null;
	}

	async #open(): Promise<void> {
		if (this.#closed) return;
		this.status = 'connecting';
		const { board, meetingId } = this.#options.meeting();
		let ticket: LiveTicket;
		try {
			const response = await fetch(`/api/b/${encodeURIComponent(board)}/meetings/${meetingId}/live`, {
				method: 'POST',
				headers: { accept: 'application/json' }
			});
			if (response.status === 401 || response.status === 403 || response.status === 404) {
				this.status = 'refused';
				return;
			}
			if (!response.ok) throw new Error(`ticket ${response.status}`);
			ticket = (await response.json()) as LiveTicket;
		} catch {
			return this.#retry();
		}
		if (this.#closed) return;
		const socket = new WebSocket(ticket.url);
		this.#socket = socket;
		socket.onopen = () => {
			this.#attempt = 0;
			this.status = 'open';
			this.#options.onOpen?.();
		};
		socket.onmessage = (event) => this.#dispatch(event.data);
		socket.onclose = (event) => {
			if (this.#socket !== socket) return;
			this.#socket = null;
			if (this.#closed) return;
			// Access changed: a fresh ticket says whether the person still may (at once, no backoff).
			if (event.code === CLOSE_ACCESS_CHANGED) this.#attempt = 0;
			this.#retry();
		};
	}

	#retry() {
		if (this.#closed) return;
		this.status = 'offline';
		const delay = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)]!;
		this.#attempt += 1;
		this.#timer = setTimeout(() => void this.#open(), delay);
	}

	#dispatch(raw: unknown) {
		if (typeof raw !== 'string') return;
		let message: LiveMessage;
		try {
			message = JSON.parse(raw) as LiveMessage;
		} catch {
			return;
		}
		for (const handler of this.#handlers[message.kind] ?? []) handler(message.data, message);
	}
}
