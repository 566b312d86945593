import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import threadSource from './pglite-thread.js?raw';
import type { Statement } from './types';

// The embedded database in a worker thread of its own (pglite-thread.js): PGlite's WebAssembly runs
// synchronously, so in the app's thread every statement and every commit blocked the event loop (the
// collaboration server's delivery latency, bench/collab). Each statement is one message there and one back;
// values travel by structured clone, which keeps PGlite's types (Date, Uint8Array, json objects, arrays).

/** What the worker sends back for a failed request: the error's message and Postgres' fields. */
interface ErrorFields {
	name: string;
	message: string;
	hasParams?: boolean;
	[field: string]: unknown;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorFields };

/**
 * The error the caller sees: Postgres' fields (code, detail, constraint, …) as PGlite sets them, the
 * caller's parameters (PGlite's DatabaseError carries them too), a stack from this thread.
 */
function reviveError(fields: ErrorFields, params?: readonly unknown[]): Error {
	const { name, message, hasParams, ...rest } = fields;
	const error = new Error(message) as Error & Record<string, unknown>;
	Object.assign(error, rest);
	error.name = name;
	if (hasParams) error.params = params;
	return error;
}

/**
 * Buffers are views into a shared 8 KB pool: structured clone would copy the whole pool. A compact copy
 * goes instead (PGlite takes any Uint8Array for bytea, as before).
 */
function compact(params: readonly unknown[]): unknown[] {
	return params.map((value) =>
		value instanceof Uint8Array && value.byteLength !== value.buffer.byteLength ? new Uint8Array(value) : value
	);
}

// PGlite's own entry, resolved here (the data: URL worker cannot resolve package names). It stays in
// node_modules in the build too (a dependency, so adapter-node does not bundle it).
function pgliteUrl(): string {
	return pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
}

export interface PgliteWorkerOptions {
	/** The data directory; undefined for an in-memory database. */
	dataDir?: string;
	/** A data directory tarball to start from (`dumpDataDir`), moved to the worker. */
	loadDataDir?: Uint8Array;
	postgresqlconf: string[];
}

/** A transaction's connection inside the worker, as PGlite's: rows of one statement, several statements. */
export interface WorkerTx {
	query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
	exec(text: string): Promise<void>;
}

/** The client of one worker; requests are answered in the order the worker finishes them. */
export class PgliteWorker {
	#worker: Worker;
	#pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: ErrorFields) => void }>();
	#nextId = 1;
	#nextTx = 1;
	#closed = false;
	#failure: Error | null = null;

