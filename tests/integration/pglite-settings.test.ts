// The embedded database's buffer pool is what keeps most of the embedded server's memory resident
// (bench/pages/README.md, "Memory"): the setting must reach PGlite's Postgres, on every open.
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, PGLITE_SHARED_BUFFERS } from '$lib/server/db/pglite';
import type { Database } from '$lib/server/db/types';

describe('embedded database settings', () => {
	let db: Database | undefined;
	afterAll(() => db?.close());

	it('opens PGlite with the smaller buffer pool', async () => {
		db = await openPglite('memory://');
		const rows = await db.ownerTransaction((tx) => tx.query<{ shared_buffers: string }>('show shared_buffers'));
		expect(rows[0]?.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
	});
});
