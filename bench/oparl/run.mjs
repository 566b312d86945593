// bench/oparl: how fast the OParl interface lists 1,000 public meetings (#14: p95 ≤ 50 ms), on PGlite and on
// PostgreSQL, beside peers measured in the same run and the same process: /oparl/v1/system (the smallest
// OParl answer) and /login (an app page). Builds nothing (`npm run build` first); seeds the demo (DEMO_DATA=1)
// plus BENCH_MEETINGS public meetings with four agenda items each (three public) on the public demo board.
// Prints a table per database and writes results/oparl-<time>.json. Asserts nothing; every wait is bounded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { cleanups, fetchWithTimeout, loadavg, runBench, startApp, table } from '../pages/app.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const config = {
	meetings: Math.max(1, Math.min(Number(env.BENCH_MEETINGS ?? 1000), 20_000)),
	serial: Math.max(20, Math.min(Number(env.BENCH_SERIAL ?? 200), 5000)),
	port: Number(env.BENCH_PORT ?? 4360),
	databases: (env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()),
	postgresUrl: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
};
const HARD_LIMIT_MS = 30 * 60_000;
// The demo's public board (supabase/seed.sql) and the configured body's default key.
const BOARD = '00000000-0000-4000-8000-0000000000b1';
const BODY = env.OPARL_BODY_KEY ?? 'hamm';

const TARGETS = [
	{ name: 'meetings p.1 (50)', path: `/oparl/v1/body/${BODY}/meetings` },
	{ name: 'meetings p.1 (100)', path: `/oparl/v1/body/${BODY}/meetings?elementsPerPage=100` },
	{ name: 'meetings last p. (50)', path: null },
	{ name: 'meetings omit_internal', path: `/oparl/v1/body/${BODY}/meetings?omit_internal=true` },
	{ name: 'one meeting', path: null },
	{ name: 'peer: /oparl/v1/system', path: '/oparl/v1/system' },
	{ name: 'peer: /login', path: '/login' }
];

/** BENCH_MEETINGS published meetings on the demo board, each with three public items and one non-public. */
const SEED_SQL = (n) => `
	insert into public.meetings (board_id, title, starts_at, ends_at, location, status, agenda_published_at)
	select '${BOARD}', format('Bench-Sitzung %s', g), s.t, s.t + interval '2 hours', 'Technisches Rathaus Hamm', 'planned', now()
	  from generate_series(1, ${n}) g
	  cross join lateral (select timestamptz '2027-01-05 17:00+01' + g * interval '1 day') s(t);
	insert into public.agenda_items (meeting_id, position, title, is_public, planned_minutes)
	select m.id, p, format('Punkt %s', p + 1), p < 3, 15
	  from public.meetings m cross join generate_series(0, 3) p
	 where m.board_id = '${BOARD}' and m.title like 'Bench-Sitzung %';`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n) => Math.round(n * 100) / 100;

async function getOk(url) {
	const response = await fetchWithTimeout(url);
	const body = await response.text();
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
	return body;
}

/** Fills in the addresses that depend on the data: the last page, one meeting. */
async function resolveTargets(origin) {
	const first = JSON.parse(await getOk(`${origin}/oparl/v1/body/${BODY}/meetings`));
	const targets = TARGETS.map((t) => ({ ...t }));
	targets.find((t) => t.name.startsWith('meetings last')).path =
		new URL(first.links.last).pathname + new URL(first.links.last).search;
	targets.find((t) => t.name === 'one meeting').path = new URL(first.data[0].id).pathname;
	return { targets, total: first.pagination.totalElements };
}

/**
 * `config.serial` rounds; each round requests every target once, one after another, so that the peers see the
 * same load as the lists. Wall time per request (ms).
 */
async function measure(origin, targets) {
	const times = new Map(targets.map((t) => [t.name, []]));
	const bytes = new Map();
	for (let round = 0; round < 10; round++) for (const t of targets) await getOk(origin + t.path);
	for (let round = 0; round < config.serial; round++)
		for (const t of targets) {
			const started = performance.now();
			const body = await getOk(origin + t.path);
			times.get(t.name).push(performance.now() - started);
			bytes.set(t.name, body.length);
		}
	return targets.map((t) => {
		const sorted = times.get(t.name).sort((a, b) => a - b);
		return {
			name: t.name,
			path: t.path,
			bytes: bytes.get(t.name),
			p50: round(percentile(sorted, 50)),
			p95: round(percentile(sorted, 95)),
			p99: round(percentile(sorted, 99)),
			max: round(sorted.at(-1))
		};
	});
}

