// Hand-made socket frames for the collaboration tests (what a client could send, valid or hostile).
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS } from '$lib/collab/protocol';
import type { TestClient } from './collab';

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

/** Every close code a client's sockets got, in order (1006 etc. included). */
export function closeCodes(client: TestClient): number[] {
	const codes: number[] = [];
	client.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));
	return codes;
}
