import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CHILD = path.resolve('tests/support/collab-child.mjs');

/** A collaboration server process; `call` runs a command in it over IPC. */
export interface CollabProcess {
	child: ChildProcess;
	base: string;
	call<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
	kill(): Promise<void>;
}

export async function spawnCollabProcess(env: Record<string, string>): Promise<CollabProcess> {
	const child = fork(CHILD, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let next = 0;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const port = await new Promise<number>((resolve, reject) => {
		child.on(
			'message',
			(message: { ready?: boolean; port?: number; id?: number; result?: unknown; error?: string }) => {
				if (message.ready) return resolve(message.port!);
				const waiter = pending.get(message.id!);
				pending.delete(message.id!);
				if (message.error) waiter?.reject(new Error(message.error));
				else waiter?.resolve(message.result);
			}
		);
		child.once('exit', (code) => reject(new Error(`collab process exited early (${code})`)));
	});
	return {
		child,
		base: `ws://127.0.0.1:${port}`,
		call<T>(cmd: string, args: Record<string, unknown> = {}) {
			const id = next++;
			return new Promise<T>((resolve, reject) => {
				pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
				child.send({ id, cmd, ...args });
			});
		},
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
