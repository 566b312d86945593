// Single use of tickets: a ticket opens one socket. Used ticket ids are remembered until the ticket
// expires, in memory on every node and, with Redis, across nodes (SET NX with the same expiry).
import { Redis } from 'ioredis';

const KEY_PREFIX = 'beirat:collab:ticket:';
/** How long a node waits for Redis before it decides on its own memory alone. */
const REDIS_TIMEOUT_MS = 500;
const PRUNE_INTERVAL_MS = 10_000;

export interface TicketLedger {
	/** True the first time a ticket id is presented before it expires, false on every later use. */
	claim(ticket: { jti: string; expiresAt: number }): Promise<boolean>;
	/** Resolves once the shared store answers (immediately without Redis). */
	ready: Promise<void>;
	close(): Promise<void>;
}

/** Ticket ids used on this node, each until its ticket expires. */
export class UsedTickets {
	private readonly used = new Map<string, number>();
	private nextPrune = 0;

	/** Records the id; false when it was recorded before and has not expired. */
	claim(jti: string, expiresAt: number, now = Date.now()): boolean {
		this.prune(now);
		const known = this.used.get(jti);
		if (known !== undefined && known > now) return false;
		this.used.set(jti, expiresAt);
		return true;
	}

	get size() {
		return this.used.size;
	}

	private prune(now: number) {
		if (now < this.nextPrune) return;
		this.nextPrune = now + PRUNE_INTERVAL_MS;
		for (const [jti, expiresAt] of this.used) if (expiresAt <= now) this.used.delete(jti);
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('redis timeout')), ms);
		promise.then(resolve, reject).finally(() => clearTimeout(timer));
	});
}

export function createTicketLedger(input: { redisUrl?: string }): TicketLedger {
	const local = new UsedTickets();
	if (!input.redisUrl) {
		return {
			claim: async ({ jti, expiresAt }) => local.claim(jti, expiresAt),
			ready: Promise.resolve(),
			close: async () => {}
		};
	}
	// Fails fast while Redis is away (no offline queue): the node then relies on its own memory, so a
	// ticket could open one socket per node at worst, never more on one node.
	const redis = new Redis(input.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
	redis.on('error', (error: Error) => console.warn('collab: redis (tickets):', error.message));
	const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
	return {
		ready,
		async claim({ jti, expiresAt }) {
			const now = Date.now();
			if (!local.claim(jti, expiresAt, now)) return false;
			try {
				const ttl = Math.max(1_000, expiresAt - now + 1_000);
				return (await withTimeout(redis.set(`${KEY_PREFIX}${jti}`, '1', 'PX', ttl, 'NX'), REDIS_TIMEOUT_MS)) === 'OK';
			} catch (error) {
				console.warn('collab: ticket check without redis:', String(error));
				return true;
			}
		},
		async close() {
			await redis.quit().catch(() => redis.disconnect());
		}
	};
}
