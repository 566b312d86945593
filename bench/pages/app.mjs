// What bench/pages/run.mjs and bench/pages/weight.mjs share: starting the built app, cleaning up after an
// interrupted run, bounded requests, cookies and signing in like a browser without JavaScript, the printed table.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 300_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function fetchWithTimeout(url, init = {}) {
	return fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** What an interrupted run (Ctrl+C) still has to undo (the running app, a bench database, a temp dir), last first. */
export const cleanups = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, async () => {
		console.error(`bench/pages: ${signal}, cleaning up`);
		const timer = setTimeout(() => process.exit(130), 20_000);
		for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => {});
		clearTimeout(timer);
		process.exit(130);
	});
}

/** Runs every cleanup still registered (the end of a run that stopped early). */
export async function cleanUp() {
	for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => {});
}

/**
 * Starts `node server.js` of the build on `port` with `extraEnv`; resolves when /healthz answers 200. The database,
 * Supabase, Redis and SMTP settings of this shell reach the app only through `extraEnv`.
 */
export async function startApp({ label, port, extraEnv }) {
	const logPath = path.join(os.tmpdir(), `beirat-bench-pages-${label}-${process.pid}.log`);
	const log = fs.openSync(logPath, 'w');
	const origin = `http://127.0.0.1:${port}`;
	const childEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ORIGIN: origin };
	for (const key of [
		'DATABASE_URL',
		'SUPABASE_URL',
		'SUPABASE_ANON_KEY',
		'SUPABASE_SERVICE_ROLE_KEY',
		'REDIS_URL',
		'SMTP_URL'
	])
		delete childEnv[key];
	Object.assign(childEnv, extraEnv);
	const child = spawn(process.execPath, [path.join(root, 'server.js')], {
		cwd: root,
		env: childEnv,
		stdio: ['ignore', log, log]
	});
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const kill = async () => child.kill('SIGKILL');
	cleanups.add(kill);
	const started = performance.now();
	for (;;) {
		if (exited) throw new Error(`the app (${label}) exited during start (${JSON.stringify(exited)}); log: ${logPath}`);
		if (performance.now() - started >= START_TIMEOUT_MS) {
			child.kill('SIGKILL');
			throw new Error(
				`the app (${label}) did not answer /healthz within ${START_TIMEOUT_MS / 1000} s; log: ${logPath}`
			);
		}
		try {
			const response = await fetchWithTimeout(`${origin}/healthz`);
			await response.arrayBuffer();
			if (response.status === 200) break;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	return {
		origin,
		pid: child.pid,
		logPath,
		startMs: performance.now() - started,
		async stop() {
			cleanups.delete(kill);
			if (exited) return;
			const done = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await done;
			clearTimeout(timer);
		}
	};
}

/** `name=value` pairs of the Set-Cookie headers of a response, merged into `jar`. */
function keepCookies(response, jar) {
	for (const header of response.headers.getSetCookie()) {
		const [pair] = header.split(';');
		const at = pair.indexOf('=');
		const name = pair.slice(0, at).trim();
		const value = pair.slice(at + 1).trim();
		if (value === '' || /max-age=0/i.test(header)) jar.delete(name);
		else jar.set(name, value);
	}
}

export const cookieHeader = (jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** A form post like a browser without JavaScript (HTML accepted; `*\/*` alone would get SvelteKit's JSON answer): expects the 303. */
export async function postForm(origin, url, jar, fields) {
	const response = await fetchWithTimeout(url, {
		method: 'POST',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie: cookieHeader(jar)
		},
		body: new URLSearchParams(fields).toString()
	});
	const body = await response.text();
	keepCookies(response, jar);
	if (response.status !== 303) throw new Error(`POST ${url} answered ${response.status}: ${body.slice(0, 300)}`);
}

/** Signs in through the login page's real `?/password` action; returns the cookie jar with the session. */
export async function signIn(origin, email, password) {
	const jar = new Map();
	const page = await fetchWithTimeout(`${origin}/login`);
	await page.arrayBuffer();
	keepCookies(page, jar);
	await postForm(origin, `${origin}/login?/password`, jar, { email, password });
	return jar;
}

export function table(headers, rows) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) =>
		cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Load averages rounded to hundredths, as the benches print and keep them. */
export const loadavg = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/**
 * The frame of every bench of the built app: stops with a message when there is no build, cuts the run off after
 * `hardLimitMs`, describes the machine (printed, and kept with the results), runs `measure(meta)`, writes
 * `{ meta, ...what measure returned }` to `<resultsDir>/results/<prefix>-<time>.json` and exits: 0, or 1 after
 * cleaning up when it failed. A Postgres URL in `config` is kept without its credentials.
 */
export function runBench({ label, resultsDir, prefix, hardLimitMs, config, measure }) {
	async function main() {
		if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) {
			console.error(`${label} measures the built app: run \`npm run build\` first (build/handler.js is missing).`);
			process.exit(1);
		}
		const hardLimit = setTimeout(() => {
			console.error(`${label}: cut off after ${hardLimitMs / 60_000} minutes`);
			process.exit(2);
		}, hardLimitMs);
		hardLimit.unref();
		const meta = {
			date: new Date().toISOString(),
			node: process.version,
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
			memGiB: Math.round(os.totalmem() / 2 ** 30),
			loadavgStart: loadavg(),
			config: config.postgresUrl
				? { ...config, postgresUrl: config.postgresUrl.replace(/\/\/[^@/]*@/, '//…@') }
				: config
		};
		console.log(`${label}: ${meta.cpus} × ${meta.cpuModel}, load average ${meta.loadavgStart.join(' / ')}`);
		const results = await measure(meta);
		meta.loadavgEnd = loadavg();
		console.log(`\nload average at the end: ${meta.loadavgEnd.join(' / ')}`);
		const out = path.join(resultsDir, 'results', `${prefix}-${meta.date.replace(/[:.]/g, '-')}.json`);
		fs.mkdirSync(path.dirname(out), { recursive: true });
		fs.writeFileSync(out, JSON.stringify({ meta, ...results }, null, 2));
		console.log(`results: ${path.relative(root, out)}`);
	}
	main().then(
		() => process.exit(0),
		async (error) => {
			console.error(`${label} failed:`, error);
			await cleanUp();
			process.exit(1);
		}
	);
}
