import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Database } from '$lib/server/db/types';
import { testDatabases } from '../support/databases';
import {
	connectClient,
	createPaperWorld,
	rawSocket,
	startCollabNode,
	ticketFor,
	until,
	type CollabNode,
	type PaperWorld,
	type TestClient
} from '../support/collab';

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function validMessages(): Uint8Array[] {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText('Fuzz')]);
	doc.getXmlFragment('default').push([paragraph]);
	doc.getMap('meta').set('k', { nested: [1, 2, 3] });
	const update = Y.encodeStateAsUpdate(doc);
	const frame = (type: number, body: (e: encoding.Encoder) => void) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, type);
		body(encoder);
		return encoding.toUint8Array(encoder);
	};
	const awareness = (() => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, 99);
		encoding.writeVarUint(e, 1);
		encoding.writeVarString(e, JSON.stringify({ user: { name: 'x' }, cursor: { anchor: 1 } }));
		return encoding.toUint8Array(e);
	})();
	return [
		frame(0, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)))),
		frame(0, (e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, update))),
		frame(0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update))),
		frame(1, (e) => encoding.writeVarUint8Array(e, awareness)),
		frame(3, () => {})
	];
}

function mutate(message: Uint8Array, next: () => number): Uint8Array {
	const bytes = Uint8Array.from(message);
	const mode = Math.floor(next() * 5);
	if (mode === 0) return bytes.slice(0, Math.floor(next() * bytes.length));
	if (mode === 1) {
		for (let i = 0; i < 1 + next() * 4; i++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
		return bytes;
	}
	if (mode === 2)
		return Uint8Array.from([...bytes, ...Array.from({ length: 1 + next() * 8 }, () => Math.floor(next() * 256))]);
	if (mode === 3)
		return Uint8Array.from(Array.from({ length: Math.floor(next() * 64) }, () => Math.floor(next() * 256)));
	const at = Math.floor(next() * bytes.length);
	bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(next() * 8));
	return bytes;
}

describe.each(testDatabases())('collaboration server under fuzzing on $name', (target) => {
	let db: Database;
	let node: CollabNode;
	let world: PaperWorld;
	let witness: TestClient;

	beforeAll(async () => {
		db = await target.open();
		node = await startCollabNode({ db });
		world = await createPaperWorld(db);
		witness = await connectClient(db, node, world.editor2, world.paperId);
		witness.type('Unversehrt');
		await until(() => witness.allSaved(), 5_000, 'witness saved');
	});
	afterAll(async () => {
		witness?.destroy();
		await node?.close();
		await db?.close();
	});

	it('survives 10,000 random and mutated messages; another client keeps an intact document', async () => {
		const next = random(20261125);
		const valid = validMessages();
		const url = async () =>
			`${node.base}/collab/${world.paperId}?ticket=${(await ticketFor(db, world.editor, world.paperId)).ticket}`;
		let socket = await rawSocket(await url());
		let sent = 0;
		let reconnects = 0;
		while (sent < 10_000) {
			if (socket.ws.readyState !== socket.ws.OPEN) {
				socket = await rawSocket(await url());
				reconnects += 1;
			}
			// Mostly mutations of valid messages (they reach deep into the decoders), some pure noise.
			const base = valid[Math.floor(next() * valid.length)]!;
			socket.ws.send(next() < 0.1 ? base : mutate(base, next));
			sent += 1;
			if (sent % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
		}
		socket.ws.close();
		expect(reconnects).toBeGreaterThan(10);
		witness.type('Danach');
		await until(() => witness.allSaved(), 5_000, 'witness still saves');
		const fresh = await connectClient(db, node, world.editor2, world.paperId);
		try {
			expect(fresh.text()).toContain('Unversehrt');
			expect(fresh.text()).toContain('Danach');
			expect(fresh.text()).toBe(witness.text());
		} finally {
			fresh.destroy();
		}
	});
});
