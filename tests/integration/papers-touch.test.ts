import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendUpdates } from '$lib/server/collab/persistence';
import { withSystem, withUser } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { saveSearchText } from '$lib/server/search/paper-text.repository';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { auditEntries } from '../factories/audit';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper } from '../factories/papers';
import { testDatabases } from '../support/databases';

// 20261208050000_papers_cheap_touch.sql: the search vector is an ordinary column kept by a trigger (no longer
// recomputed by every co-editing commit), and an update that only touches updated_at/updated_by leaves the
// audit trail alone. What people rely on must not change: search finds the current title and text, nobody
// writes the vector by hand, and every real change is recorded.

describe.each(testDatabases())('papers: search vector and audit around the co-editing touch ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let member: TestUser;

	beforeAll(async () => {
		db = await database.open();
		({
			board,
			people: { member }
		} = await boardWithRoles(db, { member: 'member' }));
	});
	afterAll(() => db.close());

	const as = <T>(fn: (tx: Tx) => Promise<T>) => withUser(db, claimsFor(member), fn);
	/** A co-editing commit of one keystroke by the member: it touches the paper's row (updated_at, updated_by). */
	async function touch(paperId: string) {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'x');
		await appendUpdates(db, paperId, [{ update: Y.encodeStateAsUpdate(doc), userId: member.id }]);
	}
	async function lastEditor(paperId: string): Promise<string | null> {
		const [row] = await withSystem(db, 'collab', (tx) =>
			tx.query<{ updated_by: string | null }>(`select updated_by from public.papers where id = $1`, [paperId])
		);
		return row!.updated_by;
	}
	async function finds(paperId: string, words: string): Promise<boolean> {
		const [row] = await withSystem(db, 'search-index', (tx) =>
			tx.query<{ hit: boolean }>(
				`select search_vector @@ plainto_tsquery('german', $2) as hit from public.papers where id = $1`,
				[paperId, words]
			)
		);
		return row!.hit;
	}
	const saveText = (paperId: string, text: string) =>
		withSystem(db, 'search-index', (tx) => saveSearchText(tx, { paperId, text, readAt: new Date() }));

	it('indexes the title on insert, the document text when the indexer saves it, and a new title', async () => {
		const paper = await createPaper(db, { board, author: member, title: 'Gewerbeflächen im Norden' });
		expect(await finds(paper.id, 'Gewerbeflächen')).toBe(true);
		await saveText(paper.id, 'Die Hochschule plant ein Innovationsquartier am Bahnhof.');
		expect(await finds(paper.id, 'Innovationsquartier')).toBe(true);
		await as((tx) => tx.query(`update public.papers set title = 'Logistikflächen im Süden' where id = $1`, [paper.id]));
		expect(await finds(paper.id, 'Logistikflächen')).toBe(true);
		expect(await finds(paper.id, 'Gewerbeflächen')).toBe(false);
		expect(await finds(paper.id, 'Innovationsquartier')).toBe(true);
		await saveText(paper.id, 'Fachkräfte aus der Region.');
		expect(await finds(paper.id, 'Fachkräfte')).toBe(true);
		expect(await finds(paper.id, 'Innovationsquartier')).toBe(false);
	});

	it('keeps the vector through touches and other changes, and a person cannot write it', async () => {
		const paper = await createPaper(db, { board, author: member, title: 'Fachkräftestrategie' });
		await saveText(paper.id, 'Ausbildungsverbund der Kammern.');
		await touch(paper.id);
		await as((tx) => tx.query(`update public.papers set status = 'discussion' where id = $1`, [paper.id]));
		await as((tx) =>
			tx.query(`update public.papers set search_vector = to_tsvector('german', 'Schleichwerbung') where id = $1`, [
				paper.id
			])
		);
		expect(await finds(paper.id, 'Schleichwerbung')).toBe(false);
		expect(await finds(paper.id, 'Fachkräftestrategie')).toBe(true);
		expect(await finds(paper.id, 'Ausbildungsverbund')).toBe(true);
	});

	it('records no audit entry for a touch, and the change when a touch comes with one', async () => {
		const paper = await createPaper(db, { board, author: member, title: 'Flächenbericht' });
		// Nobody named as the last editor yet: the touch below must name the member.
		await withSystem(db, 'collab', (tx) =>
			tx.query(`update public.papers set updated_by = null where id = $1`, [paper.id])
		);
		const before = await auditEntries(db, { boardId: board.id, table: 'papers', rowId: paper.id });
		await touch(paper.id);
		await touch(paper.id);
		expect(await lastEditor(paper.id)).toBe(member.id);
		expect(await auditEntries(db, { boardId: board.id, table: 'papers', rowId: paper.id })).toHaveLength(before.length);
		await as((tx) =>
			tx.query(
				`update public.papers set title = 'Flächenbericht 2027', updated_at = now(), updated_by = $2 where id = $1`,
				[paper.id, member.id]
			)
		);
		const after = await auditEntries(db, { boardId: board.id, table: 'papers', rowId: paper.id });
		expect(after).toHaveLength(before.length + 1);
		expect(after.at(-1)).toMatchObject({
			operation: 'update',
			actor_id: member.id,
			before: { title: 'Flächenbericht' },
			after: { title: 'Flächenbericht 2027' }
		});
	});
});
