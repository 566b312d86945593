// The servers under test: each runs in its own child process (its RSS and CPU are its own),
// on a fixed loopback port of the bench's range 4800-4899.
import { execFileSync, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const CALL_TIMEOUT_MS = 120_000;

const bundles = new Map();

/**
 * Builds a checkout's servers/ours-main.ts into `<root>/bench/collab/results/build/ours-main.mjs` (build-ours.mjs, in
 * a process of its own), once per run and only when one of our columns starts, and returns that path. The bundle
 * lives inside the checkout so that its dependencies resolve from that checkout's node_modules.
 */
function bundleOf(root) {
	if (!bundles.has(root)) {
		const outFile = path.join(root, 'bench/collab/results/build/ours-main.mjs');
		execFileSync(process.execPath, [path.join(here, 'servers/build-ours.mjs'), root, outFile], { stdio: 'inherit' });
		bundles.set(root, outFile);
	}
	return bundles.get(root);
}

/**
 * name: column title; script: child entry; port; env; client: how clients address a paper.
 * `prepare(server, n)` gives { paper, targets(list) } with one target per client.
 */
export function serverSpecs({ workDir, pgUrl, pgCompareUrl, compareRoot }) {
	const ywsTarget = (port) => (name, params) => ({
		kind: 'y-websocket',
		serverUrl: `ws://127.0.0.1:${port}`,
		room: name,
		params
	});
	const specs = [
		ours('ours (PGlite)', 4810, { BENCH_PGLITE_DIR: path.join(workDir, 'pglite') }),
		// Before/after in one run: our server from another checkout (e.g. a worktree of an older commit).
		...(compareRoot
			? [compared('ours (PGlite)', 4811, { BENCH_PGLITE_DIR: path.join(workDir, 'pglite-compare') })]
			: []),
		...(pgUrl ? [ours('ours (Postgres)', 4815, { BENCH_PG_URL: pgUrl })] : []),
		...(pgCompareUrl && compareRoot ? [compared('ours (Postgres)', 4816, { BENCH_PG_URL: pgCompareUrl })] : []),
		peer('@y/websocket-server 0.1.1', 'servers/ywss.mjs', 4820, path.join(workDir, 'ywss'), ywsTarget(4820)),
		peer('Hocuspocus 4.7.0', 'servers/hocuspocus.mjs', 4830, path.join(workDir, 'hocuspocus'), () => (name) => ({
			kind: 'hocuspocus',
			url: 'ws://127.0.0.1:4830',
			name
		}))
	];
	return specs;

	function compared(name, port, env) {
		return {
			...ours(`${name} @${path.basename(compareRoot)}`, port, env),
			bundleRoot: compareRoot
		};
	}

	function ours(name, port, env) {
		return {
			name,
			script: 'servers/ours.mjs',
			port,
			env,
			/** The checkout whose server this column runs (servers/ours.mjs imports its bundle). */
			bundleRoot: path.resolve(here, '../..'),
			durable: 'group commit (≤ 20 ms) to the database before "saved"',
			async paper(server, n) {
				const world = await server.call('world', { n });
				return {
					name: world.paperId,
					/** Tickets are minted right before connecting (they open a socket within 60 s). */
					async targets(count = n, current = server) {
						const tickets = await current.call('tickets', {
							paperId: world.paperId,
							users: world.users.slice(0, count)
						});
						return tickets.map((ticket) => ({
							kind: 'y-websocket',
							serverUrl: `ws://127.0.0.1:${port}/collab`,
							room: world.paperId,
							params: { ticket }
						}));
					}
				};
			}
		};
	}

	function peer(name, script, port, storeDir, target) {
		const make = script.includes('hocuspocus') ? target() : target;
		let counter = 0;
		return {
			name,
			script,
			port,
			env: { BENCH_STORE_DIR: storeDir },
			durable: script.includes('hocuspocus')
				? 'full state on debounced onStoreDocument (2 s / max 10 s)'
				: 'each update appended to a file (async, no fsync)',
			async paper() {
				const paperName = `paper-${Date.now().toString(36)}-${counter++}`;
				return { name: paperName, targets: async (count) => Array.from({ length: count }, () => make(paperName)) };
			}
		};
	}
}

/** Starts a server child and waits until it listens. */
export async function startServer(spec) {
	const bundle = spec.bundleRoot ? { BENCH_OURS_BUNDLE: bundleOf(spec.bundleRoot) } : {};
	const child = fork(path.resolve(here, spec.script), [], {
		cwd: spec.bundleRoot ?? path.resolve(here, '../..'),
		env: { ...process.env, ...spec.env, ...bundle, BENCH_PORT: String(spec.port) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	// A child that died must not crash the bench through an unhandled 'error' (e.g. send after exit).
	child.on('error', (error) => console.warn(`${spec.name}: ${error.message}`));
	const pending = new Map();
	let next = 0;
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	const started = performance.now();
	await new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`${spec.name}: not ready after ${READY_TIMEOUT_MS} ms`)),
			READY_TIMEOUT_MS
		);
		child.on('message', (message) => {
			if (message.ready) {
				clearTimeout(timer);
				return resolve();
			}
			const waiter = pending.get(message.id);
			pending.delete(message.id);
			if (message.error) waiter?.reject(new Error(message.error));
			else waiter?.resolve(message.result);
		});
		exited.then(({ code }) => {
			clearTimeout(timer);
			reject(new Error(`${spec.name}: exited early (${code})`));
			for (const waiter of pending.values()) waiter.reject(new Error(`${spec.name}: exited (${code})`));
		});
	});
	const startMs = performance.now() - started;
	return {
		pid: child.pid,
		startMs,
		call(cmd, args = {}) {
			const id = next++;
			return new Promise((resolve, reject) => {
				if (!child.connected) return reject(new Error(`${spec.name}: process is gone`));
				const timer = setTimeout(() => reject(new Error(`${spec.name}: ${cmd} timed out`)), CALL_TIMEOUT_MS);
				pending.set(id, {
					resolve: (v) => (clearTimeout(timer), resolve(v)),
					reject: (e) => (clearTimeout(timer), reject(e))
				});
				child.send({ id, cmd, ...args });
			});
		},
		/** Graceful stop (persist what is pending), then make sure the process is gone. */
		async stop(args = {}) {
			let result = null;
			if (child.exitCode === null) result = await this.call('stop', args).catch(() => null);
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
			return result;
		},
		kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	};
}
