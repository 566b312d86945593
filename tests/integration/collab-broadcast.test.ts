import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabDocument, type DocumentHost, type DocumentPeer } from '$lib/server/collab/document';
import { DEFAULT_LIMITS } from '$lib/server/collab/limits';
import { parseMessage } from '$lib/server/collab/messages';
import { createMetrics } from '$lib/server/collab/metrics';
import type { Database } from '$lib/server/db/types';
import { addMember, createBoard, type TestUser } from '../factories';
import { createPaper } from '../factories/papers';
import { testDatabases } from '../support/databases';

// The changes of one event-loop turn reach each socket as one merged message (document.ts, broadcast): what each
// socket receives, counted and decoded at the document's edge.

class FakePeer implements DocumentPeer {
	readonly received: Uint8Array[] = [];
	readonly doc = new Y.Doc();
	constructor(readonly userId: string) {}
	send(message: Uint8Array) {
		this.received.push(message);
		const parsed = parseMessage(message);
		if (parsed.kind === 'update') Y.applyUpdate(this.doc, parsed.update);
	}
	committed() {}
	close() {}
	/** A keystroke in this peer's copy of the document, as the update its socket would send. */
	type(text: string): Uint8Array {
		let update: Uint8Array | null = null;
		const capture = (u: Uint8Array) => (update = u);
		this.doc.once('update', capture);
		this.doc.getText('t').insert(this.doc.getText('t').length, text);
		return update!;
	}
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(testDatabases().slice(0, 1))('collab fan-out per event-loop turn ($name)', (database) => {
	let db: Database;
	let author: TestUser;
	let paperId: string;

	beforeAll(async () => {
		db = await database.open();
		const board = await createBoard(db);
		author = await addMember(db, { board, role: 'member' });
		paperId = (await createPaper(db, { board, author })).id;
	});
	afterAll(() => db?.close());

	function openDocument() {
		const host: DocumentHost = {
			db,
			limits: DEFAULT_LIMITS,
			metrics: createMetrics(),
			committed: () => {},
			awarenessChanged: () => {},
			idle: () => {},
			gone: () => {}
		};
		return new CollabDocument(paperId, host);
	}

	it('sends one merged message per socket for the changes of one turn, none of them back to its author', async () => {
		const doc = openDocument();
		await doc.ready;
		const [a, b, reader] = [new FakePeer(author.id), new FakePeer(author.id), new FakePeer(author.id)];
		for (const peer of [a, b, reader]) doc.peers.add(peer);

		doc.apply(a.type('Alpha '), { kind: 'client', conn: a, userId: author.id, index: 1 });
		doc.apply(b.type('Beta '), { kind: 'client', conn: b, userId: author.id, index: 1 });
		doc.apply(a.type('Gamma '), { kind: 'client', conn: a, userId: author.id, index: 2 });
		expect(reader.received).toHaveLength(0);

		await nextTurn();
		expect(reader.received).toHaveLength(1);
		expect(a.received).toHaveLength(1);
		expect(b.received).toHaveLength(1);
		const text = doc.ydoc.getText('t').toString();
		for (const peer of [a, b, reader]) expect(peer.doc.getText('t').toString()).toBe(text);
		expect(text).toContain('Alpha Gamma ');
		expect(text).toContain('Beta ');

		// A later turn is a message of its own; an author alone in its turn gets nothing.
		doc.apply(b.type('Delta'), { kind: 'client', conn: b, userId: author.id, index: 2 });
		await nextTurn();
		expect([a.received.length, b.received.length, reader.received.length]).toEqual([2, 1, 2]);
		await doc.settled();
		doc.destroy();
	});

	it('sends nothing to a socket that left before the turn ended, and nothing after the document is dropped', async () => {
		const doc = openDocument();
		await doc.ready;
		const [writer, leaver] = [new FakePeer(author.id), new FakePeer(author.id)];
		doc.peers.add(writer);
		doc.peers.add(leaver);
		doc.apply(writer.type('x'), { kind: 'client', conn: writer, userId: author.id, index: 1 });
		doc.removePeer(leaver);
		await nextTurn();
		expect(leaver.received).toHaveLength(0);
		await doc.settled();

		// Dropped in the turn of the change: the turn's message never leaves. (Not after `settled()`: with the
		// database in its worker thread, waiting for the commit lets the turn end and the message go out.)
		const late = new FakePeer(author.id);
		doc.peers.add(late);
		doc.apply(writer.type('y'), { kind: 'client', conn: writer, userId: author.id, index: 2 });
		doc.destroy();
		await nextTurn();
		expect(late.received).toHaveLength(0);
	});
});
