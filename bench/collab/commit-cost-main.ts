// One measurement of `npm run bench:collab:commit` (commit-cost.mjs starts a process for each): the CPU a group
// commit costs, without sockets or clients. Two people type alternately into one paper; their updates are
// committed in batches through the collaboration server's own commitBatch (group-commit.ts), one after another.
// `$lib` points at the checkout under test, so the same workload runs against another checkout's code.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openPglite } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';
import { migrate } from '$lib/server/db/migrate';
import { commitBatch } from '$lib/server/collab/group-commit';
import { processStats } from './proc-stats.mjs';
import { createWorld } from './servers/world';

function commandOf(pid: string): string | null {
	try {
		return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return null; // the process ended meanwhile
	}
}

/** CPU time of all PostgreSQL processes on this machine, ms (0 when there are none). */
function postgresCpuMs(): number {
	let seconds = 0;
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		// processStats counts a process that ended meanwhile as 0.
		if (commandOf(pid) === 'postgres') seconds += processStats(Number(pid)).cpuSeconds;
	}
	return seconds * 1000;
}

/** Updates of two people typing tokens alternately, as the typing scenario does, in commit batches. */
function typedBatches(users: string[], commits: number, batchSize: number) {
	const docs = users.map(() => new Y.Doc());
	const updates: { update: Uint8Array; userId: string }[] = [];
	docs.forEach((doc, i) => doc.on('update', (update: Uint8Array) => updates.push({ update, userId: users[i]! })));
	for (let k = 0; k < commits * batchSize; k++) {
		const text = docs[k % docs.length]!.getText('default');
		text.insert(text.length, `[${k % docs.length}:${k}] `);
	}
	const batches: (typeof updates)[] = [];
	for (let k = 0; k < updates.length; k += batchSize) batches.push(updates.slice(k, k + batchSize));
	return batches;
}

export async function main() {
	const env = process.env;
	const commits = Number(env.BENCH_COMMITS ?? 1500);
	const warmUp = Math.min(200, commits);
	const batchSize = Number(env.BENCH_COMMIT_BATCH ?? 2);
	const db = env.BENCH_PG_URL ? openPostgres(env.BENCH_PG_URL) : await openPglite(env.BENCH_PGLITE_DIR!);
	try {
		await migrate(db);
		const { paperId, users } = await createWorld(db, 2);
		const batches = typedBatches(
			users.map((user) => user.id),
			warmUp + commits,
			batchSize
		);
		for (const batch of batches.slice(0, warmUp)) await commitBatch(db, paperId, batch);
		const measured = batches.slice(warmUp);
		const pg0 = postgresCpuMs();
		const cpu0 = process.cpuUsage();
		const loop0 = performance.eventLoopUtilization();
		const t0 = performance.now();
		for (const batch of measured) {
			const result = await commitBatch(db, paperId, batch);
			if (result.error) throw result.error;
		}
		const wallMs = performance.now() - t0;
		const loop = performance.eventLoopUtilization(loop0);
		const cpu = process.cpuUsage(cpu0);
		const postgresMs = env.BENCH_PG_URL ? postgresCpuMs() - pg0 : null;
		const per = (value: number) => value / measured.length;
		return {
			commits: measured.length,
			batchSize,
			wallMs: per(wallMs),
			processCpuMs: per((cpu.user + cpu.system) / 1000),
			mainThreadMs: per(loop.active),
			postgresCpuMs: postgresMs === null ? null : per(postgresMs)
		};
	} finally {
		await db.close();
	}
}
