import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('agenda migration on $name', (target) => {
	it('creates the agenda tables with row level security and nothing granted to anon', async () => {
		const db = await target.open();
		try {
			const tables = await db.ownerTransaction((tx) =>
				tx.query<{ relname: string; relrowsecurity: boolean; anon: boolean }>(
					`select c.relname, c.relrowsecurity, has_table_privilege('anon', c.oid, 'select') as anon
					 from pg_class c join pg_namespace n on n.oid = c.relnamespace
					 where n.nspname = 'public' and c.relname like 'agenda%' and c.relkind = 'r' order by c.relname`
				)
			);
			expect(tables.map((r) => r.relname)).toEqual([
				'agenda_changes',
				'agenda_conflicts',
				'agenda_item_papers',
				'agenda_items',
				'agenda_proposals',
				'agenda_settings'
			]);
			expect(tables.filter((r) => !r.relrowsecurity || r.anon)).toEqual([]);
			// Security-definer helpers pin their search path.
			const helpers = await db.ownerTransaction((tx) =>
				tx.query<{ proname: string; proconfig: string[] | null }>(
					`select proname, proconfig from pg_proc where proname in ('meeting_board_of', 'can_see_agenda_item', 'agenda_proposals_open') order by proname`
				)
			);
			expect(helpers.map((h) => [h.proname, h.proconfig])).toEqual([
				['agenda_proposals_open', ['search_path=""']],
				['can_see_agenda_item', ['search_path=""']],
				['meeting_board_of', ['search_path=""']]
			]);
		} finally {
			await db.close();
		}
	});
});
