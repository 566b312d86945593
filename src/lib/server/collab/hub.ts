// The collaboration hub: the one object other areas (papers, versions, members) use to talk to the
// collaboration server. This file is the contract alone and imports nothing: the server implements it
// (./collab-server.ts), and the process-wide instance lives in ./collab-process.ts.

/** Events the hub emits; listeners get the paper and the users involved. */
export type CollabHubEvent = 'persisted' | 'idle' | 'activity';

export interface CollabHubEventPayload {
	paperId: string;
	userIds: string[];
}

/** Which open sockets may have lost (or changed) their access. Empty scope closes nothing. */
export interface AccessScope {
	paperId?: string;
	userId?: string;
	boardId?: string;
	/** Sockets opened from one sign-in session (the session was ended). */
	sessionId?: string;
	/** With userId: all of the person's sockets but those of this session (their other sessions were ended). */
	exceptSessionId?: string;
}

export interface CollabHub {
	/** Full current state (Y.encodeStateAsUpdate) of a paper's document, loaded from Postgres when not in memory. */
	getState(paperId: string): Promise<Uint8Array>;
	/** Applies a server-side update (version restore, import) as a normal change: persisted, broadcast, other nodes told. */
	applyUpdate(paperId: string, update: Uint8Array, userId: string): Promise<void>;
	/** Closes sockets whose access may have changed (paper, user, or whole board); clients reconnect with a fresh ticket. Also published to other nodes. */
	accessChanged(scope: AccessScope): void;
	/** 'persisted': after a group commit (userIds who wrote); 'idle': the last client left / doc unloaded after its last write committed; 'activity': periodic while edited. */
	on(event: CollabHubEvent, listener: (e: CollabHubEventPayload) => void): () => void;
}

/** Name of the Y.XmlFragment TipTap's Collaboration extension edits (its default). */
export const COLLAB_FRAGMENT = 'default';
