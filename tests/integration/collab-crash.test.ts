import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import type { PaperWorld } from '../support/collab';
import { connectWithTicket, until, type TestClient } from '../support/collab';
import { spawnCollabProcess, type CollabProcess } from '../support/collab-process';

interface Target {
	name: string;
	env(): Promise<Record<string, string>>;
	cleanup(): Promise<void>;
}

function targets(): Target[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-collab-crash-'));
	const list: Target[] = [
		{
			name: 'pglite',
			env: async () => ({ COLLAB_PGLITE_DIR: dir }),
			cleanup: async () => fs.rmSync(dir, { recursive: true, force: true })
		}
	];
	const base = process.env.TEST_DATABASE_URL;
	if (base) {
		const name = `beirat_collab_crash_${process.pid}_${Date.now()}`;
		const url = new URL(base);
		url.pathname = `/${name}`;
		list.push({
			name: 'postgres',
			async env() {
				const admin = postgres(base, { max: 1, onnotice: () => {} });
				await admin.unsafe(`create database ${name}`);
				await admin.end();
				return { COLLAB_DATABASE_URL: url.toString(), REDIS_URL: '' };
			},
			async cleanup() {
				const admin = postgres(base, { max: 1, onnotice: () => {} });
				await admin.unsafe(`drop database if exists ${name} with (force)`);
				await admin.end();
			}
		});
	}
	return list;
}

describe.each(targets())('collaboration server killed with SIGKILL on $name', (target) => {
	const clients: TestClient[] = [];
	const processes: CollabProcess[] = [];
	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const child of processes) await child.kill();
		await target.cleanup();
	});

	it('keeps every change it reported as saved, and the clients converge after a restart', async () => {
		const env = await target.env();
		const first = await spawnCollabProcess(env);
		processes.push(first);
		const world = await first.call<PaperWorld>('world');
		const users = [world.editor, world.editor2, world.office];
		for (const user of users) {
			const { ticket } = await first.call<{ ticket: string }>('ticket', { user, paperId: world.paperId });
			clients.push(await connectWithTicket(first.base, world.paperId, ticket));
		}
		// Per client: the text typed with each update frame, by frame number (what "saved" counts).
		const typed = clients.map(() => new Map<number, string>());
		let round = 0;
		const typing = setInterval(() => {
			clients.forEach((client, i) => {
				const text = `c${i}-r${round}`;
				client.type(text);
				typed[i]!.set(client.sent, text);
			});
			round += 1;
		}, 7);
		await until(() => round >= 40 && clients.every((client) => client.saved > 5), 10_000, 'typing and saving');
		await first.kill();
		clearInterval(typing);
		const reportedSaved = clients.flatMap((client, i) =>
			[...typed[i]!].filter(([frame]) => frame <= client.saved).map(([, text]) => text)
		);
		expect(reportedSaved.length).toBeGreaterThan(15);

		const second = await spawnCollabProcess(env);
		processes.push(second);
		const stored = await second.call<string>('stored', { paperId: world.paperId });
		const lost = reportedSaved.filter((text) => !stored.split('\n').includes(text));
		expect(lost).toEqual([]);

		// The clients reconnect to the new process (fresh tickets) and everything converges there.
		for (const [i, client] of clients.entries()) {
			const { ticket } = await second.call<{ ticket: string }>('ticket', { user: users[i], paperId: world.paperId });
			client.provider.serverUrl = `${second.base}/collab`;
			client.provider.params = { ticket };
		}
		await until(
			() => clients.every((client) => client.provider.synced && client.allSaved()),
			15_000,
			'reconnected and saved'
		);
		const texts = clients.map((client) => client.text());
		expect(new Set(texts).size).toBe(1);
		const all = typed.flatMap((map) => [...map.values()]);
		for (const text of all) expect(texts[0]!.split('\n')).toContain(text);
		await until(
			async () => (await second.call<string>('stored', { paperId: world.paperId })) === texts[0],
			5_000,
			'stored equals clients'
		);
	});
});
