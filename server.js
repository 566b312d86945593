// Production entry: serves the SvelteKit build (adapter-node) and owns the HTTP server, so that the
// WebSocket upgrade for /collab/ can be attached to the same port later.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { closeAfterResponse, createDrain } from './scripts/drain.js';

const HANDLER_URL = new URL('./build/handler.js', import.meta.url);
// Longest a shutdown may take before open connections are cut (a stuck keep-alive must not block a deploy).
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Prints a start-up failure without a stack when it is a configuration problem, and exits 1.
 * @param {string} message
 * @param {unknown} [error]
 * @returns {never}
 */
function fail(message, error) {
	// Matched by name: the class lives inside the build. Its message already lists every wrong variable.
	if (error instanceof Error && error.constructor.name === 'ConfigError')
		console.error(`Beirat could not start. ${error.message}`);
	else if (error) console.error(`Beirat could not start: ${message}`, error);
	else console.error(`Beirat could not start: ${message}`);
	process.exit(1);
}

function readListenAddress() {
	const host = process.env.HOST?.trim() || '127.0.0.1';
	const rawPort = process.env.PORT?.trim() || '3000';
	const port = Number(rawPort);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		fail(`PORT must be a number between 1 and 65535 (got "${rawPort}").`);
	}
	return { host, port };
}

/** `host` as it appears in a URL: IPv6 literals need brackets. */
function urlHost(host) {
	return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

// The request id (src/lib/server/observability/request.ts reads it): the reverse proxy's when it looks
// like one, else a new one; set here so that every response carries it, also those SvelteKit builds from
// a thrown redirect.
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
function tagRequest(request, response) {
	const given = request.headers['x-request-id'];
	const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
	request.headers['x-request-id'] = id;
	response.setHeader('x-request-id', id);
}

/** Settles when the build (and with it the app, through the init hook) has loaded. */
let appLoaded = Promise.resolve();

/**
 * Upgrade requests under /collab/ belong to the collaboration server. The build cannot export it to
 * this file, so the app publishes its upgrade handler on globalThis when it starts
 * (src/lib/server/collab/collab-process.ts); upgrades that arrive earlier wait for the app.
 */
function handleCollabUpgrade(request, socket, head) {
	socket.on('error', () => {});
	appLoaded
		.then(() => globalThis.__beiratApp)
		.then(
			() => {
				const handler = globalThis.__beiratCollabUpgrade;
				if (!handler) return rejectUpgrade(socket, 503, 'Service Unavailable');
				return handler(request, socket, head);
			},
			() => rejectUpgrade(socket, 503, 'Service Unavailable')
		)
		.catch((error) => {
			console.error('Beirat: collaboration upgrade failed', error);
			rejectUpgrade(socket, 500, 'Internal Server Error');
		});
}

function rejectUpgrade(socket, status, reason) {
	// A client that already went away must not crash the process with an unhandled 'error'.
	socket.on('error', () => {});
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	}
	socket.destroy();
}

function onUpgrade(request, socket, head) {
	const { pathname } = new URL(request.url ?? '/', 'http://localhost');
	if (pathname.startsWith('/collab/')) handleCollabUpgrade(request, socket, head);
	else rejectUpgrade(socket, 404, 'Not Found');
}

// Shutdown reads the app off globalThis, where src/lib/server/app.ts keeps it for exactly one per process.
async function closeApp() {
	const app = await globalThis.__beiratApp?.catch(() => undefined);
	await app?.db?.close();
}

/**
 * SIGTERM drains this node (scripts/drain.js): new connections go elsewhere, pending collaborative
 * edits are committed and acknowledged, sockets close with 1012 so their clients reconnect to another
 * node, then the database closes and the process exits 0.
 */
function shutdownOnSignals(server) {
	const drain = createDrain({
		server,
		// Open WebSockets would otherwise hold server.close() until the grace runs out.
		closeCollab: () => globalThis.__beiratCollabClose?.(),
		closeApp,
		graceMs: SHUTDOWN_GRACE_MS
	});
	process.on('SIGTERM', () => drain.drain('SIGTERM'));
	process.on('SIGINT', () => drain.drain('SIGINT'));
	return drain;
}

/** Binds the port before the app opens its database: a second instance fails here, touching nothing. */
async function listen(server, host, port) {
	const onListenError = (/** @type {NodeJS.ErrnoException} */ error) => {
		if (error.code === 'EADDRINUSE') fail(`port ${port} is in use on ${host} (set PORT).`);
		fail(`cannot listen on ${host}:${port}.`, error);
	};
	server.once('error', onListenError);
	await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
	server.off('error', onListenError);
}

async function main() {
	const { host, port } = readListenAddress();
	// adapter-node reads ORIGIN when the handler module loads and refuses form POSTs without it.
	process.env.ORIGIN ||= `http://${urlHost(host)}:${port}`;
	// Paper imports may be up to 5 MB and file uploads up to 25 MiB (bucket board-files, plus multipart
	// overhead); adapter-node's default request body limit is 512 kB.
	process.env.BODY_SIZE_LIMIT ||= '30M';
	if (!fs.existsSync(HANDLER_URL)) fail('no build found. Run `npm run build` first (`npm start` builds when needed).');

	// Loading the build runs the app's init hook (config, database, migrations, demo data). Requests
	// that arrive meanwhile wait for it; if it fails, the process exits with the reason.
	const server = http.createServer((request, response) => {
		closeAfterResponse(drain, response);
		tagRequest(request, response);
		loading.then(
			(handler) => handler(request, response),
			() => response.destroy()
		);
	});
	server.on('upgrade', (request, socket, head) =>
		drain.draining() ? rejectUpgrade(socket, 503, 'Service Unavailable') : onUpgrade(request, socket, head)
	);
	const drain = shutdownOnSignals(server);
	/** @type {Promise<import('node:http').RequestListener>} */
	const loading = listen(server, host, port)
		.then(() => import(HANDLER_URL.href))
		.then((module) => module.handler);
	appLoaded = loading.then(() => undefined);
	try {
		await loading;
	} catch (error) {
		fail('loading the build failed.', error);
	}
	console.log(`Beirat ready on http://${urlHost(host)}:${port} (public URL ${process.env.ORIGIN})`);
}

await main();
