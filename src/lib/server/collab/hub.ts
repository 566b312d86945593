// The collaboration hub: the one object other areas (papers, versions, members) use to talk to the
// collaboration server. The implementation lives in ./hub-impl.ts; this file is the stable contract.

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

import type { Database } from '../db/types';
import { createCollabServer, type CollabServer } from './collab-server';
import { createHubEvents, type HubEvents } from './hub-events';

interface Holder {
	__beiratCollab?: CollabServer;
	__beiratCollabEvents?: HubEvents;
	/** Read by server.js (production) for WebSocket upgrades under /collab/. */
	__beiratCollabUpgrade?: CollabServer['handleUpgrade'];
	/** Read by server.js on SIGTERM: commit what is pending, close sockets. */
	__beiratCollabClose?: () => Promise<void>;
}
// On globalThis like the app itself: Vite re-evaluates modules, the server must exist once per process.
const holder = globalThis as Holder;
const events = (holder.__beiratCollabEvents ??= createHubEvents());

/** Starts the process-wide collaboration server (called once from the app's start). */
export function startCollab(input: { db: Database; redisUrl?: string }): CollabServer {
	if (holder.__beiratCollab) return holder.__beiratCollab;
	const server = createCollabServer({ db: input.db, redisUrl: input.redisUrl, events });
	holder.__beiratCollab = server;
	holder.__beiratCollabUpgrade = server.handleUpgrade;
	holder.__beiratCollabClose = server.close;
	return server;
}

/** Forgets the process-wide server (tests; the caller closes it). */
export function stopCollab(): void {
	delete holder.__beiratCollab;
	delete holder.__beiratCollabUpgrade;
	delete holder.__beiratCollabClose;
}

/** The running server of this process, or null before the app started. */
export function runningCollabServer(): CollabServer | null {
	return holder.__beiratCollab ?? null;
}

async function started(): Promise<CollabServer> {
	const { getApp } = await import('../app');
	await getApp();
	const server = runningCollabServer();
	if (!server) throw new Error('collab server not started');
	return server;
}

/**
 * The process-wide hub (a globalThis singleton, like src/lib/server/app.ts). Usable before the app
 * has started: calls wait for it; access changes with nobody connected have nothing to close.
 */
export function getCollabHub(): CollabHub {
	return {
		getState: async (paperId) => (await started()).getState(paperId),
		applyUpdate: async (paperId, update, userId) => (await started()).applyUpdate(paperId, update, userId),
		accessChanged: (scope) => runningCollabServer()?.accessChanged(scope),
		on: (event, listener) => events.on(event, listener)
	};
}
