import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { scopedDb, withSystem, type ScopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';

// Values from a request that Postgres refuses become refusals in the request wrapper (db-errors.ts),
// with the SQLSTATEs each database really raises: PGlite and PostgreSQL 15.

describe.each(testDatabases())('database refusals of bad input ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let scoped: ScopedDb;

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
		scoped = scopedDb(db, claimsFor(office));
	});
	afterAll(async () => {
		await db.close();
	});

	it('a text that is no uuid is an invalid value (22P02)', async () => {
		expect(await refusal(scoped.run((tx) => tx.query(`select id from public.boards where id = $1`, ['abc'])))).toBe(
			'error.invalidValue'
		);
	});

	it('a NUL byte is refused as characters that cannot be stored (22021)', async () => {
		expect(
			await refusal(
				scoped.run((tx) => tx.query(`select id from public.boards where slug = $1`, ['wirtschaft\u0000-hamm']))
			)
		).toBe('error.invalidCharacters');
	});

	it('a day that does not exist is an invalid date, whoever notices it first', async () => {
		// Postgres itself (22008) …
		expect(await refusal(scoped.run((tx) => tx.query(`select $1::text::date`, ['2026-02-31'])))).toBe(
			'error.invalidDate'
		);
		// … or postgres.js, which makes a Date of a timestamptz parameter before sending it.
		expect(await refusal(scoped.run((tx) => tx.query(`select $1::timestamptz`, ['9999-99-99'])))).toBe(
			'error.invalidDate'
		);
	});

	it('an id of a row that does not exist is an unknown reference (23503)', async () => {
		const insert = scoped.run((tx) =>
			tx.query(
				`insert into public.tasks (board_id, title, owner_office, agenda_item_id, created_by) values ($1, 'x', true, $2, $3)`,
				[board.id, randomUUID(), office.id]
			)
		);
		expect(await refusal(insert)).toBe('error.unknownReference');
	});

	it('leaves system tasks their raw error (collab persistence reads the SQLSTATE)', async () => {
		await expect(withSystem(db, 'test-setup', (tx) => tx.query(`select $1::uuid`, ['abc']))).rejects.toMatchObject({
			code: '22P02'
		});
	});
});
