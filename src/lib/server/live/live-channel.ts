// The live channel of meetings on one node: sockets under /collab/live/<meeting>, served by the
// collaboration server's WebSocket server, and fan-out of meeting events between app nodes through
// Redis pub/sub (docs/live-meetings.md). The database is the system of record: an event only says
// what a committed write changed; a client that (re)connects reads the state from the database.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Redis } from 'ioredis';
import type { WebSocket, WebSocketServer } from 'ws';
import { isUuid } from '../common.schema';
import type { AccessScope } from '../collab/hub';
import { matchesScope, type RevocationList } from '../collab/revocations';
import type { TicketClaims } from '../collab/ticket';
import type { TicketLedger } from '../collab/ticket-ledger';
import { refuseUpgrade } from '../collab/upgrade';
import { CLOSE_ACCESS_CHANGED, type LiveMessage, type MeetingEvent } from '../../live/live-protocol';
import { verifyLiveTicket, type LiveTicketClaims } from './live-ticket';

export const LIVE_PREFIX = '/collab/live/';
const CHANNEL = 'beirat:live:meeting';
/** A socket whose browser stopped reading gets no more (it catches up from the database on reconnect). */
const MAX_BUFFERED_BYTES = 1 << 20;
const PING_INTERVAL_MS = 25_000;

/** The meeting id of a /collab/live/<uuid> path, or null. */
export function meetingIdFromPath(pathname: string): string | null {
	const id = pathname.startsWith(LIVE_PREFIX) ? pathname.slice(LIVE_PREFIX.length) : '';
	return isUuid(id) ? id.toLowerCase() : null;
}

interface LiveSocket {
	ws: WebSocket;
	claims: LiveTicketClaims;
	alive: boolean;
}

interface Wire {
	node: string;
	meeting: string;
	event: MeetingEvent;
	at: number;
}

export interface LiveChannelOptions {
	nodeId: string;
	redisUrl?: string;
	wss: WebSocketServer;
	secret: () => Promise<Uint8Array>;
	revocations: RevocationList;
	tickets: Pick<TicketLedger, 'claim'>;
}

/** The claims in the shape the collaboration server's revocation list checks. */
const asRevocable = (claims: LiveTicketClaims): TicketClaims =>
	({ ...claims, doc: `live:${claims.meeting}`, access: 'view', name: '', color: '' }) as TicketClaims;

export function createLiveChannel(options: LiveChannelOptions) {
	const byMeeting = new Map<string, Set<LiveSocket>>();
	let closing = false;

	function deliver(meetingId: string, event: MeetingEvent, at: number) {
		const sockets = byMeeting.get(meetingId);
		if (!sockets) return;
		const full = JSON.stringify({ kind: event.kind, at, data: event.full } satisfies LiveMessage);
		const guest =
			event.public === undefined || event.public === null
				? null
				: JSON.stringify({ kind: event.kind, at, data: event.public } satisfies LiveMessage);
		for (const socket of sockets) {
			const text = socket.claims.scope === 'full' ? full : guest;
			if (text === null || socket.ws.readyState !== socket.ws.OPEN) continue;
			if (socket.ws.bufferedAmount > MAX_BUFFERED_BYTES) socket.ws.terminate();
			else socket.ws.send(text);
		}
	}

	const redis = options.redisUrl ? connectRedis(options.redisUrl, options.nodeId, deliver) : null;

	const pinger = setInterval(() => {
		for (const sockets of byMeeting.values())
			for (const socket of sockets) {
				if (!socket.alive) socket.ws.terminate();
				socket.alive = false;
				socket.ws.ping();
			}
	}, PING_INTERVAL_MS);
	pinger.unref();

	function remove(socket: LiveSocket) {
		const sockets = byMeeting.get(socket.claims.meeting);
		sockets?.delete(socket);
		if (sockets?.size === 0) byMeeting.delete(socket.claims.meeting);
	}

	async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		if (closing) return refuseUpgrade(socket, 503);
		const url = new URL(request.url ?? '/', 'http://localhost');
		const meetingId = meetingIdFromPath(url.pathname);
		if (!meetingId) return refuseUpgrade(socket, 404);
		const check = await verifyLiveTicket(await options.secret(), url.searchParams.get('ticket'), meetingId);
		if (!check.ok) return refuseUpgrade(socket, check.status);
		if (options.revocations.refuses(asRevocable(check.claims))) return refuseUpgrade(socket, 401);
		if (!(await options.tickets.claim(check.claims))) return refuseUpgrade(socket, 401);
		options.wss.handleUpgrade(request, socket, head, (ws) => {
			const live: LiveSocket = { ws, claims: check.claims, alive: true };
			let sockets = byMeeting.get(meetingId);
			if (!sockets) byMeeting.set(meetingId, (sockets = new Set()));
			sockets.add(live);
			ws.on('pong', () => (live.alive = true));
			// The channel is one-way: whatever a client sends is ignored (actions are HTTP form posts).
			ws.on('message', () => {});
			ws.on('error', () => ws.terminate());
			ws.on('close', () => remove(live));
		});
	}

	return {
		handleUpgrade,
		/** Sends `event` to this node's sockets of the meeting and, through Redis, to every other node's. */
		publish(meetingId: string, event: MeetingEvent) {
			const at = Date.now();
			deliver(meetingId, event, at);
			redis?.publish({ node: options.nodeId, meeting: meetingId, event, at });
		},
		/** Closes sockets whose access may have changed; the client asks for a fresh ticket. */
		closeInScope(scope: AccessScope) {
			for (const sockets of byMeeting.values())
				for (const socket of sockets) {
					const { sub: userId, board: boardId, sid: sessionId } = socket.claims;
					if (matchesScope({ ...scope, paperId: undefined }, { paperId: '', userId, boardId, sessionId }))
						socket.ws.close(CLOSE_ACCESS_CHANGED, 'access changed');
				}
		},
		/** Open sockets of a meeting on this node (metrics, tests). */
		listeners: (meetingId: string) => byMeeting.get(meetingId)?.size ?? 0,
		ready: redis?.ready ?? Promise.resolve(),
		async close() {
			closing = true;
			clearInterval(pinger);
			for (const sockets of byMeeting.values()) for (const socket of sockets) socket.ws.close(1012, 'server restart');
			byMeeting.clear();
			await redis?.close();
		}
	};
}

export type LiveChannel = ReturnType<typeof createLiveChannel>;

function connectRedis(
	url: string,
	nodeId: string,
	deliver: (meeting: string, event: MeetingEvent, at: number) => void
) {
	const options = { lazyConnect: false, maxRetriesPerRequest: null, enableOfflineQueue: true } as const;
	const pub = new Redis(url, options);
	const sub = new Redis(url, options);
	const warn = (error: Error) => console.warn('live: redis:', error.message);
	pub.on('error', warn);
	sub.on('error', warn);
	sub.on('message', (_channel: string, raw: string) => {
		try {
			const wire = JSON.parse(raw) as Wire;
			if (wire.node !== nodeId && typeof wire.meeting === 'string') deliver(wire.meeting, wire.event, wire.at);
		} catch (error) {
			console.warn('live: fan-out message failed:', String(error));
		}
	});
	return {
		ready: sub.subscribe(CHANNEL).then(() => undefined),
		publish: (wire: Wire) => void pub.publish(CHANNEL, JSON.stringify(wire)).catch(warn),
		close: async () => void (await Promise.allSettled([pub.quit(), sub.quit()]))
	};
}
