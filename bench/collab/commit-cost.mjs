// `npm run bench:collab:commit`: what one group commit costs in CPU and time, on PGlite and PostgreSQL, for this
// checkout and (BENCH_COMPARE_ROOT) another one, in one run. Each measurement is a process of its own
// (commit-cost-child.mjs) on a fresh database; the columns take turns, BENCH_ROUNDS times, and the table shows the
// median of the rounds. Prints a table and writes results/commit-cost-<time>.json. Asserts nothing.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { formatTable, median } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const rounds = Math.max(1, Math.min(Number(env.BENCH_ROUNDS ?? 3), 20));
const pgBase = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || '';
const roots = [
	{ label: '', root: path.resolve(here, '../..') },
	...(env.BENCH_COMPARE_ROOT
		? [{ label: ` @${path.basename(env.BENCH_COMPARE_ROOT)}`, root: path.resolve(env.BENCH_COMPARE_ROOT) }]
		: [])
];

/** A fresh database for one measurement; dropped afterwards. */
async function withPgDatabase(fn) {
	const name = `beirat_commit_cost_${process.pid}_${Date.now()}`;
	const admin = postgres(pgBase, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(pgBase);
	url.pathname = `/${name}`;
	try {
		return await fn({ BENCH_PG_URL: url.toString() });
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

async function withPgliteDir(fn) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-commit-cost-'));
	try {
		return await fn({ BENCH_PGLITE_DIR: path.join(dir, 'pglite') });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function measure(root, databaseEnv) {
	const { stdout } = await promisify(execFile)(process.execPath, [path.join(here, 'commit-cost-child.mjs')], {
		env: { ...env, ...databaseEnv, BENCH_CODE_ROOT: root },
		timeout: 10 * 60_000,
		maxBuffer: 16 * 1024 * 1024
	});
	return JSON.parse(stdout.trim().split('\n').at(-1));
}

const loadAverage = () =>
	os
		.loadavg()
		.map((v) => v.toFixed(2))
		.join(' ');

async function main() {
	const columns = [];
	for (const { label, root } of roots) {
		columns.push({ name: `PGlite${label}`, root, open: withPgliteDir, runs: [] });
		if (pgBase) columns.push({ name: `Postgres${label}`, root, open: withPgDatabase, runs: [] });
	}
	const startedAt = new Date().toISOString();
	const loadAtStart = loadAverage();
	console.log(
		`bench/collab commit cost — load average ${loadAtStart}, ${os.cpus().length} cores, Node ${process.version}; ` +
			`${rounds} rounds of ${env.BENCH_COMMITS ?? 1500} commits of ${env.BENCH_COMMIT_BATCH ?? 2} updates`
	);
	for (let round = 1; round <= rounds; round++) {
		for (const column of columns) {
			process.stdout.write(`round ${round}: ${column.name} … `);
			column.runs.push(await column.open((databaseEnv) => measure(column.root, databaseEnv)));
			console.log('done');
		}
	}
	const perColumn = Object.fromEntries(
		columns.map(({ name, runs }) => [
			name,
			Object.fromEntries(
				['wallMs', 'processCpuMs', 'mainThreadMs', 'postgresCpuMs'].map((key) => [
					key,
					median(runs.map((run) => run[key]))
				])
			)
		])
	);
	console.log(`\n${formatTable(`One group commit (median of ${rounds} rounds)`, perColumn, 'commit')}`);
	fs.mkdirSync(path.join(here, 'results'), { recursive: true });
	const file = path.join(here, 'results', `commit-cost-${startedAt.replace(/[:.]/g, '-')}.json`);
	const results = {
		startedAt,
		loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
		columns: columns.map(({ name, root, runs }) => ({ name, root, runs }))
	};
	fs.writeFileSync(file, JSON.stringify(results, null, 2));
	console.log(`\nload average at end ${results.loadAverage.atEnd}\nresults: ${path.relative(process.cwd(), file)}`);
}

await main();
