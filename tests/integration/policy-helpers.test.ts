import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { testDatabases } from '../support/databases';

// The helpers that row-level policies call per row run as PL/pgSQL, whose query plans last for the database
// session; a `language sql` security definer function is planned anew in every statement that calls it
// (supabase/migrations/20261206010000_policy_helpers_plpgsql.sql, bench/pages/README.md). A later migration that
// redefines one of them as SQL again fails here.

/**
 * Every security definer function in `public` that a policy of a table or of storage.objects calls (an SQL function
 * without security definer may be inlined into the statement instead, and is left out).
 */
const POLICY_FUNCTIONS = `
	select distinct p.proname as name, l.lanname as language
	from pg_policies pol
	cross join lateral regexp_matches(coalesce(pol.qual, '') || ' ' || coalesce(pol.with_check, ''), '([a-z_]+)\\(', 'g') as m(call)
	join pg_proc p on p.proname = m.call[1] and p.pronamespace = 'public'::regnamespace
	join pg_language l on l.oid = p.prolang
	where pol.schemaname in ('public', 'storage') and p.prosecdef
	order by 1`;

describe.each(testDatabases())('policy helpers ($name)', (database) => {
	let db: Database;
	beforeAll(async () => {
		db = await database.open();
	});
	afterAll(() => db?.close());

	it('are PL/pgSQL functions, so their plans are kept per session', async () => {
		const helpers = await db.ownerTransaction((tx) => tx.query<{ name: string; language: string }>(POLICY_FUNCTIONS));
		// The dashboard's and the papers' helpers are among them: the query finds what policies call.
		expect(helpers.map((h) => h.name)).toEqual(
			expect.arrayContaining(['paper_access_of', 'is_full_member', 'has_board_role', 'can_see_meeting'])
		);
		expect(helpers.filter((h) => h.language !== 'plpgsql')).toEqual([]);
	});

	it('answer as before: null where the SQL function found no row', async () => {
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ board: string | null; access: string | null }>(
				`select public.meeting_board_of(gen_random_uuid()) as board, public.paper_access_of(gen_random_uuid())::text as access`
			)
		);
		expect(row).toEqual({ board: null, access: null });
	});
});
