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
if (process.env.TEST_WORKER_INDEX === undefined) {
	process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
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
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	// A stack trace in the server's output fails the run (bad input must be refused, never a 500).
	globalTeardown: './tests/e2e/global-teardown.ts',
	use: {
		baseURL: BASE_URL,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				browserName: 'chromium',
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
			}
		}
	],
	webServer: {
		// The build must exist (scripts/test.js builds before running Playwright). The wrapper runs
		// server.js and keeps its output for the teardown (tests/e2e/global-teardown.ts).
		command: `node ${JSON.stringify(fileURLToPath(new URL('./tests/e2e/server-with-log.mjs', import.meta.url)))}`,
		url: `${BASE_URL}/healthz`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		// SIGTERM exercises server.js's graceful path, which closes the embedded database cleanly.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE_URL,
			DATA_DIR: dataDir,
			DEMO_DATA: '1',
			E2E_SERVER_LOG: registerServerLog(PORT),
			// Whatever the developer's shell points at, the demo seed and test mails stay embedded.
			DATABASE_URL: '',
			SUPABASE_URL: '',
			SMTP_URL: ''
		}
	}
});
