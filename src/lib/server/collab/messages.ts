// Parsing of incoming socket messages. Everything here is pure and throws CollabProtocolError on
// anything malformed, so the connection (and only the connection) can be closed.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../collab/protocol';
import { needsOf, type UpdateNeeds } from './update-needs';

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export class CollabProtocolError extends Error {}

export type IncomingMessage =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	| { kind: 'update'; update: Uint8Array; step2: boolean; needs: UpdateNeeds }
	| { kind: 'awareness'; entries: AwarenessEntry[] }
	| { kind: 'query-awareness' };

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** Parsed JSON state; null means "this client left". */
	state: Record<string, unknown> | null;
}

function fail(what: string): never {
	throw new CollabProtocolError(what);
}

function ensureConsumed(decoder: decoding.Decoder) {
	if (decoding.hasContent(decoder)) fail('trailing bytes');
}

/** Decodes one binary message; validates update payloads structurally before anyone applies them. */
export function parseMessage(data: Uint8Array): IncomingMessage {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_SYNC) return parseSync(decoder);
		if (type === MESSAGE_AWARENESS) {
			const entries = parseAwareness(decoding.readVarUint8Array(decoder));
			ensureConsumed(decoder);
			return { kind: 'awareness', entries };
		}
		if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-awareness' };
		return fail(`unknown message type ${type}`);
	} catch (error) {
		if (error instanceof CollabProtocolError) throw error;
		throw new CollabProtocolError(`malformed: ${String(error)}`);
	}
}

function parseSync(decoder: decoding.Decoder): IncomingMessage {
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	ensureConsumed(decoder);
	if (step === SYNC_STEP1) {
		validateStateVector(payload);
		return { kind: 'sync-step1', stateVector: payload };
	}
	if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
		return { kind: 'update', update: payload, step2: step === SYNC_STEP2, needs: validateUpdate(payload) };
	}
	return fail(`unknown sync step ${step}`);
}

/**
 * Fully decodes an update (structs and delete set): Yjs must never see bytes it cannot read.
 * Returns what the document needs for the update to be integrated (see update-needs.ts).
 */
export function validateUpdate(update: Uint8Array): UpdateNeeds {
	const decoded = Y.decodeUpdate(update);
	for (const struct of decoded.structs) {
		if (struct.id.clock < 0 || struct.length < 0 || !Number.isSafeInteger(struct.id.clock + struct.length))
			fail('bad struct');
	}
	for (const deletes of decoded.ds.clients.values()) {
		for (const range of deletes)
			if (range.clock < 0 || range.len < 0 || !Number.isSafeInteger(range.clock + range.len)) fail('bad delete set');
	}
	return needsOf(decoded);
}

export function validateStateVector(stateVector: Uint8Array): void {
	const decoder = decoding.createDecoder(stateVector);
	const count = decoding.readVarUint(decoder);
	if (count > stateVector.length) fail('bad state vector');
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
	}
	ensureConsumed(decoder);
}

/** The awareness wire format of y-protocols: count, then (clientID, clock, JSON state) each. */
export function parseAwareness(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > update.length) fail('bad awareness count');
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) fail('bad awareness state');
		entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
	}
	ensureConsumed(decoder);
	return entries;
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(encoder);
}

/** Identity shown to others, always the ticket's, whatever the client claims. */
export interface Identity {
	id: string;
	name: string;
	color: string;
}

/** Replaces the `user` field of every state with the authenticated identity. */
export function stampIdentity(entries: AwarenessEntry[], identity: Identity): AwarenessEntry[] {
	return entries.map((entry) =>
		entry.state === null ? entry : { ...entry, state: { ...entry.state, user: { ...identity } } }
	);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
	return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}
