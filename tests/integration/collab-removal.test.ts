import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_ACCESS_CHANGED } from '$lib/collab/protocol';
import { startCollab, stopCollab } from '$lib/server/collab/collab-process';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { ServiceError } from '$lib/server/errors';
import { createMemberRemovalService } from '$lib/server/personal-data/member-removal.service';
import { addMember, claimsFor, makeAdmin, type TestUser } from '../factories';
import { closeCodes } from '../support/collab-frames';
import {
	connectClient,
	createPaper,
	createPaperWorld,
	startCollabNode,
	storedDoc,
	textOf,
	ticketFor,
	until,
	type PaperWorld,
	type TestClient
} from '../support/collab';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('removal of a person who has the paper open on $name', (target) => {
	let db: Database;
	let world: PaperWorld;
	let admin: TestUser;
	const clients: TestClient[] = [];

	const removal = () =>
		createMemberRemovalService({
			db: scopedDb(db, claimsFor(admin)),
			auth: {
				deleteUser: async (id) =>
					void (await db.ownerTransaction((tx) => tx.query(`delete from auth.users where id = $1`, [id])))
			},
			actor: { userId: admin.id, isAdmin: true }
		});

	/** A fresh paper and a member with edit access to it (the person to be removed). */
	async function paperWithPerson() {
		const paperId = await createPaper(db, { board: world.board, author: world.office });
		const person = await addMember(db, { board: world.board, role: 'member' });
		await db.ownerTransaction((tx) =>
			tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'edit')`, [
				paperId,
				person.id
			])
		);
		return { paperId, person };
	}

	const connect = async (...args: Parameters<typeof connectClient>) => {
		const client = await connectClient(...args);
		clients.push(client);
		return client;
	};

	beforeAll(async () => {
		db = await target.open();
		world = await createPaperWorld(db);
		admin = await makeAdmin(db);
	});
	afterAll(async () => {
		for (const client of clients) client.destroy();
		await db?.close();
	});

	it("closes the removed person's socket, refuses their tickets, and a concurrent editor loses nothing", async () => {
		const node = await startCollabNode({ db }, startCollab({ db }));
		try {
			const { paperId, person } = await paperWithPerson();
			const removed = await connect(db, node, person, paperId);
			const editor = await connect(db, node, world.office, paperId);
			const removedCloses = closeCodes(removed);
			const editorCloses = closeCodes(editor);
			removed.type('Kurz vor der Entfernung');
			editor.type('Gleichzeitig getippt');
			await removal().remove(person.id);
			await until(() => removedCloses.length > 0, 5_000, "the removed person's socket closes");
			expect(removedCloses[0]).toBe(CLOSE_ACCESS_CHANGED);
			await expect(ticketFor(db, person, paperId)).rejects.toBeInstanceOf(ServiceError);
			editor.type('Danach getippt');
			await until(() => editor.allSaved() && editor.text().includes('Danach getippt'), 5_000, 'the editor saves on');
			expect(editorCloses).toEqual([]);
			const stored = textOf(await storedDoc(db, paperId));
			for (const text of ['Gleichzeitig getippt', 'Danach getippt']) expect(stored).toContain(text);
		} finally {
			await node.close();
			stopCollab();
		}
	});

	it("stores the other editors' updates of a batch whose removed author's account is already gone", async () => {
		// Commits wait at this gate: the removed person's update reaches the persistence after the account is gone.
		let openGate: () => void = () => {};
		let gate: Promise<void> | null = null;
		const gated: Database = {
			...db,
			transaction: async (fn) => {
				if (gate) await gate;
				return db.transaction(fn);
			},
			batch: async (statements) => {
				if (gate) await gate;
				return db.batch(statements);
			}
		};
		const node = await startCollabNode({ db: gated, limits: { commitDelayMs: 50 } });
		try {
			const { paperId, person } = await paperWithPerson();
			const removed = await connect(db, node, person, paperId);
			const editor = await connect(db, node, world.office, paperId);
			const removedCloses = closeCodes(removed);
			const editorCloses = closeCodes(editor);
			gate = new Promise<void>((resolve) => (openGate = resolve));
			// Typed in the same moment: one group commit holds both.
			removed.type('Vom Entfernten');
			editor.type('Vom Bleibenden');
			await until(
				() => editor.text().includes('Vom Entfernten') && removed.text().includes('Vom Bleibenden'),
				5_000,
				'both applied'
			);
			// No collaboration server is registered for the hub here: the removal cannot close the socket first.
			await removal().remove(person.id);
			gate = null;
			openGate();
			await until(() => editor.allSaved(), 5_000, "the editor's update acknowledged");
			await until(() => removedCloses.length > 0, 5_000, "the removed person's socket closes");
			expect(removedCloses[0]).toBe(CLOSE_ACCESS_CHANGED);
			expect(editorCloses).toEqual([]);
			expect(node.server.documents.has(paperId)).toBe(true);
			const stored = textOf(await storedDoc(db, paperId));
			expect(stored).toContain('Vom Bleibenden');
			// The removed person's text stays (others build on it), without attribution like their earlier rows.
			expect(stored).toContain('Vom Entfernten');
			const authors = await withSystem(db, 'test-setup', (tx) =>
				tx.query<{ user_id: string | null }>(`select user_id from public.collab_updates where doc_id = $1`, [paperId])
			);
			expect(authors.map((row) => row.user_id)).not.toContain(person.id);
			expect(authors.map((row) => row.user_id)).toContain(world.office.id);
			editor.type('Und weiter');
			await until(() => editor.allSaved() && editor.text().includes('Und weiter'), 5_000, 'the editor saves on');
		} finally {
			openGate();
			await node.close();
		}
	});
});
