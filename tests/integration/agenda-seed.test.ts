import { describe, expect, it } from 'vitest';
import seedSql from '../../supabase/seed.sql?raw';
import { withUser } from '$lib/server/db/scoped';
import { claimsFor } from '../factories';
import { testDatabases } from '../support/databases';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const GUEST = { id: '00000000-0000-4000-8000-000000000007', email: 'guest@beirat.example' };
const MEMBER = { id: '00000000-0000-4000-8000-000000000004', email: 'member@beirat.example' };

describe.each(testDatabases())('agenda demo data on $name', (target) => {
	it('gives the demo meetings their agendas, idempotently, with the non-public item hidden from the guest', async () => {
		const db = await target.open();
		try {
			await db.ownerTransaction((tx) => tx.exec(seedSql));
			// Until the meetings block creates c1/c2, the agenda block is a no-op: create them the way it would.
			await db.ownerTransaction((tx) =>
				tx.query(
					`insert into public.meetings (id, board_id, title, starts_at, ends_at, agenda_published_at)
					 values ($1, '00000000-0000-4000-8000-0000000000b1', 'Sitzung Herbst', now() - interval '30 days', now() - interval '30 days' + interval '3 hours', now() - interval '40 days'),
						($2, '00000000-0000-4000-8000-0000000000b1', 'Sitzung Winter', now() + interval '21 days', now() + interval '21 days 3 hours', now() - interval '1 day')
					 on conflict (id) do nothing`,
					[C1, C2]
				)
			);
			await db.ownerTransaction(async (tx) => {
				await tx.query(
					`insert into public.meeting_guests (meeting_id, user_id) values ($1, $2) on conflict do nothing`,
					[C2, GUEST.id]
				);
				await tx.exec(seedSql);
				await tx.exec(seedSql);
			});
			const count = await db.ownerTransaction((tx) =>
				tx.query<{ meeting_id: string; n: number }>(
					`select meeting_id, count(*)::int as n from public.agenda_items group by meeting_id order by meeting_id`
				)
			);
			expect(count).toEqual([
				{ meeting_id: C1, n: 5 },
				{ meeting_id: C2, n: 7 }
			]);
			const titles = (claims: ReturnType<typeof claimsFor>) =>
				withUser(db, claims, (tx) =>
					tx.query<{ title: string }>(`select title from public.agenda_items where meeting_id = $1 order by position`, [
						C2
					])
				).then((rows) => rows.map((r) => r.title));
			expect(await titles(claimsFor(MEMBER))).toContain('Personalangelegenheiten der Geschäftsstelle');
			const guestSees = await titles(claimsFor(GUEST));
			expect(guestSees).toContain('Fachkräftesicherung mit dem Jobcenter');
			expect(guestSees).not.toContain('Personalangelegenheiten der Geschäftsstelle');
		} finally {
			await db.close();
		}
	});
});
