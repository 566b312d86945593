import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { systemStatement } from '$lib/server/db/scoped';
import { testDatabases } from '../support/databases';

// Statements sent to the database whole (Database.batch): one transaction, all or nothing, the failing statement's
// own error, and no connection left inside a transaction, or handed on dead, afterwards.

describe.each(testDatabases())('a batch of statements ($name)', (database) => {
	let db: Database;

	beforeAll(async () => {
		db = await database.open();
		await db.ownerTransaction((tx) =>
			tx.exec(`create table public.batch_probe (id int primary key, name text not null constraint name_short check (length(name) < 5));
				grant all on public.batch_probe to authenticator`)
		);
	});
	afterAll(() => db?.close());

	const insert = (id: number, name: string) => ({
		text: `insert into public.batch_probe (id, name) values ($1, $2) returning id`,
		params: [id, name]
	});
	const stored = async (ids: number[]) =>
		(
			await db.ownerTransaction((tx) =>
				tx.query<{ id: number }>(`select id from public.batch_probe where id = any($1::int[]) order by id`, [
					`{${ids.join(',')}}`
				])
			)
		).map((row) => row.id);

	it("returns each statement's rows and commits them together", async () => {
		const results = await db.batch([
			insert(1, 'eins'),
			insert(2, 'zwei'),
			{ text: `select count(*)::int as n from public.batch_probe where id in (1, 2)` }
		]);
		expect(results).toEqual([[{ id: 1 }], [{ id: 2 }], [{ n: 2 }]]);
		expect(await stored([1, 2])).toEqual([1, 2]);
	});

	it("rolls the whole batch back when one statement fails and throws that statement's error", async () => {
		const error = await db
			.batch([insert(3, 'drei'), insert(4, 'zu lang'), insert(5, 'fünf')])
			.catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(Error);
		expect(error).toMatchObject({ code: '23514', message: expect.stringContaining('name_short') });
		expect(await stored([3, 4, 5])).toEqual([]);
	});

	it('leaves no connection inside a transaction after a failure', async () => {
		// More failures than the pool has connections; a connection left in its aborted transaction would fail the
		// batches after them (25P02) or commit them with the failed ones.
		for (let i = 0; i < 12; i++) await expect(db.batch([insert(10 + i, 'zu lang')])).rejects.toThrow();
		const ids = Array.from({ length: 12 }, (_, i) => 30 + i);
		await Promise.all(ids.map((id) => db.batch([insert(id, 'ok')])));
		expect(await stored(ids)).toEqual(ids);
		expect(await stored(Array.from({ length: 12 }, (_, i) => 10 + i))).toEqual([]);
	});

	it.skipIf(database.name !== 'postgres')(
		'fails a batch whose connection the server ends, and runs the next ones on good connections',
		async () => {
			const ended = db.batch([{ text: `select pg_sleep(5)` }]).catch((failure: unknown) => failure);
			const endSleepers = () =>
				db.ownerTransaction((tx) =>
					tx.query<{ ended: boolean }>(
						`select pg_terminate_backend(pid) as ended from pg_stat_activity
						 where datname = current_database() and query = 'select pg_sleep(5)' and pid <> pg_backend_pid()`
					)
				);
			for (let attempt = 0; attempt < 50 && (await endSleepers()).length === 0; attempt++)
				await new Promise((resolve) => setTimeout(resolve, 50));
			expect(await ended).toBeInstanceOf(Error);
			const ids = Array.from({ length: 8 }, (_, i) => 60 + i);
			for (const id of ids) await db.batch([insert(id, 'ok')]);
			expect(await stored(ids)).toEqual(ids);
		}
	);

	it.skipIf(database.name !== 'postgres')(
		'refuses a batch with a statement the driver cannot send before sending any of it, and goes on',
		async () => {
			// postgres.js refuses an undefined parameter only when it gets to it: inside a pipeline that stalled the
			// connection for good, and the batches after it waited forever for a connection of the pool.
			for (let i = 0; i < 6; i++)
				await expect(db.batch([insert(70 + i, 'ok'), insert(80 + i, undefined as never)])).rejects.toThrow(
					/undefined/i
				);
			expect(await stored(Array.from({ length: 6 }, (_, i) => 70 + i))).toEqual([]);
			const ids = Array.from({ length: 8 }, (_, i) => 90 + i);
			await Promise.all(ids.map((id) => db.batch([insert(id, 'ok')])));
			expect(await stored(ids)).toEqual(ids);
		}
	);

	it('runs a system statement as service_role with its task in the claims', async () => {
		const [row] = await systemStatement<{ role: string; task: string }>(db, 'test-setup', {
			text: `select current_user as role, current_setting('request.jwt.claims')::jsonb ->> 'task' as task`
		});
		expect(row).toEqual({ role: 'service_role', task: 'test-setup' });
	});

	it('runs a batch without a role as the login role, which may not touch the tables', async () => {
		const error = await db.batch([{ text: `select count(*) from public.papers` }]).catch((failure: unknown) => failure);
		expect(error).toMatchObject({ code: '42501' });
	});
});
