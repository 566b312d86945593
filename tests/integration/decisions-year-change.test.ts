import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClockChildResult } from '../support/clock-child-main';

// The decision number's year is the Berlin year of the moment the log records the entry, and that
// moment is the database's own clock: the only way to put it at a year change is to run the database
// there. The embedded PGlite reads the process clock, so a child process started with the test-only
// clock preload (tests/support/clock-shift.mjs) runs it at a chosen instant. A PostgreSQL server's
// clock cannot be moved from here, so this file runs on PGlite only.

const CHILD = path.resolve('tests/support/clock-child.mjs');
const PRELOAD = pathToFileURL(path.resolve('tests/support/clock-shift.mjs')).href;

function runAt(start: string, env: Record<string, string>): Promise<ClockChildResult> {
	const child = fork(CHILD, [], {
		execArgv: ['--import', PRELOAD],
		env: { ...process.env, BEIRAT_CLOCK_START: start, BEIRAT_CLOCK_ANCHOR: '', ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	return new Promise((resolve, reject) => {
		child.once('message', (message: { result?: ClockChildResult; error?: string }) =>
			message.error ? reject(new Error(message.error)) : resolve(message.result!)
		);
		child.once('exit', (code) => reject(new Error(`clock child exited with ${code} before answering`)));
	});
}

const minutesAfter = (iso: string, at: string) => (Date.parse(at) - Date.parse(iso)) / 60_000;

describe('decision numbers at the Berlin year change (pglite, database clock shifted)', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-year-change-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	let world = '';

	it('at 23:30 on 31 December (Berlin) a decision belongs to the old year', async () => {
		const before = await runAt('2026-12-31T22:30:00Z', { CLOCK_CHILD_PGLITE_DIR: dir, CLOCK_CHILD_DECISIONS: '2' });
		world = JSON.stringify(before.world);
		expect(before.numbers).toEqual(['2026/01', '2026/02']);
		// Recorded by the shifted clock (the child's start-up takes seconds, never half an hour).
		for (const at of before.recordedAt) expect(minutesAfter('2026-12-31T22:30:00Z', at)).toBeGreaterThanOrEqual(0);
		for (const at of before.recordedAt) expect(minutesAfter('2026-12-31T22:30:00Z', at)).toBeLessThan(29);

		// The preload shifts every way of reading the clock, and nothing else about Date.
		const { facts } = before;
		expect(minutesAfter('2026-12-31T22:30:00Z', facts.databaseNow)).toBeLessThan(29);
		expect(minutesAfter('2026-12-31T22:30:00Z', new Date(facts.dateNow).toISOString())).toBeLessThan(29);
		expect(Math.abs(facts.newDate - facts.dateNow)).toBeLessThan(1_000);
		expect(facts.dateCall).toMatch(/Dec 31 2026/);
		expect(facts).toMatchObject({
			isDate: true,
			tag: '[object Date]',
			epoch: '1970-01-01T00:00:00.000Z',
			utc: Date.UTC(2027, 0, 1),
			subclass: true
		});
	}, 120_000);

	it('at 00:10 on 1 January (Berlin) the same board starts the new year at 01', async () => {
		const after = await runAt('2026-12-31T23:10:00Z', { CLOCK_CHILD_PGLITE_DIR: dir, CLOCK_CHILD_WORLD: world });
		expect(after.numbers).toEqual(['2027/01']);
		expect(minutesAfter('2026-12-31T23:10:00Z', after.recordedAt[0]!)).toBeLessThan(29);
	}, 120_000);
});
