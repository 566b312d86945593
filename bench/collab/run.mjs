// bench/collab: typing workload (N clients) and cold load of a large paper, against our collab
// server and two peers, in one run. Prints a table per scenario and writes results/*.json.
// Everything listens on 127.0.0.1 (ports 4810-4839); every wait is bounded; the run ends by itself.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import postgres from 'postgres';
import * as Y from 'yjs';
import { charCount, createClient, textOf } from './clients.mjs';
import { processStats } from './proc-stats.mjs';
import { serverSpecs, startServer } from './servers.mjs';
import { formatTable, percentile } from './report.mjs';
import { orderForRound, summarizeRounds } from './rounds.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const config = {
	clients: (env.BENCH_CLIENTS ?? '10,50')
		.split(',')
		.map(Number)
		.filter((n) => n > 1 && n <= 200),
	durationMs: Math.min(Number(env.BENCH_DURATION_MS ?? 15_000), 120_000),
	warmUpMs: Math.min(Number(env.BENCH_WARMUP_MS ?? 5_000), 60_000),
	serverWarmUpMs: Math.min(Number(env.BENCH_SERVER_WARMUP_MS ?? 0), 120_000),
	intervalMs: [100, 200],
	settleMs: 10_000,
	caret: env.BENCH_CARET === '1',
	coldChars: Math.max(0, Math.min(Number(env.BENCH_COLD_CHARS ?? 200_000), 2_000_000)),
	coldParagraphChars: 100,
	servers: env.BENCH_SERVERS ? env.BENCH_SERVERS.split(',') : null,
	rounds: Math.max(1, Math.min(Math.floor(Number(env.BENCH_ROUNDS ?? 1)) || 1, 8))
};
/** The whole run is cut off after this (the bench must stop by itself): 30 minutes per round. */
const HARD_LIMIT_MS = config.rounds * 30 * 60_000;
const CONNECT_TIMEOUT_MS = 60_000;
const SAMPLE_MS = 250;

/** Offsets (ms from the start) of one client's keystrokes: uniform 100–200 ms apart, seeded by client. */
function scheduleFor(client, durationMs) {
	let seed = (client + 1) * 0x9e3779b1;
	const random = () => {
		// mulberry32
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const [lo, hi] = config.intervalMs;
	const offsets = [];
	for (let at = random() * lo; at < durationMs; at += lo + random() * (hi - lo)) offsets.push(at);
	return offsets;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every client types its seeded schedule for `durationMs` (`type(client, i, seq)` types one keystroke). A fixed
 * schedule per client: every server gets exactly the same keystrokes. A client that falls behind (busy bench
 * process) catches up, so the offered load does not depend on it. Returns how many keystrokes were typed.
 */
async function typeSchedule(clients, durationMs, type) {
	const started = performance.now();
	let typed = 0;
	await Promise.all(
		clients.map(async (client, i) => {
			const schedule = scheduleFor(i, durationMs);
			for (let seq = 0; seq < schedule.length;) {
				const wait = started + schedule[seq] - performance.now();
				if (wait > 0) await sleep(wait);
				while (seq < schedule.length && started + schedule[seq] <= performance.now()) {
					type(client, i, seq);
					typed += 1;
					seq += 1;
				}
			}
		})
	);
	return typed;
}

async function until(check, timeoutMs) {
	const deadline = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > deadline) return false;
		await sleep(20);
	}
	return true;
}

/** Samples RSS of the server process every SAMPLE_MS while running. */
function rssSampler(pid) {
	const samples = [];
	const timer = setInterval(() => samples.push(processStats(pid).rss), SAMPLE_MS);
	return {
		stop() {
			clearInterval(timer);
			samples.push(processStats(pid).rss);
			return { peak: Math.max(...samples), end: samples.at(-1) };
		}
	};
}

async function connectAll(targets, makeOptions) {
	const started = performance.now();
	const clients = targets.map((target, i) => createClient(target, makeOptions(i)));
	const ok = await until(() => clients.every((c) => c.synced()), CONNECT_TIMEOUT_MS);
	if (!ok) throw new Error(`only ${clients.filter((c) => c.synced()).length}/${clients.length} clients synced`);
	return { clients, connectMs: performance.now() - started };
}

