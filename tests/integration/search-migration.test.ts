import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('search migration on $name', (target) => {
	let db: Database;
	beforeAll(async () => {
		db = await target.open();
	});
	afterAll(() => db.close());

	it('stems German words the same in documents and queries', async () => {
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ hit: boolean }>(
				`select to_tsvector('german', 'Die Gründung eines Zentrums') @@ websearch_to_tsquery('german', 'Gründungen') as hit`
			)
		);
		expect(row?.hit).toBe(true);
	});

	it('matches longer stems as prefixes (German compounds) and short stems exactly', async () => {
		const match = async (text: string, q: string) => {
			const [row] = await db.ownerTransaction((tx) =>
				tx.query<{ hit: boolean }>(`select to_tsvector('german', $1) @@ public.search_tsquery($2) as hit`, [text, q])
			);
			return row?.hit;
		};
		expect(await match('Neue Logistikflächen am Kanal', 'Logistik')).toBe(true);
		expect(await match('Gründungsoffensive 2030', 'Gründungen')).toBe(true);
		expect(await match('Haftung der Betreiber', 'Hafen')).toBe(false);
		expect(await match('Am Hafen', '"am Hafen" -Kohle')).toBe(true);
		expect(await match('Am Hafen liegt Kohle', '"am Hafen" -Kohle')).toBe(false);
		expect(await match("Rock 'n' Roll", "'n' Roll")).toBe(true);
		expect(await match("O'Reilly's Buchhandlung", "O'Reilly's Buchhandlungen")).toBe(true);
		const [query] = await db.ownerTransaction((tx) =>
			tx.query<{ q: string }>(`select public.search_tsquery($1)::text as q`, ["a'b Wirtschaft"])
		);
		expect(query?.q).toBe("'a' <-> 'b' & 'wirtschaft':*");
	});

	it('indexes every searchable table with a GIN index on a stored vector', async () => {
		const rows = await db.ownerTransaction((tx) =>
			tx.query<{ tablename: string }>(
				`select tablename from pg_indexes where schemaname = 'public' and indexdef ilike '%using gin (search_vector)%' order by tablename`
			)
		);
		expect(rows.map((r) => r.tablename)).toEqual(
			expect.arrayContaining(['agenda_items', 'comments', 'decision_entries', 'meetings', 'papers'])
		);
	});
});
