// The collaboration server of one node: documents in memory, sockets, upgrades, fan-out, healing.
// Implements the CollabHub contract (hub.ts); the process-wide instance is kept in collab-process.ts.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import { CLOSE_ACCESS_CHANGED, CLOSE_PAPER_GONE, CLOSE_TOO_MANY } from '../../collab/protocol';
import type { Database } from '../db/types';
import { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';
import { CollabDocument, type DocumentHost } from './document';
import { createRedisFanout, type Fanout } from './fanout';
import { createHubEvents, type HubEvents } from './hub-events';
import type { AccessScope, CollabHub } from './hub';
import { resolveLimits, socketsAdmit, type CollabLimits } from './limits';
import type { AwarenessEntry } from './messages';
import { createMetrics, renderMetrics } from './metrics';
import { healDocument } from './healing';
import { compact, createCompactionSchedule, loadSecret } from './persistence';
import { matchesScope, RevocationList } from './revocations';
import { createTicketLedger } from './ticket-ledger';
import { authorizeUpgrade, refuseUpgrade, type UpgradeDecision } from './upgrade';
import { createLiveChannel, LIVE_PREFIX } from '../live/live-channel';

export interface CollabServerOptions {
	db: Database;
	redisUrl?: string;
	limits?: Partial<CollabLimits>;
	/** Listeners registry (the process-wide hub passes its own so early `on` calls are kept). */
	events?: HubEvents;
}

export type CollabServer = ReturnType<typeof createCollabServer>;

export function createCollabServer(options: CollabServerOptions) {
	const { db } = options;
	const limits = resolveLimits(options.limits);
	const metrics = createMetrics();
	const nodeId = randomUUID();
	const events = options.events ?? createHubEvents();
	const documents = new Map<string, CollabDocument>();
	const connections = new ConnectionRegistry<Connection>();
	const revocations = new RevocationList();
	const tickets = createTicketLedger({ redisUrl: options.redisUrl });
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
	let secret: Promise<Uint8Array> | null = null;
	let closing = false;
	const compaction = createCompactionSchedule(db, limits);
	// Meetings' live sockets share this server's socket handling, secret, revocations and ticket ledger.
	const live = createLiveChannel({
		nodeId,
		redisUrl: options.redisUrl,
		wss,
		secret: () => (secret ??= loadSecret(db)),
		revocations,
		tickets
	});

	const host: DocumentHost = {
		db,
		limits,
		metrics,
		committed(doc, { updates, seqs, userIds }) {
			if (fanout) fanout.publishUpdate(doc.id, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), seqs);
			events.emit('persisted', { paperId: doc.id, userIds });
			const now = Date.now();
			if (now - doc.lastActivity >= limits.activityIntervalMs) {
				doc.lastActivity = now;
				events.emit('activity', { paperId: doc.id, userIds });
			}
			compaction.committed(doc.id, seqs.length);
		},
		awarenessChanged(doc, entries) {
			fanout?.publishAwareness(doc.id, entries);
		},
		gone(doc) {
			for (const conn of [...connections]) if (conn.doc === doc) conn.close(CLOSE_PAPER_GONE, 'paper deleted');
			if (documents.get(doc.id) === doc) documents.delete(doc.id);
			doc.destroy();
		},
		idle(doc) {
			if (documents.get(doc.id) !== doc) return;
			documents.delete(doc.id);
			const userIds = [...doc.writersSinceIdle];
			doc.destroy();
			events.emit('idle', { paperId: doc.id, userIds });
		}
	};

	function documentFor(paperId: string): CollabDocument {
		let doc = documents.get(paperId);
		if (!doc) {
			doc = new CollabDocument(paperId, host);
			documents.set(paperId, doc);
			const loading = doc;
			loading.ready.catch((error: unknown) => {
				console.warn(`collab: loading ${paperId} failed:`, String(error));
				if (documents.get(paperId) === loading) documents.delete(paperId);
			});
		}
		return doc;
	}

	const fanout: Fanout | null = options.redisUrl
		? createRedisFanout({
				url: options.redisUrl,
				nodeId,
				handlers: {
					update(docId, update) {
						const doc = documents.get(docId);
						if (!doc?.isLoaded) return;
						metrics.remoteUpdates += 1;
						doc.applyRemote(update);
					},
					awareness(docId, entries: AwarenessEntry[]) {
						documents.get(docId)?.applyAwareness(entries, null);
					},
					access(scope, at) {
						closeInScope(scope, at);
					}
				}
			})
		: null;

	let healing: Promise<void> = Promise.resolve();
	const healTimer = fanout ? setInterval(() => (healing = healing.then(healAll)), limits.resyncIntervalMs) : null;
	healTimer?.unref();

	async function healAll() {
		for (const doc of [...documents.values()]) {
			await healDocument(db, doc).catch((error: unknown) =>
				console.warn(`collab: healing ${doc.id} failed:`, String(error))
			);
		}
	}

	function closeInScope(scope: AccessScope, at: number) {
		revocations.add(scope, at);
		live.closeInScope(scope);
		for (const conn of [...connections]) {
			const { doc: paperId, sub: userId, board: boardId, sid: sessionId } = conn.claims;
			if (matchesScope(scope, { paperId, userId, boardId, sessionId })) {
				conn.close(CLOSE_ACCESS_CHANGED, 'access changed');
			}
		}
	}

	async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		socket.on('error', () => {});
		if (closing) return refuseUpgrade(socket, 503);
		if (request.url?.startsWith(LIVE_PREFIX)) {
			return live.handleUpgrade(request, socket, head).catch((error: unknown) => {
				secret = null;
				console.warn('live: upgrade failed:', String(error));
				refuseUpgrade(socket, 503);
			});
		}
		let decision: UpgradeDecision;
		try {
			decision = await authorizeUpgrade({
				url: request.url,
				secret: () => (secret ??= loadSecret(db)),
				revocations,
				tickets
			});
		} catch (error) {
			secret = null;
			console.warn('collab: upgrade failed:', String(error));
			return refuseUpgrade(socket, 503);
		}
		if (!decision.ok) {
			metrics.refusedUpgrades += 1;
			return refuseUpgrade(socket, decision.status);
		}
		const { claims, paperId } = decision;
		wss.handleUpgrade(request, socket, head, (ws) => {
			// Counted here, synchronously with `connections.add`: concurrent upgrades cannot all slip through.
			if (!socketsAdmit(connections.openOn(paperId, claims.sub), limits)) {
				metrics.closedTooMany += 1;
				ws.close(CLOSE_TOO_MANY, 'too many connections');
				return;
			}
			const conn = new Connection(ws, claims, documentFor(paperId), {
				limits,
				metrics,
				onClose: (closed) => connections.delete(closed)
			});
			connections.add(conn);
		});
	}

	const hub: CollabHub = {
		async getState(paperId) {
			const doc = documentFor(paperId);
			await doc.ready;
			doc.touch();
			return Y.encodeStateAsUpdate(doc.ydoc);
		},
		async applyUpdate(paperId, update, userId) {
			const doc = documentFor(paperId);
			await doc.ready;
			doc.apply(update, { kind: 'server', userId });
			await doc.settled();
			doc.touch();
		},
		accessChanged(scope) {
			if (!scope.paperId && !scope.userId && !scope.boardId && !scope.sessionId) return;
			const at = Date.now();
			closeInScope(scope, at);
			fanout?.publishAccess(scope, at);
		},
		on: (event, listener) => events.on(event, listener)
	};

	return {
		...hub,
		nodeId,
		handleUpgrade,
		/** The meetings' live channel of this node (publish after a committed write). */
		live,
		/** This node's tallies (the process-wide server reports them at /metrics). */
		metrics,
		/** Open collaboration sockets on this node. */
		connectionCount: () => connections.size,
		/** Prometheus text of this node's collaboration server alone (tests). */
		metricsText: () => renderMetrics(metrics, { documents: documents.size, connections: connections.size }),
		/** Folds a document's log into its snapshot now (tests, maintenance). */
		compact: (paperId: string) => compact(db, paperId),
		heal: healAll,
		fanoutReady: () => Promise.all([fanout?.ready, tickets.ready, live.ready]).then(() => undefined),
		/**
		 * Drain (SIGTERM): stops reading the sockets, commits everything pending and acknowledges it,
		 * then closes the sockets with 1012 (clients reconnect elsewhere) and stops fan-out. What a
		 * client sends after the pause is not acknowledged here; its provider syncs it with the next node.
		 */
		async close() {
			closing = true;
			if (healTimer) clearInterval(healTimer);
			compaction.stop();
			for (const conn of connections) conn.ws.pause();
			await healing;
			await Promise.all([...documents.values()].map((doc) => doc.settled()));
			for (const conn of [...connections]) {
				conn.close(1012, 'server restart');
				// Reads the client's close frame (the close handshake); its other messages are ignored now.
				conn.ws.resume();
			}
			await live.close();
			for (const doc of documents.values()) doc.destroy();
			documents.clear();
			await fanout?.close();
			await tickets.close();
			wss.close();
		},
		documents
	};
}
