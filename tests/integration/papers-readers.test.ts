import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { withUser } from '$lib/server/db/scoped';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper, grantPaperAccess, type TestPaper } from '../factories/papers';
import { testDatabases } from '../support/databases';

interface Reader {
	user_id: string;
	display_name: string;
	email: string | null;
}

/** paper_readers() feeds the mention picker: names for everyone who may read, addresses only for full members. */
describe.each(testDatabases())('paper_readers on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<'office' | 'member' | 'advisor' | 'guest', TestUser>;
	let paper: TestPaper;

	const readersAs = (user: TestUser) =>
		withUser(db, claimsFor(user), (tx) =>
			tx.query<Reader>(`select user_id, display_name, email from public.paper_readers($1)`, [paper.id])
		);

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			member: 'member',
			advisor: 'advisor',
			guest: 'guest'
		}));
		paper = await createPaper(db, { board, author: people.office });
		await grantPaperAccess(db, { paper, user: people.guest, access: 'comment' });
	});
	afterAll(async () => db?.close());

	it('gives a guest named on the paper the names of the readers but no e-mail address', async () => {
		const readers = await readersAs(people.guest);
		expect(readers.map((r) => r.user_id).sort()).toEqual(
			Object.values(people)
				.map((p) => p.id)
				.sort()
		);
		expect(readers.find((r) => r.user_id === people.member.id)?.display_name).toBe(people.member.displayName);
		expect(readers.map((r) => r.email)).toEqual(readers.map(() => null));
	});

	it('gives full members the addresses as before', async () => {
		for (const user of [people.member, people.advisor, people.office]) {
			const readers = await readersAs(user);
			expect(readers.find((r) => r.user_id === people.office.id)?.email).toBe(people.office.email);
			expect(readers.find((r) => r.user_id === people.guest.id)?.email).toBe(people.guest.email);
		}
	});
});
