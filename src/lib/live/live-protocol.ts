// Wire protocol of the meeting's live socket (/collab/live/<meeting>?ticket=…), shared by browser and
// server (no server imports). The socket is one-way: the server sends JSON text messages
// `{ kind, at, data }`; the client sends nothing (actions are form posts, which commit first).
//
//   kind 'state'  data = LiveState of the meeting (src/lib/server/live/live.types.ts), the whole picture
//                 after a committed change, for the reader's audience (guests: public items only).
//   other kinds   added by other areas (e.g. 'vote' for votes in the meeting), same envelope.
//
// A client that (re)connects reads the current state from the page's load first (invalidate), so a
// message lost while disconnected is never needed. Close codes: 4403 access changed (fetch a new
// ticket; it may be refused), 1012 server restart (reconnect), 1006 network or refused upgrade.

export const CLOSE_ACCESS_CHANGED = 4403;

/** What a service publishes after a committed write: one payload for full members, one (or none) for guests. */
export interface MeetingEvent {
	/** What changed: 'state', 'vote', … */
	kind: string;
	/** For board members and the office. */
	full: unknown;
	/** For guests (the public part); null or absent: guests get nothing of this event. */
	public?: unknown;
}

/** One message on the socket. */
export interface LiveMessage {
	kind: string;
	/** When the server published it (ms since epoch): benches measure from the action to the screen. */
	at: number;
	data: unknown;
}

/** POST /api/b/<board>/meetings/<id>/live answers this. */
export interface LiveTicket {
	ticket: string;
	url: string;
}
