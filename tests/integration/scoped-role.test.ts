import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAnon, withSystem, withUser, type Claims } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { testDatabases } from '../support/databases';

// The request's role statement is sent without waiting for its answer (scoped.ts): the transaction's very first
// statement, issued at once, must already run under that role and those claims, also when several go together.

const IDENTITY = `select current_user as role, current_setting('request.jwt.claim.sub', true) as sub`;

const claims: Claims = {
	sub: '00000000-0000-4000-8000-0000000000aa',
	email: 'someone@example.org',
	role: 'authenticated',
	aud: 'authenticated',
	session_id: '00000000-0000-4000-8000-0000000000ab',
	exp: Math.floor(Date.now() / 1000) + 60
};

describe.each(testDatabases())('request roles ($name)', (database) => {
	let db: Database;
	beforeAll(async () => {
		db = await database.open();
	});
	afterAll(() => db?.close());

	it('the first statement already runs as the signed-in person', async () => {
		const rows = await withUser(db, claims, (tx) => tx.query(IDENTITY));
		expect(rows).toEqual([{ role: 'authenticated', sub: claims.sub }]);
	});

	it('statements issued together all run under the role', async () => {
		const all = await withUser(db, claims, (tx) => Promise.all([tx.query(IDENTITY), tx.query(IDENTITY)]));
		expect(all.flat()).toEqual([
			{ role: 'authenticated', sub: claims.sub },
			{ role: 'authenticated', sub: claims.sub }
		]);
	});

	it('signed-out visitors and system tasks get their own roles', async () => {
		expect(await withAnon(db, (tx) => tx.query(IDENTITY))).toEqual([{ role: 'anon', sub: '' }]);
		expect(await withSystem(db, 'test-setup', (tx) => tx.query(IDENTITY))).toEqual([{ role: 'service_role', sub: '' }]);
	});

	it('a failing statement fails the transaction and leaves the connection usable', async () => {
		await expect(withUser(db, claims, (tx) => tx.query('select 1/0'))).rejects.toThrow();
		expect(await withUser(db, claims, (tx) => tx.query(IDENTITY))).toEqual([
			{ role: 'authenticated', sub: claims.sub }
		]);
	});
});
