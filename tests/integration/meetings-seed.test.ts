import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { seedDemoData } from '$lib/server/db/seed';
import { listMeetings } from '$lib/server/meetings/meeting.repository';
import { claimsFor } from '../factories';
import { testDatabases } from '../support/databases';

const BOARD = '00000000-0000-4000-8000-0000000000b1';
const guest = { id: '00000000-0000-4000-8000-000000000007', email: 'guest@beirat.example' };
const member = { id: '00000000-0000-4000-8000-000000000004', email: 'member@beirat.example' };

describe.each(testDatabases())('demo meetings on $name', (target) => {
	let db: Database;
	beforeAll(async () => {
		db = await target.open();
		await seedDemoData(db);
		// The SQL itself is idempotent too (supabase db reset may run it on a seeded database).
		await db.ownerTransaction(async (tx) => tx.exec((await import('../../supabase/seed.sql?raw')).default));
	});
	afterAll(async () => {
		await db.close();
	});

	it('has a held meeting three weeks ago and an invited one in two weeks, the guest invited to the latter only', async () => {
		const meetings = await withUser(db, claimsFor(member), (tx) => listMeetings(tx, BOARD));
		const byId = new Map(meetings.map((m) => [m.id.slice(-2), m]));
		expect(byId.get('c1')).toMatchObject({ title: '3. Sitzung des Beirats', status: 'held' });
		expect(byId.get('c2')).toMatchObject({ title: '4. Sitzung des Beirats', status: 'invited' });
		const days = (date: Date) => Math.round((date.getTime() - Date.now()) / 86_400_000);
		expect(days(byId.get('c1')!.startsAt)).toBeGreaterThanOrEqual(-22);
		expect(days(byId.get('c1')!.startsAt)).toBeLessThanOrEqual(-20);
		expect(days(byId.get('c2')!.startsAt)).toBeGreaterThanOrEqual(14);
		expect(days(byId.get('c2')!.startsAt)).toBeLessThanOrEqual(15);
		const seenByGuest = await withUser(db, claimsFor(guest), (tx) => listMeetings(tx, BOARD));
		expect(seenByGuest.map((m) => m.title)).toEqual(['4. Sitzung des Beirats']);
	});
});
