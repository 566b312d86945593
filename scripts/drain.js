// Draining one node on SIGTERM (server.js; the drain test's collaboration processes use it too):
// a load balancer or orchestrator stops a node by signal, and the people on it must not lose what
// the node already told them was saved.
//
//   1. stop listening: new connections go to the other nodes (keep-alive ones get `Connection: close`);
//   2. the collaboration server stops reading its sockets, commits every pending update, acknowledges
//      it ("saved") and closes each socket with 1012 (service restart): clients reconnect elsewhere;
//   3. requests in flight finish, idle connections are closed, then the database closes;
//   4. exit 0. Past the grace period open connections are cut and the exit code is 1.

/**
 * @typedef {object} DrainInput
 * @property {import('node:http').Server} server The node's HTTP server (also carries the WebSocket upgrades).
 * @property {() => Promise<void> | void} [closeCollab] Commits pending co-editing updates and closes the sockets.
 * @property {() => Promise<void> | void} [closeApp] Closes what outlives the connections (the database).
 * @property {number} graceMs Longest the drain may take before connections are cut.
 * @property {(line: string) => void} [log] Where progress goes (console.log by default).
 * @property {(code: number) => void} [exit] How the process ends (process.exit by default).
 */

/**
 * Returns `drain(signal)` (idempotent: a repeated signal is expected, Ctrl+C reaches npm and node)
 * and `draining()`, which the request and upgrade handlers ask.
 * @param {DrainInput} input
 */
export function createDrain(input) {
	const log = input.log ?? ((line) => console.log(line));
	const exit = input.exit ?? ((code) => process.exit(code));
	/** @type {Promise<void> | null} */
	let running = null;

	/** @param {string} signal */
	async function run(signal) {
		const started = Date.now();
		log(`Beirat stopping (${signal}): draining connections.`);
		const timer = setTimeout(() => {
			console.error('Beirat: draining took too long, cutting open connections.');
			input.server.closeAllConnections();
			exit(1);
		}, input.graceMs);
		timer.unref();
		const closed = new Promise((resolve) => input.server.close(() => resolve(undefined)));
		try {
			await input.closeCollab?.();
		} catch (error) {
			console.error('Beirat: closing collaboration failed', error);
		}
		input.server.closeIdleConnections();
		await closed;
		try {
			await input.closeApp?.();
		} catch (error) {
			console.error('Beirat: closing the database failed', error);
			clearTimeout(timer);
			return exit(1);
		}
		clearTimeout(timer);
		log(`Beirat stopped after ${Date.now() - started} ms.`);
		exit(0);
	}

	return {
		/** @param {string} signal */
		drain: (signal) => (running ??= run(signal)),
		draining: () => running !== null
	};
}

/**
 * Applies the drain's effect to a response: a keep-alive connection must not carry the client's next
 * request to a node that is going away.
 * @param {{ draining(): boolean }} drain
 * @param {import('node:http').ServerResponse} response
 */
export function closeAfterResponse(drain, response) {
	if (drain.draining() && !response.headersSent) response.setHeader('connection', 'close');
}
