// Fan-out between app nodes through Redis pub/sub. Postgres stays the system of record: a message
// lost here is healed by the periodic re-read of the log (see collab-server.ts).
import { Redis } from 'ioredis';
import type { AccessScope } from './hub';
import type { AwarenessEntry } from './messages';

const CHANNEL_PREFIX = 'beirat:collab:';
const DOC_CHANNEL = `${CHANNEL_PREFIX}doc`;
const ACCESS_CHANNEL = `${CHANNEL_PREFIX}access`;

export type FanoutMessage =
	| { type: 'update'; node: string; doc: string; update: string; seqs: number[] }
	| { type: 'awareness'; node: string; doc: string; entries: AwarenessEntry[] }
	| { type: 'access'; node: string; scope: AccessScope; at: number };

export interface FanoutHandlers {
	update(docId: string, update: Uint8Array, seqs: number[]): void;
	awareness(docId: string, entries: AwarenessEntry[]): void;
	access(scope: AccessScope, at: number): void;
}

export interface Fanout {
	publishUpdate(docId: string, update: Uint8Array, seqs: number[]): void;
	publishAwareness(docId: string, entries: AwarenessEntry[]): void;
	publishAccess(scope: AccessScope, at: number): void;
	/** Resolves once subscribed (messages published before are not seen). */
	ready: Promise<void>;
	close(): Promise<void>;
}

function dispatch(raw: string, nodeId: string, handlers: FanoutHandlers) {
	let message: FanoutMessage;
	try {
		message = JSON.parse(raw) as FanoutMessage;
	} catch {
		return;
	}
	if (message.node === nodeId) return;
	if (message.type === 'update')
		handlers.update(message.doc, new Uint8Array(Buffer.from(message.update, 'base64')), message.seqs);
	else if (message.type === 'awareness') handlers.awareness(message.doc, message.entries);
	else if (message.type === 'access') handlers.access(message.scope, message.at);
}

export function createRedisFanout(input: { url: string; nodeId: string; handlers: FanoutHandlers }): Fanout {
	const options = { lazyConnect: false, maxRetriesPerRequest: null, enableOfflineQueue: true } as const;
	const pub = new Redis(input.url, options);
	const sub = new Redis(input.url, options);
	// Redis being away must not crash the process: ioredis reconnects by itself.
	const warn = (error: Error) => console.warn('collab: redis:', error.message);
	pub.on('error', warn);
	sub.on('error', warn);
	sub.on('message', (_channel: string, raw: string) => {
		try {
			dispatch(raw, input.nodeId, input.handlers);
		} catch (error) {
			console.warn('collab: fan-out message failed:', String(error));
		}
	});
	const ready = sub.subscribe(DOC_CHANNEL, ACCESS_CHANNEL).then(() => undefined);
	const publish = (channel: string, message: FanoutMessage) => {
		pub.publish(channel, JSON.stringify(message)).catch(warn);
	};
	return {
		ready,
		publishUpdate: (doc, update, seqs) =>
			publish(DOC_CHANNEL, {
				type: 'update',
				node: input.nodeId,
				doc,
				update: Buffer.from(update).toString('base64'),
				seqs
			}),
		publishAwareness: (doc, entries) => publish(DOC_CHANNEL, { type: 'awareness', node: input.nodeId, doc, entries }),
		publishAccess: (scope, at) => publish(ACCESS_CHANNEL, { type: 'access', node: input.nodeId, scope, at }),
		async close() {
			await Promise.allSettled([pub.quit(), sub.quit()]);
		}
	};
}
