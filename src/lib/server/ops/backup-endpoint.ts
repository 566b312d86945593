import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Database } from '../db/types';
import { pgliteOf, type PgliteHandle } from '../db/pglite';
import { BackupError, createBackup } from './backup';

/**
 * Online backup of the embedded mode. PGlite allows one process per directory, so `npm run backup` cannot
 * open the database while the app runs: it asks the app instead, over a Unix socket in a directory only
 * the owner of DATA_DIR may enter (`DATA_DIR/run/backup.sock`, directory 0700, socket 0600). There is no TCP
 * port, nothing is reachable from the network, and only the account that could read DATA_DIR anyway (or
 * root) can connect. `POST /backup` answers with the archive (application/zip), the same format as the
 * offline backup; the CLI checks it and writes the file itself, so the app never writes where it is told.
 */

export const BACKUP_SOCKET = path.join('run', 'backup.sock');
/** Linux's limit for a Unix socket path (sun_path, 108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH = 107;

export function backupSocketPath(dataDir: string): string {
	return path.join(path.resolve(dataDir), BACKUP_SOCKET);
}

export interface BackupEndpoint {
	socketPath: string;
	close(): Promise<void>;
}

/** The answer to one request; the archive or a message for the operator. */
async function answer(
	pg: PgliteHandle,
	dataDir: string,
	waitMs: number | undefined
): Promise<{ status: number; body: Uint8Array | string }> {
	if (pg.closed) return { status: 503, body: 'the app is shutting down: no backup taken' };
	try {
		return { status: 200, body: await createBackup(pg, dataDir, new Date(), { waitMs }) };
	} catch (error) {
		if (error instanceof BackupError) return { status: 503, body: error.message };
		console.error('backup: taking the backup failed', error);
		return { status: 500, body: `the app could not take the backup: ${String(error)}` };
	}
}

/**
 * Listens on `DATA_DIR/run/backup.sock` for `npm run backup`. One backup at a time (a second gets 409).
 * A stale socket of a crashed run is replaced: PGlite has just opened DATA_DIR/db, so no other live app
 * owns this DATA_DIR. The socket is removed on close and at process exit.
 */
export async function startBackupEndpoint(input: {
	pg: PgliteHandle;
	dataDir: string;
	waitMs?: number;
}): Promise<BackupEndpoint> {
	const socketPath = backupSocketPath(input.dataDir);
	if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH)
		throw new Error(
			`${socketPath} is longer than a Unix socket path may be (${MAX_SOCKET_PATH} bytes): use a shorter DATA_DIR`
		);
	fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
	fs.chmodSync(path.dirname(socketPath), 0o700);
	fs.rmSync(socketPath, { force: true });

	let busy = false;
	const server = http.createServer((request, response) => {
		const reply = (status: number, body: Uint8Array | string) => {
			response.writeHead(status, {
				'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/zip',
				'content-length': Buffer.byteLength(body),
				'x-beirat-pid': String(process.pid)
			});
			response.end(body);
		};
		if (request.method !== 'POST' || request.url !== '/backup') return reply(404, 'not found');
		if (busy) return reply(409, 'another backup is being taken right now: try again when it is done');
		busy = true;
		request.resume();
		answer(input.pg, input.dataDir, input.waitMs)
			.then(({ status, body }) => reply(status, body))
			.finally(() => {
				busy = false;
			});
	});
	server.unref();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => {
			server.off('error', reject);
			resolve();
		});
	});
	fs.chmodSync(socketPath, 0o600);
	const removeSocket = () => fs.rmSync(socketPath, { force: true });
	process.once('exit', removeSocket);
	return {
		socketPath,
		close: () =>
			new Promise<void>((resolve) => {
				process.off('exit', removeSocket);
				server.close(() => resolve());
				server.closeAllConnections();
				removeSocket();
			})
	};
}

/** Started by the app in the embedded mode; a failure is reported and the app serves on without it. */
export async function startOnlineBackup(db: Database, dataDir: string): Promise<BackupEndpoint | null> {
	const pg = pgliteOf(db);
	if (!pg) return null;
	try {
		return await startBackupEndpoint({ pg, dataDir });
	} catch (error) {
		console.warn(
			`backup: online backup unavailable (npm run backup needs the app stopped): ${error instanceof Error ? error.message : error}`
		);
		return null;
	}
}
