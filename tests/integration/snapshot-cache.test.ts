import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import { scopedDb, withUser, type Claims } from '$lib/server/db/scoped';
import { readRequestPerson } from '$lib/server/auth/request-person';
import { requestSessionIsLive } from '$lib/server/auth/local-auth.repository';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createMeeting } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { countingTransactions } from '../support/counting-database';

// Results kept while the database is unchanged (src/lib/server/db/snapshot-cache.ts): never a stale row after a
// write, whoever wrote it, and never one person's result for another. Writes go through the owner's pool, another
// connection than the app's (as another app node's would); transactions are counted at the database port.

/**
 * The snapshot is the whole PostgreSQL server's: other test files writing to their own databases move it too. A
 * step that needs an unchanged database is repeated until the snapshot held still around it.
 */
async function whileUnchanged<T>(db: Database, step: () => Promise<T>): Promise<T> {
	for (let attempt = 0; attempt < 100; attempt += 1) {
		const before = await db.snapshot();
		const result = await step();
		if ((await db.snapshot()) === before) return result;
	}
	throw new Error('the database never held still for one step');
}

const titlesOf = (board: TestBoard) => (tx: Tx) =>
	tx.query<{ title: string }>(`select title from public.meetings where board_id = $1 order by title`, [board.id]);

describe.each(testDatabases())('snapshot cache ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let member: TestUser;
	let other: TestUser;

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db);
		member = await addMember(db, { board, role: 'member' });
		other = await addMember(db, { board, role: 'office' });
		await createMeeting(db, { board, title: 'A – erste Sitzung' });
	});
	afterAll(() => db?.close());

	const rename = (title: string) =>
		db.ownerTransaction((tx) =>
			tx.query(`update public.meetings set title = $1 where board_id = $2`, [title, board.id])
		);

	it('keeps the snapshot over reads and moves it with every finished write, also one rolled back', async () => {
		const before = await db.snapshot();
		await withUser(db, claimsFor(member), (tx) => tx.query(`select count(*) from public.meetings`));
		expect(await db.snapshot()).toBe(before);
		await rename('B – umbenannt');
		const afterWrite = await db.snapshot();
		expect(afterWrite).not.toBe(before);
		await expect(
			db.ownerTransaction(async (tx) => {
				await tx.query(`update public.meetings set title = 'nie gespeichert' where board_id = $1`, [board.id]);
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(await db.snapshot()).not.toBe(afterWrite);
	});

	it('answers an unchanged database from the kept result and a changed one from the database', async () => {
		const counted = countingTransactions(db);
		const claims = claimsFor(member);
		const request = async () => scopedDb(counted.db, claims, await db.snapshot()).read('titles', titlesOf(board));

		await rename('C – gelesen');
		const transactions = await whileUnchanged(db, async () => {
			const before = counted.transactions();
			expect(await request()).toEqual([{ title: 'C – gelesen' }]);
			expect(await request()).toEqual([{ title: 'C – gelesen' }]);
			return counted.transactions() - before;
		});
		// The first of two requests may read, the second finds the kept result.
		expect(transactions).toBeLessThanOrEqual(1);

		await rename('D – von einem anderen Knoten geändert');
		const before = counted.transactions();
		expect(await request()).toEqual([{ title: 'D – von einem anderen Knoten geändert' }]);
		expect(counted.transactions()).toBe(before + 1);
	});

	it('shows a request what it wrote itself before reading', async () => {
		const claims = claimsFor(other);
		await rename('E – vorher');
		const handle = scopedDb(db, claims, await db.snapshot());
		expect(await handle.read('titles', titlesOf(board))).toEqual([{ title: 'E – vorher' }]);
		// The office renames it in the same request (a form action), then the page is rendered.
		await handle.run((tx) =>
			tx.query(`update public.meetings set title = 'F – von der Anfrage selbst' where board_id = $1`, [board.id])
		);
		expect(await handle.read('titles', titlesOf(board))).toEqual([{ title: 'F – von der Anfrage selbst' }]);
	});

	it('never gives one person what was read for another', async () => {
		const secret = randomUUID();
		await db.ownerTransaction((tx) =>
			tx.query(`update public.profiles set "function" = $1 where user_id = $2`, [secret, other.id])
		);
		const own = `select "function" from public.profiles where user_id = (select auth.uid())`;
		const snapshot = await db.snapshot();
		const forOther = await scopedDb(db, claimsFor(other), snapshot).read('own function', (tx) => tx.query(own));
		const forMember = await scopedDb(db, claimsFor(member), snapshot).read('own function', (tx) => tx.query(own));
		expect(forOther).toEqual([{ function: secret }]);
		expect(forMember).not.toEqual(forOther);
	});

	it('keeps nothing read at another snapshot than the request inputs were read at', async () => {
		const counted = countingTransactions(db);
		const claims = claimsFor(member);
		await rename('G – Eingaben gelesen');
		const inputsAt = await db.snapshot();
		await rename('H – danach geändert');
		// The request's inputs belong to the older state; its read sees the newer one and keeps it for nobody.
		expect(await scopedDb(counted.db, claims, inputsAt).read('titles', titlesOf(board))).toEqual([
			{ title: 'H – danach geändert' }
		]);
		const now = await db.snapshot();
		await scopedDb(counted.db, claims, now).read('titles', titlesOf(board));
		expect(counted.transactions()).toBe(2);
	});

	describe('the signed-in person of a request', () => {
		async function signedIn(user: TestUser): Promise<Claims> {
			const claims = claimsFor(user);
			await db.ownerTransaction((tx) =>
				tx.query(
					`insert into auth.sessions (id, user_id, not_after, updated_at) values ($1, $2, now() + interval '1 day', now())`,
					[claims.session_id, user.id]
				)
			);
			return claims;
		}
		const query = { page: true, askTwoFactor: true };

		it('is read once while unchanged, and a changed name or board shows at the next request', async () => {
			const counted = countingTransactions(db);
			const claims = await signedIn(member);
			const verified = { claims, sessionIsLive: requestSessionIsLive };
			const { first, second, transactions } = await whileUnchanged(db, async () => {
				const before = counted.transactions();
				const first = await readRequestPerson(counted.db, verified, query);
				const second = await readRequestPerson(counted.db, verified, query);
				return { first, second, transactions: counted.transactions() - before };
			});
			expect(first.person?.current.boards.map((b) => b.id)).toEqual([board.id]);
			expect(second).toEqual(first);
			expect(transactions).toBeLessThanOrEqual(1);

			await db.ownerTransaction((tx) =>
				tx.query(`update public.profiles set display_name = 'Neuer Name' where user_id = $1`, [member.id])
			);
			expect((await readRequestPerson(counted.db, verified, query)).person?.current.displayName).toBe('Neuer Name');
			const elsewhere = await createBoard(db);
			await addMember(db, { board: elsewhere, role: 'guest', user: member });
			const boards = (await readRequestPerson(counted.db, verified, query)).person?.current.boards.map((b) => b.id);
			expect(boards).toHaveLength(2);
			expect(boards).toContain(elsewhere.id);
		});

		it('ends at once when the session is signed out elsewhere', async () => {
			const claims = await signedIn(other);
			const verified = { claims, sessionIsLive: requestSessionIsLive };
			expect((await readRequestPerson(db, verified, query)).person).not.toBeNull();
			expect((await readRequestPerson(db, verified, query)).person).not.toBeNull();
			await db.ownerTransaction((tx) => tx.query(`delete from auth.sessions where id = $1`, [claims.session_id]));
			expect((await readRequestPerson(db, verified, query)).person).toBeNull();
		});
	});
});
