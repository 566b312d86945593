// bench/pages: throughput and latency of the main pages of the built app (`npm run build` first), each
// measured beside `/login` of the same process in the same run, on PGlite and on PostgreSQL. Prints a
// table per database and writes results/pages-<time>.json. Asserts nothing; every wait is bounded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import postgres from 'postgres';
import {
	cleanups,
	cookieHeader,
	fetchWithTimeout,
	loadavg,
	REQUEST_TIMEOUT_MS,
	runBench,
	signIn,
	sleep,
	startApp,
	table
} from './app.mjs';
import { startWireCounter } from './wire-counter.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;

const config = {
	connections: Math.max(1, Math.min(Number(env.BENCH_CONNECTIONS ?? 10), 200)),
	durationS: Math.max(1, Math.min(Number(env.BENCH_DURATION_S ?? 5), 60)),
	serial: Math.max(5, Math.min(Number(env.BENCH_SERIAL ?? 50), 1000)),
	account: env.BENCH_ACCOUNT ?? 'member@beirat.example',
	password: env.BENCH_PASSWORD ?? 'beirat-demo',
	port: Number(env.BENCH_PORT ?? 4350),
	proxyPort: Number(env.BENCH_PROXY_PORT ?? 4359),
	databases: (env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()),
	pages: env.BENCH_PAGES ? env.BENCH_PAGES.split(',').map((s) => s.trim()) : null,
	postgresUrl: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
	profile: env.BENCH_PROFILE === '1',
	// BENCH_SNAPSHOT_CACHE=0 starts the app with SNAPSHOT_CACHE=0: every request reads the database, as when it
	// changes between any two requests (src/lib/server/db/snapshot-cache.ts).
	snapshotCache: env.BENCH_SNAPSHOT_CACHE !== '0',
	// PostgreSQL only: a connection of the bench commits this many write transactions a second while the pages are
	// measured (`select pg_current_xact_id()`: takes a transaction id, changes no row), as co-editing does.
	writesPerS: Math.max(0, Math.min(Number(env.BENCH_WRITES_PER_S ?? 0), 1000))
};
const appCacheEnv = { SNAPSHOT_CACHE: config.snapshotCache ? '1' : '0' };
const HARD_LIMIT_MS = 30 * 60_000;

// The demo data's fixed ids (supabase/seed.sql): the main board, its upcoming meeting with the
// published agenda, and the paper "Handlungsfeld Innovation und Gründungen".
const BOARD = 'wirtschaft-hamm-2030';
const MEETING = '00000000-0000-4000-8000-0000000000c2';
const PAPER = '00000000-0000-4000-8000-000000000a01';
const PAGES = [
	{ name: 'dashboard', path: '/' },
	{ name: 'meetings', path: `/b/${BOARD}/meetings` },
	{ name: 'meeting+agenda', path: `/b/${BOARD}/meetings/${MEETING}` },
	{ name: 'papers', path: `/b/${BOARD}/papers` },
	{ name: 'paper', path: `/b/${BOARD}/papers/${PAPER}` },
	{ name: 'decisions', path: `/b/${BOARD}/decisions` },
	{ name: 'search', path: `/b/${BOARD}/search?q=${encodeURIComponent('Fachkräfte')}` }
].filter((page) => !config.pages || config.pages.includes(page.name));

/** utime + stime of a process in seconds (Linux /proc; null elsewhere). */
function cpuSeconds(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return null;
	}
}