/** One server, n clients typing: returns the figures and, apart, every delivery latency (for pooling rounds). */
async function typingScenario(spec, n, durationMs = config.durationMs) {
	const server = await startServer(spec);
	try {
		const paper = await spec.paper(server, n);
		const idle = processStats(server.pid);
		const counters = Array.from({ length: n }, () => ({ rx: 0, tx: 0 }));
		const sentAt = new Map();
		const seen = Array.from({ length: n }, () => new Set());
		const latencies = [];
		const savedLatencies = [];
		let collecting = true;
		let typing = false;
		const { clients, connectMs } = await connectAll(await paper.targets(n), (i) => ({
			counter: counters[i],
			onSaved(ms) {
				if (typing) savedLatencies.push(ms);
			},
			onTokens(tokens, now) {
				for (const token of tokens) {
					if (seen[i].has(token)) continue;
					seen[i].add(token);
					const at = sentAt.get(token);
					if (at !== undefined && collecting) latencies.push(now - at);
				}
			}
		}));
		const rss = rssSampler(server.pid);
		// The identity our server stamps into awareness, set by the clients themselves: same payload everywhere.
		for (const [i, client] of clients.entries())
			client.provider.awareness.setLocalStateField('user', {
				id: randomUUID(),
				name: `Bench ${i}`,
				color: `hsl(${(i * 37) % 360} 70% 40%)`
			});
		for (const client of clients) client.openParagraph();
		// Unmeasured typing against this server process first (BENCH_SERVER_WARMUP_MS): its first seconds carry the
		// start-up's garbage collection (a young generation grown while migrating, the memory reducer's compactions).
		// The text "(i:seq) " is no token: nobody counts it.
		if (config.serverWarmUpMs > 0)
			await typeSchedule(clients, config.serverWarmUpMs, (client, i, seq) =>
				client.type(`(${i}:${seq}) `, config.caret)
			);
		await sleep(1_000);
		const loop = monitorEventLoopDelay({ resolution: 1 });
		loop.enable();
		const cpuBefore = processStats(server.pid).cpuSeconds;
		const benchCpuBefore = process.cpuUsage();
		await server.call('loopReset');
		const bytesBefore = counters.reduce((sum, c) => sum + c.rx + c.tx, 0);
		const messagesBefore = counters.reduce((sum, c) => sum + (c.rxMessages ?? 0), 0);
		typing = true;
		const started = performance.now();
		const sent = await typeSchedule(clients, durationMs, (client, i, seq) => {
			sentAt.set(`${i}:${seq}`, performance.now());
			client.type(`[${i}:${seq}] `, config.caret);
		});
		const typedMs = performance.now() - started;
		const cpuTyping = processStats(server.pid).cpuSeconds - cpuBefore;
		const benchCpu = process.cpuUsage(benchCpuBefore);
		const serverLoop = await server.call('loopStats');
		const bytesTyping = counters.reduce((sum, c) => sum + c.rx + c.tx, 0) - bytesBefore;
		const messagesTyping = counters.reduce((sum, c) => sum + (c.rxMessages ?? 0), 0) - messagesBefore;
		const expected = sent * (n - 1);
		const received = () => seen.reduce((sum, set) => sum + set.size, 0);
		const settleStarted = performance.now();
		await until(() => received() >= expected, config.settleMs);
		const settleMs = performance.now() - settleStarted;
		collecting = false;
		typing = false;
		loop.disable();
		const memory = rss.stop();
		const texts = clients.map((c) => c.text());
		const vectors = clients.map((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('base64'));
		const converged = texts.every((t) => t === texts[0]) && vectors.every((v) => v === vectors[0]);
		const stateBytes = Y.encodeStateAsUpdate(clients[0].doc).length;
		const chars = charCount(clients[0].doc);
		const disconnects = clients.reduce((sum, c) => sum + c.state.disconnects, 0);
		for (const client of clients) client.destroy();
		await sleep(500);
		const stored = await server.stop({ name: paper.name });
		latencies.sort((a, b) => a - b);
		savedLatencies.sort((a, b) => a - b);
		const result = {
			clients: n,
			connectMs,
			updatesSent: sent,
			typedMs,
			updatesPerSecond: sent / (typedMs / 1000),
			deliveriesExpected: expected,
			deliveriesReceived: received(),
			lost: expected - received(),
			deliveriesPerSecond: latencies.length / (typedMs / 1000),
			latencyMs: {
				p50: percentile(latencies, 0.5),
				p95: percentile(latencies, 0.95),
				p99: percentile(latencies, 0.99),
				max: latencies.at(-1) ?? null,
				samples: latencies.length
			},
			savedMs: savedLatencies.length
				? {
						p50: percentile(savedLatencies, 0.5),
						p95: percentile(savedLatencies, 0.95),
						p99: percentile(savedLatencies, 0.99),
						samples: savedLatencies.length
					}
				: null,
			settleMs,
			converged,
			distinctTexts: new Set(texts).size,
			disconnects,
			serverRss: { idle: idle.rss, peak: memory.peak, end: memory.end },
			serverLoopDelayMs: serverLoop,
			serverCpuPercent: (cpuTyping / (typedMs / 1000)) * 100,
			clientBytesPerSecond: bytesTyping / (typedMs / 1000),
			clientMessagesPerSecond: messagesTyping / (typedMs / 1000),
			clientLoopDelayP99Ms: loop.percentile(99) / 1e6,
			clientCpuPercent: ((benchCpu.user + benchCpu.system) / 1e6 / (typedMs / 1000)) * 100,
			doc: { chars, stateBytes, storedBytes: stored?.bytes ?? null, logRows: stored?.rows ?? null }
		};
		return { result, latencies };
	} finally {
		server.kill();
	}
}

async function coldLoadScenario(spec) {
	const paragraphs = Math.ceil(config.coldChars / config.coldParagraphChars);
	const filler = 'Die Innenstadt von Hamm soll bis 2030 lebendiger, grüner und besser erreichbar werden; dazu ';
	const line = (i) =>
		`${String(i).padStart(6, '0')} ${filler}`
			.slice(0, config.coldParagraphChars)
			.padEnd(config.coldParagraphChars, '.');
	let server = await startServer(spec);
	let paper;
	let seed;
	try {
		paper = await spec.paper(server, 3);
		const [writerTarget] = await paper.targets(1);
		const { clients } = await connectAll([writerTarget], () => ({}));
		const writer = clients[0];
		for (let i = 0; i < paragraphs; i += 50) {
			writer.appendParagraphs(Array.from({ length: Math.min(50, paragraphs - i) }, (_, k) => line(i + k)));
			await sleep(5);
		}
		seed = {
			chars: charCount(writer.doc),
			stateBytes: Y.encodeStateAsUpdate(writer.doc).length,
			text: textOf(writer.doc)
		};
		// The server has all of it once a second client syncs to the full length.
		const [probeTarget] = await paper.targets(1);
		const probe = (await connectAll([probeTarget], () => ({}))).clients[0];
		if (!(await until(() => charCount(probe.doc) === seed.chars, 60_000)))
			throw new Error('seed did not reach the server');
		writer.destroy();
		probe.destroy();
		await sleep(500);
	} catch (error) {
		server.kill();
		throw error;
	}
	const stored = await server.stop({ name: paper.name });
	// A new process: nothing in memory, the paper comes from the store.
	server = await startServer(spec);
	try {
		const baseline = processStats(server.pid).rss;
		const [target] = await paper.targets(1, server);
		const started = performance.now();
		const cold = createClient(target);
		const ok = await until(() => cold.synced() && charCount(cold.doc) === seed.chars, 60_000);
		const coldMs = performance.now() - started;
		const equal = ok && textOf(cold.doc) === seed.text;
		const [warmTarget] = await paper.targets(1, server);
		const warmStarted = performance.now();
		const warm = createClient(warmTarget);
		const warmOk = await until(() => warm.synced() && charCount(warm.doc) === seed.chars, 60_000);
		const warmMs = performance.now() - warmStarted;
		const loaded = processStats(server.pid).rss;
		cold.destroy();
		warm.destroy();
		await server.stop({ name: paper.name });
		return {
			chars: seed.chars,
			paragraphs,
			stateBytes: seed.stateBytes,
			storedBytes: stored?.bytes ?? null,
			logRows: stored?.rows ?? null,
			serverStartMs: server.startMs,
			coldLoadMs: ok ? coldMs : null,
			coldLoadComplete: equal,
			warmLoadMs: warmOk ? warmMs : null,
			serverRss: { afterStart: baseline, afterLoad: loaded }
		};
	} finally {
		server.kill();
	}
}

async function createPgDatabase(baseUrl, suffix = '') {
	const name = `beirat_bench_${process.pid}_${Date.now()}${suffix}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const cleanup = postgres(baseUrl, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

async function main() {
	// y-websocket registers an exit handler per provider.
	process.setMaxListeners(500);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-bench-collab-'));
	const hardStop = setTimeout(() => {
		console.error(`bench/collab: hard time limit (${HARD_LIMIT_MS / 60_000} min) reached, stopping`);
		fs.rmSync(workDir, { recursive: true, force: true });
		process.exit(2);
	}, HARD_LIMIT_MS);
	hardStop.unref();
	const pgBase = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || '';
	const pg = pgBase ? await createPgDatabase(pgBase) : null;
	const compareRoot = env.BENCH_COMPARE_ROOT ? path.resolve(env.BENCH_COMPARE_ROOT) : undefined;
	// The other checkout migrates a database of its own: its schema is part of what is compared.
	const pgCompare = pgBase && compareRoot ? await createPgDatabase(pgBase, '_compare') : null;
	// BENCH_SERVERS also sets the order the servers run in (the first matching entry counts), e.g. to see whether
	// running first or last changes a server's figures (the clients' process warms up over the run).
	const rank = (spec) => (config.servers ?? ['']).findIndex((wanted) => spec.name.includes(wanted));
	const specs = serverSpecs({ workDir, pgUrl: pg?.url, pgCompareUrl: pgCompare?.url, compareRoot })
		.filter((spec) => rank(spec) >= 0)
		.sort((a, b) => rank(a) - rank(b));
	const results = {
		startedAt: new Date().toISOString(),
		machine: {
			loadAverageAtStart: os.loadavg(),
			cpus: os.cpus().length,
			cpu: os.cpus()[0]?.model,
			memory: os.totalmem(),
			node: process.version
		},
		config,
		servers: specs.map((s) => ({ name: s.name, durable: s.durable })),
		typing: {},
		coldLoad: {}
	};
	console.log(
		`bench/collab — load average ${os
			.loadavg()
			.map((v) => v.toFixed(2))
			.join(' ')}, ${os.cpus().length} cores, Node ${process.version}; servers: ${specs.map((s) => s.name).join(', ')}`
	);
	console.log(
		`workload: each client types "[i:seq] " into its own paragraph every ${config.intervalMs.join('–')} ms for ${config.durationMs / 1000} s${config.caret ? ', moving its caret (awareness) each time' : ''}\n`
	);
	try {
		if (config.warmUpMs > 0 && specs.length > 0) {
			// Unmeasured typing first: the clients' process (JIT, heap) warms up over its first seconds, which
			// made the first server of a run look slower than the same server run last.
			process.stdout.write(`warm-up (not measured, ${config.warmUpMs / 1000} s): ${specs[0].name} … `);
			await typingScenario(specs[0], config.clients[0], config.warmUpMs);
			console.log('done');
		}
		for (const n of config.clients) {
			const rounds = [];
			const latencies = {};
			for (let round = 0; round < config.rounds; round++) {
				const of = config.rounds > 1 ? `, round ${round + 1} of ${config.rounds}` : '';
				const figures = {};
				for (const spec of orderForRound(specs, round)) {
					process.stdout.write(`typing N=${n}${of}: ${spec.name} … `);
					try {
						const { result, latencies: delivered } = await typingScenario(spec, n);
						figures[spec.name] = result;
						(latencies[spec.name] ??= []).push(delivered);
						console.log('done');
					} catch (error) {
						figures[spec.name] = { error: String(error?.message ?? error) };
						console.log(`failed: ${error?.message ?? error}`);
					}
				}
				// Columns in the order asked for, whatever order this round ran in.
				rounds.push(Object.fromEntries(specs.map((spec) => [spec.name, figures[spec.name]])));
				const order =
					config.rounds > 1
						? ` (run order: ${orderForRound(specs, round)
								.map((s) => s.name)
								.join(', ')})`
						: '';
				console.log(
					`\n${formatTable(`Typing, N = ${n} clients, ${config.durationMs / 1000} s${of}${order}`, rounds.at(-1), 'typing')}\n`
				);
			}
			results.typing[n] = config.rounds > 1 ? { rounds, summary: summarizeRounds(rounds, latencies) } : rounds[0];
			if (config.rounds > 1)
				console.log(
					`${formatTable(`Typing, N = ${n} clients: all ${config.rounds} rounds`, results.typing[n].summary, 'rounds')}\n`
				);
		}
		for (const spec of config.coldChars > 0 ? specs : []) {
			process.stdout.write(`cold load: ${spec.name} … `);
			try {
				results.coldLoad[spec.name] = await coldLoadScenario(spec);
				console.log('done');
			} catch (error) {
				results.coldLoad[spec.name] = { error: String(error?.message ?? error) };
				console.log(`failed: ${error?.message ?? error}`);
			}
		}
		if (config.coldChars > 0)
			console.log(
				`\n${formatTable(`Cold load of a ${config.coldChars.toLocaleString('en')}-character paper`, results.coldLoad, 'cold')}\n`
			);
	} finally {
		for (const database of [pg, pgCompare])
			await database?.drop().catch((error) => console.warn('could not drop a bench database:', String(error)));
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	results.machine.loadAverageAtEnd = os.loadavg();
	results.finishedAt = new Date().toISOString();
	console.log(
		`load average (1/5/15 min) at start ${results.machine.loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')}, at end ${results.machine.loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')}`
	);
	fs.mkdirSync(path.join(here, 'results'), { recursive: true });
	const file = path.join(here, 'results', `collab-${results.startedAt.replace(/[:.]/g, '-')}.json`);
	fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`results: ${path.relative(process.cwd(), file)}`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
