import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { registerServerLog } from './tests/e2e/server-log';

// Playwright must never fetch its own browsers (offline machines, CI images): Debian's Chromium only.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
	throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium or set CHROMIUM_PATH.`);
}

// E2E_PORT lets a second checkout run its suite next to this one.
const PORT = Number(process.env.E2E_PORT || 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// A fresh embedded database per run, so runs never see each other's data. Workers load this file
// too; only the runner (no TEST_WORKER_INDEX) starts the server and so owns the directory.
const dataDir = path.join(os.tmpdir(), `beirat-e2e-${Date.now()}`);
// The date-dependent flows once more against a second server whose clock starts late on New Year's Eve
// (23:40 in Berlin): the meeting falls into next year, approval happens at the year change. The server
// loads the test-only clock preload; E2E_CLOCK_START moves the instant (e.g. to a DST switch).
const CLOCK_PORT = Number(process.env.E2E_CLOCK_PORT || PORT + 1);
const CLOCK_URL = `http://127.0.0.1:${CLOCK_PORT}`;
const CLOCK_START = process.env.E2E_CLOCK_START || '2026-12-31T22:40:00Z';
// The real moment the shifted clock reads CLOCK_START: set once by the runner, inherited by the workers,
// so the server, the tests' own date arithmetic (tests/e2e/clock.ts) and the browsers share one clock.
process.env.BEIRAT_E2E_CLOCK_ANCHOR ||= String(Date.now());
const CLOCK_ANCHOR = Number(process.env.BEIRAT_E2E_CLOCK_ANCHOR);
const clockDataDir = path.join(os.tmpdir(), `beirat-e2e-clock-${Date.now()}`);
// Single sign-on (#17): a real OpenID provider (oidc-provider) beside the app, whose sign-in page offers it.
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT || PORT + 2);
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
// Meeting mode across two app nodes (#19): only with a PostgreSQL server and Redis (CI sets both). Node A
// creates the run's own database and seeds it; node B starts once A is healthy (webServers start one after
// the other) and shares the database, Redis and DATA_DIR (local auth's keys, files) as production nodes do.
const NODES_ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() ?? '';
const NODES_REDIS_URL = process.env.REDIS_URL?.trim() ?? '';
const TWO_NODES = NODES_ADMIN_DATABASE_URL !== '' && NODES_REDIS_URL !== '';
const NODE_A_PORT = PORT + 3;
const NODE_B_PORT = PORT + 4;
const nodesDataDir = path.join(os.tmpdir(), `beirat-e2e-nodes-${Date.now()}`);
function nodesDatabaseUrl(): string {
	const url = new URL(NODES_ADMIN_DATABASE_URL);
	url.pathname = `/beirat_e2e_nodes_${Date.now()}_${process.pid}`;
	return url.href;
}
const TWO_NODES_SPEC = /\/live-two-nodes\.spec\.ts$/;
if (process.env.TEST_WORKER_INDEX === undefined) {
	process.on('exit', () => {
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(clockDataDir, { recursive: true, force: true });
		fs.rmSync(nodesDataDir, { recursive: true, force: true });
	});
}

const chromium = {
	browserName: 'chromium' as const,
	launchOptions: {
		executablePath: chromiumPath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	}
};

