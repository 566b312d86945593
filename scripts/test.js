// `npm test`: type-check, lint, unit + integration tests, build, end-to-end tests. Every stage runs even
// after a failure so the summary is complete; the last line is `N passed, N failed` for CI to read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITEST_REPORT = path.join(root, 'test-results', 'vitest.json');
const E2E_REPORT = path.join(root, 'test-results', 'e2e.json');

/** Runs a local binary with live output; true when it exited 0. */
function run(bin, args) {
	console.log(`\n$ ${bin} ${args.join(' ')}`);
	const result = spawnSync(path.join(root, 'node_modules', '.bin', bin), args, { cwd: root, stdio: 'inherit' });
	if (result.error) console.error(`${bin} could not be started: ${result.error.message}`);
	return result.status === 0;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** A stage that is one check: passed or failed. */
function check(name, ok) {
	return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, note: ok ? 'passed' : 'failed' };
}

/**
 * A stage with a report. A non-zero exit that the report does not explain (no report, a file that
 * failed to load, a server that did not start) still counts as one failure, never as silence.
 */
function counted(name, ok, counts) {
	if (!counts) return { name, passed: 0, failed: 1, note: 'crashed without a report' };
	const failed = !ok && counts.failed === 0 ? 1 : counts.failed;
	const note = failed > counts.failed ? ' (exited with an error outside the tests)' : '';
	return {
		name,
		passed: counts.passed,
		failed,
		note: `${counts.passed} passed, ${failed} failed${note}`,
		failures: counts.failures
	};
}

function vitestCounts(report) {
	if (!report) return undefined;
	// A file that fails to import has no failed tests, only a failed file result.
	const brokenFiles = (report.testResults ?? []).filter(
		(file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')
	).length;
	return {
		passed: report.numPassedTests ?? 0,
		failed: (report.numFailedTests ?? 0) + brokenFiles,
		failures: vitestFailures(report)
	};
}

/** Names of the failed tests (and of files that failed to load), so CI's tail says what to look at. */
function vitestFailures(report) {
	const names = [];
	for (const file of report.testResults ?? []) {
		const where = path.relative(root, file.name ?? '');
		const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
		if (file.status === 'failed' && failedTests.length === 0) names.push(`${where} (did not load)`);
		for (const test of failedTests) names.push(`${where} › ${test.fullName ?? test.title}`);
	}
	return names;
}

function playwrightCounts(report) {
	if (!report?.stats) return undefined;
	const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
	// Flaky tests passed on retry; global errors (e.g. the web server did not start) fail the run.
	return {
		passed: expected + flaky,
		failed: unexpected + (report.errors?.length ?? 0),
		failures: playwrightFailures(report)
	};
}

function playwrightFailures(report) {
	const names = (report.errors ?? []).map((error) => `error outside the tests: ${error.message?.split('\n')[0]}`);
	const visit = (suite, titles) => {
		for (const spec of suite.specs ?? []) {
			if ((spec.tests ?? []).some((test) => test.status === 'unexpected')) {
				names.push(`${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}`);
			}
		}
		for (const child of suite.suites ?? [])
			visit(child, child.title && !child.file ? [...titles, child.title] : titles);
	};
	for (const suite of report.suites ?? []) visit(suite, []);
	return names;
}

/** The same svelte-check as `npm run check`: warnings (accessibility, unused state) fail it too. */
function typeCheck() {
	const synced = run('svelte-kit', ['sync']);
	const checked = synced && run('svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']);
	return check('type-check', checked);
}

/** ESLint (TypeScript and Svelte rules) and Prettier's check: `npm run lint`. */
function lint() {
	const linted = run('eslint', ['.']);
	const formatted = run('prettier', ['--check', '.']);
	return check('lint', linted && formatted);
}

function unitAndIntegration() {
	// A stale report from an earlier run must never be counted.
	fs.rmSync(VITEST_REPORT, { force: true });
	const ok = run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_REPORT}`]);
	return counted('unit + integration', ok, vitestCounts(readJson(VITEST_REPORT)));
}

function endToEnd(built) {
	// Without a fresh build the end-to-end tests would exercise old code: that is a failure, not a pass.
	if (!built) return { name: 'end-to-end', passed: 0, failed: 1, note: 'not run (build failed)' };
	fs.rmSync(E2E_REPORT, { force: true });
	const ok = run('playwright', ['test']);
	return counted('end-to-end', ok, playwrightCounts(readJson(E2E_REPORT)));
}

const stages = [typeCheck(), lint(), unitAndIntegration()];
const build = check('build', run('vite', ['build']));
stages.push(build, endToEnd(build.failed === 0));

console.log('\nSummary');
for (const stage of stages) {
	console.log(`  ${stage.name}: ${stage.note}`);
	for (const failure of stage.failures ?? []) console.log(`    ✗ ${failure}`);
}
const passed = stages.reduce((sum, stage) => sum + stage.passed, 0);
const failed = stages.reduce((sum, stage) => sum + stage.failed, 0);
process.exitCode = failed > 0 ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
