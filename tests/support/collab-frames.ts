// Hand-made socket frames for the collaboration tests (what a client could send, valid or hostile).
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SAVED, MESSAGE_SYNC } from '$lib/collab/protocol';
import type { TestClient } from './collab';

/** A sync frame carrying an update (step 2 by default, 2 = update message). */
export function updateFrame(update: Uint8Array, step = 2): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** An awareness frame with the given client states. */
export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(inner, entry.clientId);
		encoding.writeVarUint(inner, entry.clock);
		encoding.writeVarString(inner, JSON.stringify(entry.state));
	}
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
	return encoding.toUint8Array(encoder);
}

/** Appends a paragraph to a document and returns just that change. */
export function appendParagraph(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment('default').push([paragraph]);
	return Y.encodeStateAsUpdate(doc, before);
}

/** The counts of the SAVED messages among received frames (small counts: one byte each). */
export function savedCounts(received: Uint8Array[]): number[] {
	return received.filter((m) => m[0] === MESSAGE_SAVED).map((m) => m[1]!);
}

/** Sync step 1 frames among received frames (the server asking what it lacks). */
export function syncStep1Count(received: Uint8Array[]): number {
	return received.filter((m) => m[0] === MESSAGE_SYNC && m[1] === 0).length;
}

/** Every close code a client's sockets got, in order (1006 etc. included). */
export function closeCodes(client: TestClient): number[] {
	const codes: number[] = [];
	client.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));
	return codes;
}
