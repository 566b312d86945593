// Wire protocol of the collaboration socket, shared by the browser and the server (no server imports).
//
// The socket speaks y-websocket's protocol (message type 0 = sync, 1 = awareness, 3 = query awareness)
// plus one message of our own:
//
//   SAVED (type 100): varUint(MESSAGE_SAVED) · varUint(count)
//     The server sends it after the updates this connection sent have been committed to Postgres.
//     `count` is the number of updates (sync step 2 + update messages) from this connection that are
//     durable now; it only grows. The editor compares it with how many it sent to show "saved".
//     Register it as `provider.messageHandlers[MESSAGE_SAVED] = savedHandler(onSaved)`.
//
// Close codes (y-websocket 3 reconnects on every close except 4400-4499, for which it emits 'closed'
// instead; pass `shouldReconnect: collabShouldReconnect` to also stop on 1009):
//   4403 CLOSE_ACCESS_CHANGED: the person's access changed (role, deactivation, paper sharing).
//        Fetch a fresh ticket (fetchTicket), set `provider.params = { ticket }` and call
//        `provider.connect()`; the new ticket carries the new access (or is refused: show that).
//        Tickets issued before the change are refused at the upgrade, so an old one never works.
//   1009 CLOSE_TOO_BIG: a message was larger than COLLAB_MAX_MESSAGE_BYTES. Reconnecting would resend
//        the same change forever: stop (collabShouldReconnect), tell the person the change is too big,
//        and reload the paper (a fresh Y.Doc) before connecting again.
//   4404 CLOSE_PAPER_GONE: the paper was deleted while open: leave the editor.
//   4423 CLOSE_EDIT_REFUSED: the socket is read-only (view/comment) and sent a change to the text, e.g.
//        edits typed before approved minutes were frozen. Nothing of it was kept: do not reconnect
//        (it would be sent again); tell the person and offer the local text for copying.
//        The ticket's `frozen` says whether the paper is approved (frozen) minutes.
//   4400 CLOSE_MALFORMED: the client sent something unreadable (a bug): do not loop.
//   4429 CLOSE_TOO_MANY: too many sockets on this paper (the person's or everyone's): retry only
//        after the longest backoff, never in a tight loop.
//   1012 server restart, 1013 try again, 1006 network or refused upgrade: transient. A ticket opens
//        one socket, once, within ~60 s, so fetch a fresh one on every 'connection-close' before the
//        provider's next attempt (it waits at least 100 ms): `provider.params = { ticket }`.
// Upgrade refusals happen before the socket opens (HTTP 401 bad/expired/used ticket, 403 ticket for
// another paper, 404 not a paper path); the browser only sees a close (1006).

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Our "your updates are committed" message. */
export const MESSAGE_SAVED = 100;

/** Largest message the server accepts (bytes); bigger ones close the socket with 1009. */
export const COLLAB_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export const CLOSE_TOO_BIG = 1009;
export const CLOSE_MALFORMED = 4400;
export const CLOSE_ACCESS_CHANGED = 4403;
export const CLOSE_PAPER_GONE = 4404;
export const CLOSE_EDIT_REFUSED = 4423;
export const CLOSE_TOO_MANY = 4429;

export type CollabAccess = 'edit' | 'comment' | 'view';

/** For WebsocketProvider's `shouldReconnect`: no automatic reconnect after 1009 or a 44xx close. */
export function collabShouldReconnect(event: { code: number }): boolean {
	return event.code !== CLOSE_TOO_BIG && !(event.code >= 4400 && event.code < 4500);
}

export function encodeSaved(count: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SAVED);
	encoding.writeVarUint(encoder, count);
	return encoding.toUint8Array(encoder);
}

/** Reads the count of a SAVED message whose type byte has already been read. */
export function decodeSavedBody(decoder: decoding.Decoder): number {
	return decoding.readVarUint(decoder);
}

/**
 * A handler for `provider.messageHandlers[MESSAGE_SAVED]` (y-websocket's signature:
 * (encoder, decoder, provider, emitSynced, messageType) => void). Sends nothing back.
 */
export function savedHandler(onSaved: (count: number) => void) {
	return (_encoder: unknown, decoder: decoding.Decoder): void => {
		onSaved(decodeSavedBody(decoder));
	};
}

export interface CollabTicket {
	/** Signed, ~60 s, opens one socket: pass it once. */
	ticket: string;
	/** WebSocket URL including the ticket, absolute (ws:// or wss://). */
	url: string;
	/** Access the ticket grants: the editor is read-only unless 'edit'. */
	access: CollabAccess;
	/** The paper is the text of approved minutes (frozen for good). */
	frozen?: boolean;
}

/**
 * Asks the app for a ticket to the paper's collaboration socket (POST /api/collab/ticket).
 * Throws an Error with the server's translated message when refused.
 */
export async function fetchTicket(paperId: string, fetchImpl: typeof fetch = fetch): Promise<CollabTicket> {
	const response = await fetchImpl('/api/collab/ticket', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ paperId })
	});
	const body = (await response.json().catch(() => ({}))) as Partial<CollabTicket> & { message?: string };
	if (!response.ok || !body.ticket || !body.url) throw new Error(body.message ?? `ticket refused (${response.status})`);
	return {
		ticket: body.ticket,
		url: toWebSocketUrl(body.url),
		access: body.access ?? 'view',
		frozen: body.frozen === true
	};
}

/** Makes a relative /collab/… URL absolute against the page's origin (browser only). */
function toWebSocketUrl(url: string): string {
	if (/^wss?:\/\//.test(url) || typeof location === 'undefined') return url;
	const base = new URL(url, location.href);
	base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
	return base.href;
}

/**
 * WebsocketProvider builds `${serverUrl}/${roomname}?${params}`. Split a ticket URL accordingly:
 * `new WebsocketProvider(serverUrl, paperId, doc, { params: { ticket } })`.
 */
export function providerArgs(ticketUrl: string): { serverUrl: string; room: string; params: Record<string, string> } {
	const url = new URL(ticketUrl);
	const parts = url.pathname.split('/');
	const room = parts.pop() ?? '';
	const params = Object.fromEntries(url.searchParams);
	return { serverUrl: `${url.protocol}//${url.host}${parts.join('/')}`, room, params };
}
