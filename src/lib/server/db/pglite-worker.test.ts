import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, pgliteDatabase, pgliteOf } from './pglite';
import type { Database } from './types';

// The embedded database in its worker thread behaves as PGlite did in this thread: the same values, the
// same errors, the same order of transactions.

const VALUES = `select now() as t, '\\x0102'::bytea as b, 12345678901::int8 as i8, 3::int4 as i4,
	1.5::numeric as n, '{"a":[1]}'::json as j, '{"a":1}'::jsonb as jb, array[1,2]::int[] as a,
	array['x', null]::text[] as ta, '2026-01-01'::date as d, true as bo, null::text as nl,
	gen_random_uuid() is not null as u, 1.5::float8 as f, interval '1 day' as iv, $1::bytea as p,
	$2::timestamptz as pt, $3::jsonb as pj`;

describe('PGlite in a worker thread', () => {
	let db: Database;
	let local: Database;
	beforeAll(async () => {
		db = await openPglite('memory://');
		local = pgliteDatabase(await PGlite.create());
		for (const each of [db, local])
			await each.ownerTransaction((tx) =>
				tx.exec(`create role authenticator;
					create table t (id int primary key, name text not null constraint name_short check (length(name) < 5));
					grant all on t to authenticator`)
			);
	}, 60_000);
	afterAll(async () => {
		await db?.close();
		await local?.close();
	});

	it('returns the same JS types as PGlite in this thread', async () => {
		const params = [Buffer.from([9, 8, 7]), new Date('2026-03-01T10:00:00Z'), { k: [1, 'x'] }];
		const [ours] = await db.ownerTransaction((tx) => tx.query(VALUES, params));
		const [theirs] = await local.ownerTransaction((tx) => tx.query(VALUES, params));
		expect(ours).toBeDefined();
		for (const [key, value] of Object.entries(theirs!)) {
			const got = (ours as Record<string, unknown>)[key];
			expect(typeof got, key).toBe(typeof value);
			if (value !== null && typeof value === 'object')
				expect(Object.getPrototypeOf(got), key).toBe(Object.getPrototypeOf(value));
			if (key !== 't') expect(got, key).toEqual(value);
		}
		expect(ours!.p).toEqual(new Uint8Array([9, 8, 7]));
	});

	it('keeps the Postgres fields of an error', async () => {
		const insert = (each: Database) =>
			each.transaction(async (tx) => {
				await tx.query(`insert into t (id, name) values ($1, $2)`, [1, 'too long']);
			});
		const ours = await insert(db).catch((error: unknown) => error);
		const theirs = await insert(local).catch((error: unknown) => error);
		expect(ours).toBeInstanceOf(Error);
		for (const key of ['message', 'code', 'constraint', 'table', 'severity', 'detail', 'schema', 'routine'])
			expect((ours as Record<string, unknown>)[key], key).toEqual((theirs as Record<string, unknown>)[key]);
		expect((ours as { code: string }).code).toBe('23514');
		expect((ours as { params: unknown[] }).params).toEqual([1, 'too long']);
	});

	it('rolls back when the callback throws, and commits otherwise', async () => {
		await expect(
			db.ownerTransaction(async (tx) => {
				await tx.query(`insert into t (id, name) values (10, 'a')`);
				throw new Error('no');
			})
		).rejects.toThrow('no');
		await db.ownerTransaction((tx) => tx.query(`insert into t (id, name) values (11, 'b')`));
		const rows = await db.ownerTransaction((tx) => tx.query<{ id: number }>(`select id from t where id >= 10`));
		expect(rows).toEqual([{ id: 11 }]);
	});

	it('runs transactions one after another, in the order asked for', async () => {
		const order: string[] = [];
		const run = (name: string, ms: number) =>
			db.ownerTransaction(async (tx) => {
				order.push(`${name}:start`);
				await tx.query(`select pg_sleep($1)`, [ms / 1000]);
				await new Promise((resolve) => setTimeout(resolve, ms));
				order.push(`${name}:end`);
			});
		await Promise.all([run('a', 30), run('b', 1), run('c', 10)]);
		expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
	});

	it('refuses a parameter structured clone cannot carry, and goes on', async () => {
		await expect(db.ownerTransaction((tx) => tx.query(`select $1::text as v`, [() => 1]))).rejects.toThrow(
			/could not be cloned/
		);
		const [row] = await db.ownerTransaction((tx) => tx.query<{ v: string }>(`select $1::text as v`, ['ok']));
		expect(row!.v).toBe('ok');
	});

	it('starts transactions as the login role, and refuses a statement after the end', async () => {
		let leaked: { query(text: string): Promise<unknown> } | undefined;
		const [row] = await db.transaction(async (tx) => {
			leaked = tx;
			return tx.query<{ r: string }>(`select current_user as r`);
		});
		expect(row!.r).toBe('authenticator');
		await expect(leaked!.query('select 1')).rejects.toThrow(/closed/);
	});

	it('gives the online backup a transaction and the dump inside it', async () => {
		const pg = pgliteOf(db)!;
		expect(pg.closed).toBe(false);
		const { count, size } = await pg.transaction(async (tx) => {
			const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from t`);
			const dump = await pg.dumpDataDir('none');
			return { count: rows[0]!.n, size: (await dump.arrayBuffer()).byteLength };
		});
		expect(count).toBe(1);
		expect(size).toBeGreaterThan(1_000_000);
	});

	it('measures the message hop per statement', async () => {
		const statements = 500;
		const time = async (each: Database) => {
			return each.ownerTransaction(async (tx) => {
				const start = performance.now();
				const busy = performance.eventLoopUtilization();
				for (let i = 0; i < statements; i++) await tx.query(`select $1::int as i`, [i]);
				const { active } = performance.eventLoopUtilization(busy);
				return [((performance.now() - start) * 1000) / statements, (active * 1000) / statements];
			});
		};
		await time(db);
		await time(local);
		const [ours, oursBusy] = await time(db);
		const [theirs, theirsBusy] = await time(local);
		console.info(
			`per statement: ${ours!.toFixed(0)} µs (this thread busy ${oursBusy!.toFixed(0)} µs) with the worker, ` +
				`${theirs!.toFixed(0)} µs (busy ${theirsBusy!.toFixed(0)} µs) with PGlite in this thread`
		);
		expect(ours).toBeGreaterThan(0);
	});

	it('runs a batch in one transaction as the login role, as PGlite in this thread does', async () => {
		const outcomes = async (each: Database, base: number) => {
			const insert = (id: number, name: string) => ({
				text: `insert into t (id, name) values ($1, $2) returning id - $3 as n`,
				params: [id, name, base]
			});
			const rows = await each.batch([
				{ text: `select current_user as r` },
				insert(base + 1, 'a'),
				insert(base + 2, 'b')
			]);
			const error = await each.batch([insert(base + 3, 'c'), insert(base + 4, 'too long')]).catch((e: unknown) => e);
			const stored = await each.ownerTransaction((tx) =>
				tx.query<{ n: number }>(`select id - $1 as n from t where id > $1 order by id`, [base])
			);
			return { rows, error: { ...(error as object), message: (error as Error).message }, stored };
		};
		const ours = await outcomes(db, 100);
		const theirs = await outcomes(local, 100);
		expect(ours.rows).toEqual([[{ r: 'authenticator' }], [{ n: 1 }], [{ n: 2 }]]);
		expect(ours.stored).toEqual([{ n: 1 }, { n: 2 }]);
		expect(ours.error).toMatchObject({ code: '23514', constraint: 'name_short' });
		expect(ours).toEqual(theirs);
	});
});