function percentile(sorted, p) {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Signs the bench's account in and checks that the dashboard answers; returns the Cookie header. */
async function signedInCookie(origin) {
	const cookie = cookieHeader(await signIn(origin, config.account, config.password));
	await getOk(`${origin}/`, cookie);
	return cookie;
}

/** One request; throws unless it answers 200. Returns the body length. */
async function getOk(url, cookie) {
	const response = await fetchWithTimeout(url, { headers: cookie ? { cookie } : {} });
	const body = await response.text();
	if (response.status !== 200)
		throw new Error(
			`${url} answered ${response.status} ${response.headers.get('location') ?? ''}: ${body.slice(0, 200)}`
		);
	return body.length;
}

/** `config.serial` requests one after another, without load: wall time per request (ms). */
async function serialSeries(url, cookie) {
	const times = [];
	for (let i = 0; i < config.serial; i += 1) {
		const started = performance.now();
		await getOk(url, cookie);
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	const round = (n) => Math.round(n * 100) / 100;
	return {
		n: times.length,
		median: round(percentile(times, 50)),
		p90: round(percentile(times, 90)),
		min: round(times[0])
	};
}

/**
 * `config.connections` connections for `config.durationS` seconds against one URL. When autocannon stops, the
 * server still works off the requests in flight (on PGlite one after another, blocking its thread): the run
 * ends only after one more request of the same URL, queued behind them, has answered — otherwise the next
 * run (the next /login) would be measured against this one's backlog.
 */
async function loaded(app, url, cookie) {
	const cpuBefore = cpuSeconds(app.pid);
	const result = await autocannon({
		url,
		connections: config.connections,
		duration: config.durationS,
		timeout: REQUEST_TIMEOUT_MS / 1000,
		headers: cookie ? { cookie } : {}
	});
	await getOk(url, cookie);
	await sleep(250);
	const cpu = cpuSeconds(app.pid);
	const completed = result.requests.total;
	// Every request sent (also those still in flight at the end) plus the settling one has been served.
	const served = result.requests.sent + 1;
	return {
		reqPerSec: Math.round(result.requests.average * 10) / 10,
		completed,
		p50: result.latency.p50,
		p99: result.latency.p99,
		non2xx: result.non2xx,
		errors: result.errors,
		timeouts: result.timeouts,
		// Server CPU (one core = 1 s/s) per request served: less sensitive to other jobs than req/s.
		cpuMsPerReq: cpuBefore === null || cpu === null ? null : Math.round(((cpu - cpuBefore) * 1000 * 100) / served) / 100
	};
}

/** BENCH_WRITES_PER_S on PostgreSQL: commits that change the database's snapshot while the pages are read. */
function startWriter(url) {
	if (!url || config.writesPerS === 0) return { stop: async () => {}, count: () => 0 };
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	let count = 0;
	const timer = setInterval(() => {
		sql`select pg_current_xact_id()`.then(() => (count += 1)).catch(() => {});
	}, 1000 / config.writesPerS);
	let stopped = null;
	return {
		stop: () => (stopped ??= (clearInterval(timer), sql.end({ timeout: 2 }))),
		count: () => count
	};
}

async function benchDatabase(label, extraEnv) {
	const app = await startApp({ label, port: config.port, extraEnv: { ...extraEnv, ...appCacheEnv } });
	try {
		console.log(`${label}: app up in ${(app.startMs / 1000).toFixed(1)} s (pid ${app.pid}, log ${app.logPath})`);
		const cookie = await signedInCookie(app.origin);
		const login = `${app.origin}/login`;
		// Every page must answer 200 for the signed-in account before it is measured; then a short warm-up.
		for (const page of PAGES) page.bytes = await getOk(app.origin + page.path, cookie);
		for (let i = 0; i < 10; i += 1) {
			await getOk(login);
			for (const page of PAGES) await getOk(app.origin + page.path, cookie);
		}
		const writer = startWriter(extraEnv.DATABASE_URL);
		cleanups.add(writer.stop);
		const serial = { login: await serialSeries(login) };
		for (const page of PAGES) serial[page.name] = await serialSeries(app.origin + page.path, cookie);
		const rows = [];
		for (const page of PAGES) {
			const loadBefore = loadavg();
			const loginRun = await loaded(app, login);
			const pageRun = await loaded(app, app.origin + page.path, cookie);
			rows.push({
				page: page.name,
				path: page.path,
				bytes: page.bytes,
				loadavgBefore: loadBefore,
				loadavgAfter: loadavg(),
				login: loginRun,
				run: pageRun,
				ratio: loginRun.reqPerSec > 0 ? Math.round((pageRun.reqPerSec / loginRun.reqPerSec) * 1000) / 1000 : null,
				// The same ratio from the server's CPU time per request (/login's ÷ the page's): what the ratio
				// would be if the app had its core to itself; steadier than req/s when other jobs share the machine.
				cpuRatio:
					loginRun.cpuMsPerReq && pageRun.cpuMsPerReq
						? Math.round((loginRun.cpuMsPerReq / pageRun.cpuMsPerReq) * 1000) / 1000
						: null,
				serial: serial[page.name]
			});
			console.log(`${label}: ${page.name} ${pageRun.reqPerSec} req/s beside /login ${loginRun.reqPerSec} req/s`);
		}
		await writer.stop();
		return { label, startMs: Math.round(app.startMs), serialLogin: serial.login, rows, writes: writer.count() };
	} finally {
		await app.stop();
	}
}

/** A fresh database on the PostgreSQL server of `config.postgresUrl`; drops it in `cleanup`. */
async function freshPostgres() {
	const admin = postgres(config.postgresUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
	try {
		await admin`select 1`;
	} catch (error) {
		await admin.end({ timeout: 1 }).catch(() => {});
		return { skipped: `PostgreSQL at ${config.postgresUrl} does not answer (${error.message})` };
	}
	const name = `beirat_bench_pages_${process.pid}_${Date.now()}`;
	await admin.unsafe(`create database ${name}`);
	const url = new URL(config.postgresUrl);
	url.pathname = `/${name}`;
	const cleanup = async () => {
		cleanups.delete(cleanup);
		await admin
			.unsafe(`drop database if exists ${name} with (force)`)
			.catch((error) => console.error(`could not drop ${name}: ${error.message}`));
		await admin.end({ timeout: 5 });
	};
	cleanups.add(cleanup);
	return { name, url: url.toString(), admin, cleanup };
}

/**
 * Profile (BENCH_PROFILE=1, PostgreSQL only): the app talks to Postgres through a counting TCP proxy;
 * for each page, `config.serial` sequential requests and per request: transactions, statements, round
 * trips to Postgres and the time spent waiting for them.
 */
async function profilePostgres(database, dataDir) {
	const target = new URL(database.url);
	const counter = await startWireCounter({
		listenPort: config.proxyPort,
		host: target.hostname,
		port: Number(target.port || 5432)
	});
	const proxied = new URL(database.url);
	proxied.hostname = '127.0.0.1';
	proxied.port = String(config.proxyPort);
	const app = await startApp({
		label: 'postgres-profile',
		port: config.port,
		extraEnv: { DATABASE_URL: proxied.toString(), DATA_DIR: dataDir, DEMO_DATA: '1', ...appCacheEnv }
	});
	try {
		const cookie = await signedInCookie(app.origin);
		const targets = [
			{ name: 'login', path: '/login', cookie: undefined },
			...PAGES.map((page) => ({ ...page, cookie }))
		];
		for (const target of targets) for (let i = 0; i < 5; i += 1) await getOk(app.origin + target.path, target.cookie);
		const rows = [];
		for (const target of targets) {
			await sleep(200);
			counter.reset();
			const started = performance.now();
			for (let i = 0; i < config.serial; i += 1) await getOk(app.origin + target.path, target.cookie);
			const wallMs = performance.now() - started;
			const counts = counter.snapshot();
			const per = (n) => Math.round((n / config.serial) * 100) / 100;
			rows.push({
				page: target.name,
				transactions: per(counts.begins),
				statements: per(counts.statements),
				roundTrips: per(counts.roundTrips),
				dbWaitMs: per(counts.waitMs),
				wallMs: per(wallMs),
				// Per statement text: executions and round-trip time per request, slowest first.
				statementTexts: counts.texts
					.slice(0, 80)
					.map((t) => ({ perRequest: per(t.n), msPerRequest: per(t.ms), text: t.text }))
			});
		}
		return rows;
	} finally {
		await app.stop();
		await counter.close();
	}
}

function printDatabase(result) {
	console.log(
		`\n${result.label} — ${config.connections} connections, ${config.durationS} s per run; unloaded: median of ${config.serial} sequential requests (ms); snapshot cache ${config.snapshotCache ? 'on' : 'off'}`
	);
	console.log(`unloaded /login: median ${result.serialLogin.median} ms`);
	if (result.writes)
		console.log(`writer: ${result.writes} commits while measuring (BENCH_WRITES_PER_S=${config.writesPerS})`);
	console.log(
		table(
			[
				'page',
				'req/s',
				'p50 ms',
				'p99 ms',
				'/login req/s',
				'ratio',
				'CPU ms/req',
				'/login CPU ms/req',
				'CPU ratio',
				'unloaded ms',
				'non-2xx',
				'load avg'
			],
			result.rows.map((r) => [
				r.page,
				r.run.reqPerSec,
				r.run.p50,
				r.run.p99,
				r.login.reqPerSec,
				`${Math.round((r.ratio ?? 0) * 100)} %`,
				r.run.cpuMsPerReq ?? '–',
				r.login.cpuMsPerReq ?? '–',
				r.cpuRatio === null ? '–' : `${Math.round(r.cpuRatio * 100)} %`,
				r.serial.median,
				r.run.non2xx + r.run.errors + r.run.timeouts,
				r.loadavgBefore[0]
			])
		)
	);
}

/** The goals of issue #13, evaluated on this run's figures (printed, not asserted). */
function goals(results) {
	const row = (label, page) => results.find((r) => r.label === label)?.rows.find((x) => x.page === page);
	const list = [];
	for (const label of ['pglite', 'postgres']) {
		const dashboard = row(label, 'dashboard');
		if (dashboard)
			list.push({
				goal: `${label}: dashboard ≥ 25 % of /login req/s`,
				value: `${Math.round(dashboard.ratio * 100)} % (CPU ratio ${Math.round((dashboard.cpuRatio ?? 0) * 100)} %)`,
				met: dashboard.ratio >= 0.25
			});
		const meetings = row(label, 'meetings');
		if (meetings)
			list.push({
				goal: `${label}: meetings list ≥ 40 % of /login req/s`,
				value: `${Math.round(meetings.ratio * 100)} % (CPU ratio ${Math.round((meetings.cpuRatio ?? 0) * 100)} %)`,
				met: meetings.ratio >= 0.4
			});
	}
	const dashboard = row('postgres', 'dashboard');
	if (dashboard)
		list.push({
			goal: 'postgres: one unloaded dashboard request ≤ 6 ms',
			value: `${dashboard.serial.median} ms`,
			met: dashboard.serial.median <= 6
		});
	return list;
}

runBench({
	label: 'bench/pages',
	resultsDir: here,
	prefix: 'pages',
	hardLimitMs: HARD_LIMIT_MS,
	config,
	async measure() {
		const results = [];
		let profile = null;
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-bench-pages-'));
		cleanups.add(async () => fs.rmSync(tmp, { recursive: true, force: true }));
		try {
			if (config.databases.includes('pglite')) {
				results.push(await benchDatabase('pglite', { DATA_DIR: path.join(tmp, 'pglite'), DEMO_DATA: '1' }));
			}
			if (config.databases.includes('postgres') || config.profile) {
				const database = await freshPostgres();
				if ('skipped' in database) console.log(`postgres: skipped — ${database.skipped}`);
				else {
					try {
						if (config.databases.includes('postgres'))
							results.push(
								await benchDatabase('postgres', {
									DATABASE_URL: database.url,
									DATA_DIR: path.join(tmp, 'postgres'),
									DEMO_DATA: '1'
								})
							);
						if (config.profile) profile = await profilePostgres(database, path.join(tmp, 'postgres'));
					} finally {
						await database.cleanup();
					}
				}
			}
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
		for (const result of results) printDatabase(result);
		if (profile) {
			console.log(`\npostgres profile — per request, ${config.serial} sequential requests through a counting proxy`);
			console.log(
				table(
					['page', 'transactions', 'statements', 'round trips', 'DB wait ms', 'wall ms'],
					profile.map((r) => [r.page, r.transactions, r.statements, r.roundTrips, r.dbWaitMs, r.wallMs])
				)
			);
			const dashboard = profile.find((r) => r.page === 'dashboard');
			if (dashboard) {
				console.log('\ndashboard: slowest statements (round-trip ms per request, executions per request)');
				for (const t of dashboard.statementTexts.slice(0, 8))
					console.log(
						`  ${String(t.msPerRequest).padStart(7)}  ${String(t.perRequest).padStart(4)}×  ${t.text.slice(0, 110)}`
					);
			}
		}
		const goalList = goals(results);
		if (goalList.length > 0) {
			console.log('\ngoals of issue #13 (this run):');
			for (const goal of goalList) console.log(`  ${goal.met ? 'met    ' : 'NOT met'}  ${goal.goal}: ${goal.value}`);
		}
		return { results, goals: goalList, profile };
	}
});
