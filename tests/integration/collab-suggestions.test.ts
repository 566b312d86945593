// Conformance of the server-enforced suggestions (issue #15): a commenter's socket writes its own
// suggestions and nothing else; crafted Yjs updates prove what is refused, stored and broadcast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE_EDIT_REFUSED, MESSAGE_SYNC } from '$lib/collab/protocol';
import type { Database } from '$lib/server/db/types';
import { listSuggestionsOfDoc } from '$lib/suggestions/y-list';
import { addMember } from '../factories';
import { testDatabases } from '../support/databases';
import {
	connectClient,
	createPaperWorld,
	logRowCount,
	rawSocket,
	startCollabNode,
	storedDoc,
	ticketFor,
	until,
	type CollabNode,
	type PaperWorld,
	type TestClient
} from '../support/collab';

function updateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

const attrs = (id: string, authorId: string) => ({
	id,
	authorId,
	authorName: null,
	createdAt: '2026-12-06T10:00:00.000Z'
});
const textIn = (doc: Y.Doc, index = 0) =>
	(doc.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText;
const plain = (text: Y.XmlText) =>
	(text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
const delta = (doc: Y.Doc) => JSON.stringify(doc.getXmlFragment('default').toJSON());

describe.each(testDatabases())('suggestions on the collaboration server on $name', (target) => {
	let db: Database;
	let node: CollabNode;
	let world: PaperWorld;
	let commenter2: PaperWorld['editor'];
	const clients: TestClient[] = [];
	const connect = async (user: PaperWorld['editor']) => {
		const client = await connectClient(db, node, user, world.paperId);
		clients.push(client);
		return client;
	};
	const socketUrl = async (user: PaperWorld['editor']) =>
		`${node.base}/collab/${world.paperId}?ticket=${(await ticketFor(db, user, world.paperId)).ticket}`;

	/** Sends what `change` does to a copy of the server's document, from a raw socket of `user`. */
	async function craft(user: PaperWorld['editor'], change: (doc: Y.Doc) => void) {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, await node.server.getState(world.paperId));
		const before = Y.encodeStateVector(copy);
		change(copy);
		const raw = await rawSocket(await socketUrl(user));
		raw.ws.send(updateFrame(Y.encodeStateAsUpdate(copy, before)));
		return raw;
	}

	beforeAll(async () => {
		db = await target.open();
		node = await startCollabNode({ db, limits: { idleGraceMs: 200 } });
		world = await createPaperWorld(db);
		commenter2 = await addMember(db, { board: world.board, role: 'member' });
		await db.ownerTransaction((tx) =>
			tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'comment')`, [
				world.paperId,
				commenter2.id
			])
		);
		const editor = await connect(world.editor);
		editor.type('Wir fördern Betriebe.');
		await until(() => editor.allSaved(), 5_000, 'saved');
	});
	afterAll(async () => {
		for (const client of clients) client.destroy();
		await node.close();
		await db.close();
	});

	it("refuses a commenter's plain insert, deletion, formatting, forged or withdrawn foreign suggestion: not stored, not sent", async () => {
		const editor = await connect(world.editor);
		let seen = 0;
		editor.doc.on('update', () => (seen += 1));
		const rows = await logRowCount(db, world.paperId);
		const refused: ((doc: Y.Doc) => void)[] = [
			(doc) => textIn(doc).insert(4, 'nicht '),
			(doc) => textIn(doc).delete(0, 4),
			(doc) => textIn(doc).format(0, 3, { bold: {} }),
			// Someone else's name on the suggestion.
			(doc) => textIn(doc).insert(4, 'gern ', { suggestionInsert: attrs('f1', world.editor.id) }),
			// Their suggestion and a plain word in one update.
			(doc) => {
				textIn(doc).insert(4, 'gern ', { suggestionInsert: attrs('f2', world.commenter.id) });
				textIn(doc).insert(0, 'X');
			},
			// Something outside the paper's text.
			(doc) => doc.getMap('other').set('x', 1)
		];
		for (const change of refused) {
			const raw = await craft(world.commenter, change);
			expect(await raw.closed).toBe(CLOSE_EDIT_REFUSED);
		}
		expect(seen).toBe(0);
		expect(await logRowCount(db, world.paperId)).toBe(rows);
		expect(delta(await storedDoc(db, world.paperId))).not.toMatch(/nicht|gern|bold/);
	});

	it("stores a commenter's suggested insertion and deletion and sends them to the others; they may withdraw their own", async () => {
		const editor = await connect(world.editor);
		const raw = await craft(world.commenter, (doc) => {
			textIn(doc).insert(4, 'stark ', { suggestionInsert: attrs('s-ins', world.commenter.id) });
			textIn(doc).format(18, 9, { suggestionDelete: attrs('s-del', world.commenter.id) });
		});
		await raw.roundTrip();
		expect(raw.ws.readyState).toBe(raw.ws.OPEN);
		await until(() => listSuggestionsOfDoc(editor.doc).length === 2, 5_000, 'suggestions reach the editor');
		expect(listSuggestionsOfDoc(editor.doc)).toMatchObject([
			{ id: 's-ins', kind: 'insert', authorId: world.commenter.id, text: 'stark ' },
			{ id: 's-del', kind: 'delete', authorId: world.commenter.id, text: 'Betriebe.' }
		]);
		await until(async () => listSuggestionsOfDoc(await storedDoc(db, world.paperId)).length === 2, 5_000, 'stored');
		// Another commenter may not withdraw it; its author may.
		const foreign = await craft(commenter2, (doc) => textIn(doc).delete(4, 6));
		expect(await foreign.closed).toBe(CLOSE_EDIT_REFUSED);
		raw.ws.close();
		const own = await craft(world.commenter, (doc) => textIn(doc).format(18, 9, { suggestionDelete: null }));
		await own.roundTrip();
		expect(own.ws.readyState).toBe(own.ws.OPEN);
		await until(() => listSuggestionsOfDoc(editor.doc).length === 1, 5_000, 'withdrawn');
		own.ws.close();
	});

	it('converges when two commenters suggest in the same sentence and an editor accepts while another suggests', async () => {
		const editor = await connect(world.editor);
		const a = await connect(world.commenter);
		const b = await connect(commenter2);
		await until(() => delta(a.doc) === delta(editor.doc) && delta(b.doc) === delta(editor.doc), 5_000, 'loaded');
		const before = listSuggestionsOfDoc(editor.doc).length;
		// Concurrently, at the same place.
		textIn(a.doc).insert(4, 'sehr ', { suggestionInsert: attrs('a1', world.commenter.id) });
		textIn(b.doc).insert(4, 'gezielt ', { suggestionInsert: attrs('b1', commenter2.id) });
		await until(() => listSuggestionsOfDoc(editor.doc).length === before + 2, 5_000, 'both suggestions');
		await until(() => delta(a.doc) === delta(editor.doc) && delta(b.doc) === delta(editor.doc), 5_000, 'converged');
		// The editor accepts a1 while b suggests again.
		const at = plain(textIn(editor.doc)).indexOf('sehr ');
		textIn(editor.doc).format(at, 5, { suggestionInsert: null });
		textIn(b.doc).insert(0, 'Auch ', { suggestionInsert: attrs('b2', commenter2.id) });
		await until(
			() => delta(a.doc) === delta(editor.doc) && delta(b.doc) === delta(editor.doc),
			5_000,
			'converged after accept'
		);
		const ids = listSuggestionsOfDoc(editor.doc).map((s) => s.id);
		expect(ids).toContain('b1');
		expect(ids).toContain('b2');
		expect(ids).not.toContain('a1');
		expect(plain(textIn(editor.doc))).toContain('sehr ');
		await until(() => a.allSaved() && b.allSaved() && editor.allSaved(), 5_000, 'saved');
		expect(b.provider.wsconnected && a.provider.wsconnected).toBe(true);
		expect(delta(await storedDoc(db, world.paperId))).toBe(delta(editor.doc));
	});

	it("stores a commenter's suggested paragraph break and sends it to the others; a plain split is refused", async () => {
		const editor = await connect(world.editor);
		const blocks = (doc: Y.Doc) => doc.getXmlFragment('default').length;
		const count = blocks(editor.doc);
		/** Moves the paragraph's last word into a new paragraph after it (what Enter before it does). */
		const split = (suggestedBreak: unknown) => (doc: Y.Doc) => {
			const text = textIn(doc);
			const tail = 'Betriebe.';
			expect(plain(text).endsWith(tail)).toBe(true);
			text.delete(text.length - tail.length, tail.length);
			const paragraph = new Y.XmlElement('paragraph');
			if (suggestedBreak) paragraph.setAttribute('suggestedBreak', suggestedBreak as string);
			doc.getXmlFragment('default').insert(1, [paragraph]);
			paragraph.insert(0, [new Y.XmlText(tail)]);
		};
		const rows = await logRowCount(db, world.paperId);
		const refused = await craft(world.commenter, split(null));
		expect(await refused.closed).toBe(CLOSE_EDIT_REFUSED);
		const foreign = await craft(world.commenter, split({ kind: 'insert', ...attrs('p0', world.editor.id) }));
		expect(await foreign.closed).toBe(CLOSE_EDIT_REFUSED);
		expect(await logRowCount(db, world.paperId)).toBe(rows);
		expect(blocks(editor.doc)).toBe(count);

		const raw = await craft(world.commenter, split({ kind: 'insert', ...attrs('p1', world.commenter.id) }));
		await raw.roundTrip();
		expect(raw.ws.readyState).toBe(raw.ws.OPEN);
		await until(() => blocks(editor.doc) === count + 1, 5_000, 'the split reaches the editor');
		expect(listSuggestionsOfDoc(editor.doc)).toContainEqual(
			expect.objectContaining({ id: 'p1', kind: 'insert', paragraphBreak: true, authorId: world.commenter.id })
		);
		expect(plain((editor.doc.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText)).toBe('Betriebe.');
		await until(async () => blocks(await storedDoc(db, world.paperId)) === count + 1, 5_000, 'stored');
		raw.ws.close();
	});

	it('converges when one commenter suggests a break while another suggests text in the same paragraph', async () => {
		const editor = await connect(world.editor);
		const a = await connect(world.commenter);
		const b = await connect(commenter2);
		const same = () => delta(a.doc) === delta(editor.doc) && delta(b.doc) === delta(editor.doc);
		await until(same, 5_000, 'loaded');
		const fragment = (doc: Y.Doc) => doc.getXmlFragment('default');
		// The editor adds a plain paragraph at the end; both commenters work on it.
		const last = new Y.XmlElement('paragraph');
		fragment(editor.doc).push([last]);
		last.insert(0, [new Y.XmlText('Mehr Wege für Betriebe.')]);
		await until(same, 5_000, 'the new paragraph reached both');
		const count = fragment(editor.doc).length;
		const before = listSuggestionsOfDoc(editor.doc).length;
		// a: Enter before "für", as y-prosemirror writes it; b at the same time: a word at the same place.
		const text = textIn(a.doc, count - 1);
		const at = 'Mehr Wege '.length;
		const tail = plain(text).slice(at);
		expect(tail).toBe('für Betriebe.');
		a.doc.transact(() => {
			text.delete(at, tail.length);
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.setAttribute('suggestedBreak', { kind: 'insert', ...attrs('c1', world.commenter.id) } as never);
			fragment(a.doc).insert(count, [paragraph]);
			paragraph.insert(0, [new Y.XmlText(tail)]);
		});
		textIn(b.doc, count - 1).insert(at, 'neue ', { suggestionInsert: attrs('c2', commenter2.id) });
		await until(() => listSuggestionsOfDoc(editor.doc).length === before + 2, 5_000, 'both suggestions');
		await until(same, 5_000, 'converged');
		expect(fragment(editor.doc).length).toBe(count + 1);
		// Rejected, the break joins back: the paragraph as before with b's suggestion in it.
		expect(plain(textIn(editor.doc, count - 1)) + plain(textIn(editor.doc, count))).toBe(
			'Mehr Wege neue für Betriebe.'
		);
		await until(() => a.allSaved() && b.allSaved() && editor.allSaved(), 5_000, 'saved');
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
		expect(delta(await storedDoc(db, world.paperId))).toBe(delta(editor.doc));
	});
});