	private constructor(worker: Worker) {
		this.#worker = worker;
		// Held only while a request is in flight: an idle database keeps no process alive (as PGlite did).
		worker.unref();
		worker.on('message', (reply: Reply) => {
			const pending = this.#pending.get(reply.id);
			if (!pending) return;
			this.#pending.delete(reply.id);
			if (this.#pending.size === 0) worker.unref();
			if (reply.ok) pending.resolve(reply.value);
			else pending.reject(reply.error);
		});
		const fail = (error: Error) => {
			if (this.#closed) return;
			this.#failure = error;
			this.#closed = true;
			console.error('database: the PGlite worker stopped', error);
			for (const { reject } of this.#pending.values()) reject({ name: error.name, message: error.message });
			this.#pending.clear();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`the PGlite worker exited (code ${code})`)));
	}

	/** Starts a worker and opens the database in it. */
	static async start(options: PgliteWorkerOptions): Promise<PgliteWorker> {
		// Moved, not copied; a view into a larger buffer is copied first (the rest is not ours to move).
		const dump = options.loadDataDir;
		const loadDataDir = dump && dump.byteLength !== dump.buffer.byteLength ? dump.slice() : dump;
		const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(threadSource)}`), {
			workerData: { pgliteUrl: pgliteUrl(), ...options, loadDataDir },
			transferList: loadDataDir ? [loadDataDir.buffer as ArrayBuffer] : []
		});
		await new Promise<void>((resolve, reject) => {
			const onExit = (code: number) => reject(new Error(`the PGlite worker exited (code ${code}) while opening`));
			worker.once('exit', onExit);
			worker.once('error', reject);
			worker.once('message', (message: { ready: boolean; error?: ErrorFields }) => {
				worker.off('exit', onExit);
				worker.off('error', reject);
				if (message.ready) resolve();
				else reject(reviveError(message.error ?? { name: 'Error', message: 'PGlite did not open' }));
			});
		});
		return new PgliteWorker(worker);
	}

	get closed(): boolean {
		return this.#closed;
	}

	#request(message: Record<string, unknown>): Promise<unknown> {
		if (this.#closed)
			return Promise.reject(
				this.#failure
					? { name: 'Error', message: this.#failure.message }
					: { name: 'Error', message: 'PGlite is closed' }
			);
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			try {
				// Throws for a value structured clone cannot carry (a function, a symbol): nothing was sent.
				this.#worker.postMessage({ ...message, id });
			} catch (error) {
				const { name, message } = error instanceof Error ? error : new Error(String(error));
				reject({ name, message });
				return;
			}
			if (this.#pending.size === 0) this.#worker.ref();
			this.#pending.set(id, { resolve, reject });
		});
	}

	/** One request; a failure becomes an Error with the worker's fields, created here (this thread's stack). */
	async #call(message: Record<string, unknown>, params?: readonly unknown[]): Promise<unknown> {
		try {
			return await this.#request(message);
		} catch (fields) {
			throw reviveError(fields as ErrorFields, params);
		}
	}

	/**
	 * A transaction in the worker: PGlite's mutex there runs them one at a time, in the order asked for.
	 * `setup` runs first (the role). It commits when `fn` resolves, and rolls back when `fn` throws.
	 */
	async transaction<T>(setup: string | null, fn: (tx: WorkerTx) => Promise<T>): Promise<T> {
		const tx = this.#nextTx++;
		await this.#call({ op: 'begin', tx, setup });
		const workerTx: WorkerTx = {
			query: async <R>(text: string, params: readonly unknown[] = []) => {
				const rows = await this.#call({ op: 'query', tx, text, params: compact(params) }, params);
				return { rows: rows as R[] };
			},
			exec: async (text: string) => {
				await this.#call({ op: 'exec', tx, text });
			}
		};
		let result: T;
		try {
			result = await fn(workerTx);
		} catch (error) {
			// PGlite rethrew the callback's error after its ROLLBACK; a failing ROLLBACK left it as it was.
			await this.#call({ op: 'end', tx, commit: false }).catch(() => {});
			throw error;
		}
		await this.#call({ op: 'end', tx, commit: true });
		return result;
	}

	/** `setup` and the statements in one transaction of their own, in one message; each statement's rows. */
	async batch(setup: string, statements: readonly Statement[]): Promise<unknown[][]> {
		const message = {
			op: 'batch',
			setup,
			statements: statements.map(({ text, params = [] }) => ({ text, params: compact(params) }))
		};
		try {
			return (await this.#request(message)) as unknown[][];
		} catch (fields) {
			const { statement, ...rest } = fields as ErrorFields & { statement?: number };
			throw reviveError(rest, statement === undefined ? undefined : statements[statement]?.params);
		}
	}

	/** One statement without parameters outside any transaction (after the open ones, in the order asked for). */
	async query<R>(text: string): Promise<R[]> {
		return (await this.#call({ op: 'query', tx: null, text, params: [] })) as R[];
	}

	/** The data directory as an uncompressed tarball; inside a transaction it is that transaction's state. */
	async dumpDataDir(): Promise<ArrayBuffer> {
		return (await this.#call({ op: 'dump' })) as ArrayBuffer;
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		try {
			await this.#call({ op: 'close' });
		} finally {
			// Before the worker exits: its exit is then no failure to report.
			this.#closed = true;
			await this.#worker.terminate();
		}
	}
}
