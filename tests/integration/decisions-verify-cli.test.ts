import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from '$lib/server/db/pglite';
import { migrate } from '$lib/server/db/migrate';
import { main } from '$lib/server/decisions/verify-cli';
import { addMember, createBoard } from '../factories';
import { recordDecision } from '../factories/decisions';

describe('npm run decisions:verify (embedded database)', () => {
	let dir = '';
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('reports OK, then names the first entry altered behind the app', async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'beirat-verify-'));
		let db = await openPglite(path.join(dir, 'db'));
		await migrate(db);
		const board = await createBoard(db);
		const office = await addMember(db, { board, role: 'office' });
		await recordDecision(db, { board, by: office });
		const second = await recordDecision(db, { board, by: office });
		await db.close();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		expect(await main({ DATA_DIR: dir })).toBe(0);

		db = await openPglite(path.join(dir, 'db'));
		await db.ownerTransaction(async (tx) => {
			await tx.query(`select set_config('beirat.decisions_maintenance', 'on', true)`);
			await tx.query(`update public.decision_entries set title = 'Nachträglich' where id = $1`, [second.id]);
		});
		await db.close();
		expect(await main({ DATA_DIR: dir })).toBe(1);
		expect(log.mock.calls.flat().join('\n')).toContain(`first broken entry ${second.number}`);
		log.mockRestore();
	});
});
