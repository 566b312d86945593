// @ts-check
// The worker thread that owns an embedded database (pglite-worker.ts starts it). PGlite's Postgres is
// WebAssembly and runs synchronously: in its own thread, its statements and commits no longer block the
// app's event loop. This file is loaded as a string (`?raw`) and started from a data: URL, so it exists in
// the dev server, in Vitest and in the adapter-node build alike; it may import only `node:` modules and
// absolute URLs (PGlite's is passed in `workerData`).
//
// Requests (each with an `id`; the reply is `{ id, ok, value }` or `{ id, ok: false, error }`):
// - `begin {tx, setup}`: waits for PGlite's transaction mutex (so transactions run one after another, in the
//   order they were asked for, as before), runs `setup` (the role), and replies once the transaction is open;
// - `query {tx, text, params}` → rows; `exec {tx, text}`: statements inside the open transaction `tx` (`query`
//   with `tx: null`: one statement outside any transaction, after the open ones);
// - `end {tx, commit}`: COMMIT (its error is the reply's) or ROLLBACK;
// - `batch {setup, statements}`: `setup` and the statements (`{text, params}`) in one transaction of their own,
//   committed at once → each statement's rows (a failure rolls it back and is the reply's, with the index of the
//   statement that failed as `statement`);
// - `dump`: the data directory as an uncompressed tarball (ArrayBuffer, transferred), for the online
//   backup, which asks for it inside its own transaction;
// - `close`.
import { parentPort, workerData } from 'node:worker_threads';

/**
 * @typedef {{ query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>, exec(text: string): Promise<unknown> }} PgTx
 * @typedef {{ tx: PgTx, commit: (value?: unknown) => void, rollback: (reason: unknown) => void, finished: Promise<unknown> }} OpenTx
 */

const port = parentPort;
if (!port) throw new Error('pglite-thread.js runs as a worker thread only');

/** Thrown into PGlite's transaction callback to make it roll back; never leaves this thread. */
const ROLLBACK = Symbol('rollback');

/** An error as plain fields: the message, and Postgres' fields (code, detail, constraint, …) of a DatabaseError. */
function errorFields(/** @type {unknown} */ error) {
	if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
	/** @type {Record<string, unknown>} */
	const fields = { name: error.name, message: error.message };
	for (const [key, value] of Object.entries(error)) {
		// The parameters are the caller's own (it puts them back); query options are not ours to send.
		if (key === 'params') fields.hasParams = true;
		else if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) fields[key] = value;
	}
	return fields;
}

const { pgliteUrl, dataDir, loadDataDir, postgresqlconf } = workerData;
/** @type {any} */
let pg;
try {
	const pglite = await import(pgliteUrl);
	const PGlite = pglite.PGlite ?? pglite.default?.PGlite;
	pg = await PGlite.create(dataDir, {
		postgresqlconf,
		...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {})
	});
	port.postMessage({ ready: true });
} catch (error) {
	port.postMessage({ ready: false, error: errorFields(error) });
	process.exit(1);
}

/** @type {Map<number, OpenTx>} */
const open = new Map();

/** @param {number} tx */
function openTx(tx) {
	const entry = open.get(tx);
	if (!entry) throw new Error('Transaction is closed');
	return entry;
}

/** @param {{ tx: number, setup: string | null }} request */
async function begin({ tx, setup }) {
	/** @type {(value?: unknown) => void} */
	let started = () => {};
	const begun = new Promise((resolve) => (started = resolve));
	const finished = pg.transaction(async (/** @type {PgTx} */ pgTx) => {
		if (setup) await pgTx.query(setup);
		await new Promise((commit, rollback) => {
			open.set(tx, { tx: pgTx, commit, rollback, finished });
			started();
		});
	});
	// Awaited by `end`; a transaction that fails before it began is this request's failure.
	finished.catch(() => {});
	await Promise.race([begun, finished]);
}

/** @param {{ tx: number, commit: boolean }} request */
async function end({ tx, commit }) {
	const entry = openTx(tx);
	open.delete(tx);
	if (commit) {
		entry.commit();
		await entry.finished;
	} else {
		entry.rollback(ROLLBACK);
		await entry.finished.catch((/** @type {unknown} */ error) => {
			if (error !== ROLLBACK) throw error;
		});
	}
}

/** @param {{ setup: string, statements: { text: string, params: unknown[] }[] }} request */
function batch({ setup, statements }) {
	return pg.transaction(async (/** @type {PgTx} */ pgTx) => {
		await pgTx.query(setup);
		const results = [];
		for (const [index, { text, params }] of statements.entries()) {
			try {
				results.push((await pgTx.query(text, params)).rows);
			} catch (error) {
				// Which statement failed, so that the caller can give the error its parameters back.
				throw Object.assign(/** @type {object} */ (error), { statement: index });
			}
		}
		return results;
	});
}

/**
 * @param {any} request
 * @returns {Promise<{ value?: unknown, transfer?: ArrayBuffer[] }>}
 */
async function handle(request) {
	switch (request.op) {
		case 'query':
			// Without a transaction: PGlite's own query, which waits for the open transactions.
			if (request.tx === null) return { value: (await pg.query(request.text, request.params)).rows };
			return { value: (await openTx(request.tx).tx.query(request.text, request.params)).rows };
		case 'exec':
			await openTx(request.tx).tx.exec(request.text);
			return {};
		case 'begin':
			await begin(request);
			return {};
		case 'end':
			await end(request);
			return {};
		case 'batch':
			return { value: await batch(request) };
		case 'dump': {
			const buffer = await (await pg.dumpDataDir('none')).arrayBuffer();
			return { value: buffer, transfer: [buffer] };
		}
		case 'close':
			await pg.close();
			return {};
		default:
			throw new Error(`unknown request ${String(request.op)}`);
	}
}

port.on('message', (/** @type {any} */ request) => {
	const fail = (/** @type {unknown} */ error) =>
		port.postMessage({ id: request.id, ok: false, error: errorFields(error) });
	handle(request).then(({ value, transfer }) => {
		try {
			port.postMessage({ id: request.id, ok: true, value }, transfer ?? []);
		} catch (error) {
			// A value structured clone cannot carry (none of PGlite's types): the caller's failure, not ours.
			fail(error);
		}
	}, fail);
});
