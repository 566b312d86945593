// The process-wide collaboration server and the hub the rest of the app uses to reach it. The app
// (src/lib/server/app.ts) starts it and hands in its own start, so that hub calls made before the
// start wait for it: this module never imports the app.
import type { Database } from '../db/types';
import { createCollabServer, type CollabServer } from './collab-server';
import { createHubEvents, type HubEvents } from './hub-events';
import type { CollabHub } from './hub';
import { observeCollabCommit, provideCollabSource } from '../observability/metrics';

interface Holder {
	__beiratCollab?: CollabServer;
	__beiratCollabEvents?: HubEvents;
	/** Brings the app up (and with it this server); handed in by the app through provideAppStart. */
	__beiratCollabAppStart?: () => Promise<unknown>;
	/** Read by server.js (production) for WebSocket upgrades under /collab/. */
	__beiratCollabUpgrade?: CollabServer['handleUpgrade'];
	/** Read by server.js on SIGTERM: commit what is pending, close sockets. */
	__beiratCollabClose?: () => Promise<void>;
}
// On globalThis like the app itself: Vite re-evaluates modules, the server must exist once per process.
const holder = globalThis as Holder;
const events = (holder.__beiratCollabEvents ??= createHubEvents());

/** How the app is started; hub calls made before the server runs await it first. */
export function provideAppStart(start: () => Promise<unknown>): void {
	holder.__beiratCollabAppStart = start;
}

/** Starts the process-wide collaboration server (called once from the app's start). */
export function startCollab(input: { db: Database; redisUrl?: string }): CollabServer {
	if (holder.__beiratCollab) return holder.__beiratCollab;
	const server = createCollabServer({ db: input.db, redisUrl: input.redisUrl, events });
	holder.__beiratCollab = server;
	holder.__beiratCollabUpgrade = server.handleUpgrade;
	holder.__beiratCollabClose = server.close;
	// The node's /metrics reads this server's tallies at scrape time and its commit latencies as they come.
	server.metrics.onPersist = observeCollabCommit;
	provideCollabSource(() => ({
		connections: server.connectionCount(),
		documents: server.documents.size,
		counters: server.metrics
	}));
	return server;
}

/** Forgets the process-wide server (tests; the caller closes it). */
export function stopCollab(): void {
	provideCollabSource(null);
	delete holder.__beiratCollab;
	delete holder.__beiratCollabUpgrade;
	delete holder.__beiratCollabClose;
}

/** The running server of this process, or null before the app started. */
export function runningCollabServer(): CollabServer | null {
	return holder.__beiratCollab ?? null;
}

async function started(): Promise<CollabServer> {
	await holder.__beiratCollabAppStart?.();
	const server = runningCollabServer();
	if (!server) throw new Error('collab server not started');
	return server;
}

/**
 * The process-wide hub. Usable before the app has started: calls wait for the app's start (once the
 * app handed it in); access changes with nobody connected have nothing to close.
 */
export function getCollabHub(): CollabHub {
	return {
		getState: async (paperId) => (await started()).getState(paperId),
		applyUpdate: async (paperId, update, userId) => (await started()).applyUpdate(paperId, update, userId),
		accessChanged: (scope) => runningCollabServer()?.accessChanged(scope),
		on: (event, listener) => events.on(event, listener)
	};
}