async function benchPglite(tmp) {
	const dataDir = path.join(tmp, 'pglite');
	// First start: migrations and the demo. Then the meetings, with the app stopped (one process per PGlite).
	const setup = await startApp({
		label: 'oparl-pglite-setup',
		port: config.port,
		extraEnv: { DATA_DIR: dataDir, DEMO_DATA: '1' }
	});
	await setup.stop();
	const seedStarted = performance.now();
	const pg = await PGlite.create(path.join(dataDir, 'db'));
	await pg.exec(SEED_SQL(config.meetings));
	await pg.close();
	const seedMs = performance.now() - seedStarted;
	return run('pglite', { DATA_DIR: dataDir, DEMO_DATA: '1' }, seedMs);
}

async function benchPostgres(tmp) {
	const admin = postgres(config.postgresUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
	try {
		await admin`select 1`;
	} catch (error) {
		await admin.end({ timeout: 1 }).catch(() => {});
		console.log(`postgres: skipped — ${config.postgresUrl} does not answer (${error.message})`);
		return null;
	}
	const name = `beirat_bench_oparl_${process.pid}_${Date.now()}`;
	await admin.unsafe(`create database ${name}`);
	const drop = async () => {
		cleanups.delete(drop);
		await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
		await admin.end({ timeout: 5 });
	};
	cleanups.add(drop);
	try {
		const url = new URL(config.postgresUrl);
		url.pathname = `/${name}`;
		const extraEnv = { DATABASE_URL: url.toString(), DATA_DIR: path.join(tmp, 'postgres'), DEMO_DATA: '1' };
		const setup = await startApp({ label: 'oparl-postgres-setup', port: config.port, extraEnv });
		await setup.stop();
		const seedStarted = performance.now();
		const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
		await db.unsafe(SEED_SQL(config.meetings));
		await db.end({ timeout: 5 });
		return await run('postgres', extraEnv, performance.now() - seedStarted);
	} finally {
		await drop();
	}
}

async function run(label, extraEnv, seedMs) {
	const app = await startApp({ label: `oparl-${label}`, port: config.port, extraEnv });
	try {
		const { targets, total } = await resolveTargets(app.origin);
		const loadBefore = loadavg();
		const rows = await measure(app.origin, targets);
		return {
			label,
			seedMs: Math.round(seedMs),
			meetingsListed: total,
			loadavgBefore: loadBefore,
			loadavgAfter: loadavg(),
			rows
		};
	} finally {
		await app.stop();
	}
}

function print(result) {
	console.log(
		`\n${result.label} — ${result.meetingsListed} meetings in the list (seeded ${config.meetings} in ${result.seedMs} ms); ` +
			`${config.serial} rounds, each target once per round; load average ${result.loadavgBefore[0]} → ${result.loadavgAfter[0]}`
	);
	console.log(
		table(
			['target', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'bytes'],
			result.rows.map((r) => [r.name, r.p50, r.p95, r.p99, r.max, r.bytes])
		)
	);
	const list = result.rows.find((r) => r.name === 'meetings p.1 (50)');
	console.log(
		`goal of #14 (this run, not asserted): meetings list p95 ${list.p95} ms ${list.p95 <= 50 ? '≤' : '>'} 50 ms`
	);
}

runBench({
	label: 'bench/oparl',
	resultsDir: here,
	prefix: 'oparl',
	hardLimitMs: HARD_LIMIT_MS,
	config,
	async measure() {
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-bench-oparl-'));
		const removeTmp = async () => fs.rmSync(tmp, { recursive: true, force: true });
		cleanups.add(removeTmp);
		const results = [];
		try {
			if (config.databases.includes('pglite')) results.push(await benchPglite(tmp));
			if (config.databases.includes('postgres')) {
				const result = await benchPostgres(tmp);
				if (result) results.push(result);
			}
		} finally {
			await removeTmp();
			cleanups.delete(removeTmp);
		}
		for (const result of results) print(result);
		return { results };
	}
});