/** The app as `npm start` serves it, on its own port and fresh embedded database. */
function appServer(input: { port: number; dataDir: string; env?: Record<string, string> }) {
	const url = `http://127.0.0.1:${input.port}`;
	return {
		// The build must exist (scripts/test.js builds before running Playwright). The wrapper runs
		// server.js and keeps its output for the teardown (tests/e2e/global-teardown.ts).
		command: `node ${JSON.stringify(fileURLToPath(new URL('./tests/e2e/server-with-log.mjs', import.meta.url)))}`,
		url: `${url}/healthz`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'pipe' as const,
		stderr: 'pipe' as const,
		// SIGTERM exercises server.js's graceful path, which closes the embedded database cleanly.
		gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
		env: {
			PORT: String(input.port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: input.dataDir,
			DEMO_DATA: '1',
			E2E_SERVER_LOG: registerServerLog(input.port),
			// Whatever the developer's shell points at, the demo seed and test mails stay embedded, and a
			// single server talks to no Redis: every run's demo papers share their ids, so two unrelated
			// servers on one Redis would apply each other's edits (only the two nodes below share it).
			DATABASE_URL: '',
			REDIS_URL: '',
			SUPABASE_URL: '',
			SMTP_URL: '',
			...input.env
		}
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	// Not the default `test-results/`: Playwright empties its output directory, and the unit test
	// report written there before must survive.
	outputDir: 'test-results/e2e-artifacts',
	// One server, one embedded database: tests run one after the other.
	workers: 1,
	fullyParallel: false,
	forbidOnly: Boolean(process.env.CI),
	retries: process.env.CI ? 1 : 0,
	// A busy machine (CI next to other jobs, a meeting's laptops) answers slower, not wrongly: the flows
	// of several steps get a minute and each expectation ten seconds before they count as failed.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	// A stack trace in the server's output fails the run (bad input must be refused, never a 500).
	globalTeardown: './tests/e2e/global-teardown.ts',
	use: {
		baseURL: BASE_URL,
		trace: 'retain-on-failure'
	},
	projects: [
		// Without the two nodes the spec runs here and skips itself, saying what it needs.
		{ name: 'chromium', use: chromium, testIgnore: TWO_NODES ? TWO_NODES_SPEC : [] },
		{
			name: 'new-year',
			testMatch: /\/minutes\.spec\.ts$/,
			use: { ...chromium, baseURL: CLOCK_URL },
			metadata: { clockStart: CLOCK_START, clockAnchor: CLOCK_ANCHOR }
		},
		...(TWO_NODES
			? [
					{
						name: 'two-nodes',
						testMatch: TWO_NODES_SPEC,
						use: { ...chromium, baseURL: `http://127.0.0.1:${NODE_A_PORT}` },
						metadata: { nodes: [`http://127.0.0.1:${NODE_A_PORT}`, `http://127.0.0.1:${NODE_B_PORT}`] }
					}
				]
			: [])
	],
	webServer: [
		{
			command: `node ${JSON.stringify(fileURLToPath(new URL('./tests/e2e/oidc-provider-server.mjs', import.meta.url)))}`,
			url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
			timeout: 60_000,
			reuseExistingServer: false,
			env: { E2E_OIDC_PORT: String(OIDC_PORT), E2E_OIDC_REDIRECT_URI: `${BASE_URL}/login/sso/callback` }
		},
		appServer({
			port: PORT,
			dataDir,
			env: {
				OIDC_ISSUER,
				OIDC_CLIENT_ID: 'beirat-e2e',
				OIDC_CLIENT_SECRET: 'beirat-e2e-secret',
				OIDC_LABEL: 'Stadt Hamm'
			}
		}),
		appServer({
			port: CLOCK_PORT,
			dataDir: clockDataDir,
			// The test-only clock preload, given here and nowhere else (never by `npm start` or server.js).
			env: {
				NODE_OPTIONS:
					`${process.env.NODE_OPTIONS ?? ''} --import=${new URL('./tests/support/clock-shift.mjs', import.meta.url).href}`.trim(),
				BEIRAT_CLOCK_START: CLOCK_START,
				BEIRAT_CLOCK_ANCHOR: String(CLOCK_ANCHOR)
			}
		}),
		...(TWO_NODES ? twoNodeServers() : [])
	]
});

/** Nodes A and B of the `two-nodes` project; A creates (and at the end drops) the database. */
function twoNodeServers() {
	const DATABASE_URL = nodesDatabaseUrl();
	const env = { DATABASE_URL, REDIS_URL: NODES_REDIS_URL };
	const nodeA = appServer({ port: NODE_A_PORT, dataDir: nodesDataDir, env });
	return [
		{
			...nodeA,
			command: `node ${JSON.stringify(fileURLToPath(new URL('./tests/e2e/server-with-database.mjs', import.meta.url)))}`,
			env: { ...nodeA.env, E2E_ADMIN_DATABASE_URL: NODES_ADMIN_DATABASE_URL }
		},
		appServer({ port: NODE_B_PORT, dataDir: nodesDataDir, env })
	];
}
