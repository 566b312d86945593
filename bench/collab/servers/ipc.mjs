// IPC plumbing shared by the server child processes: the parent sends { id, cmd, ...args },
// the child answers { id, result } or { id, error }. 'stop' ends the process after answering.

import { monitorEventLoopDelay } from 'node:perf_hooks';

// The server's own event-loop delay: what a stalled loop (e.g. a synchronous database) adds to fan-out.
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

/** @param {Record<string, (message: any) => unknown>} handlers */
export function serveIpc(handlers) {
	handlers = {
		loopReset: () => loop.reset(),
		loopStats: () => ({ p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }),
		...handlers
	};
	process.on('message', async (/** @type {{ id: number, cmd: string }} */ message) => {
		const handler = handlers[message.cmd];
		try {
			if (!handler) throw new Error(`unknown command ${message.cmd}`);
			const result = await handler(message);
			process.send?.({ id: message.id, result });
		} catch (error) {
			process.send?.({ id: message.id, error: error instanceof Error ? String(error.stack) : String(error) });
		}
		if (message.cmd === 'stop') setTimeout(() => process.exit(0), 50);
	});
	// The parent going away must not leave a server behind.
	process.on('disconnect', () => process.exit(0));
}

/** @param {number} port */
export function ready(port) {
	process.send?.({ ready: true, port });
}

/** Loopback only, fixed port from the bench's range. */
export function portFromEnv() {
	const port = Number(process.env.BENCH_PORT);
	if (!Number.isInteger(port) || port < 4800 || port > 4899)
		throw new Error(`BENCH_PORT must be in 4800-4899, got ${process.env.BENCH_PORT}`);
	return port;
}
