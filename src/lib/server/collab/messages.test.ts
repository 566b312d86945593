import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CollabProtocolError,
	encodeAwareness,
	parseMessage,
	stampIdentity,
	syncStep2Message,
	updateMessage,
	awarenessMessage
} from './messages';
import { canSend, preloadAccepts, resolveLimits } from './limits';
import { decodeSavedBody, encodeSaved, providerArgs } from '../../collab/protocol';
import * as decoding from 'lib0/decoding';

function docUpdate() {
	const doc = new Y.Doc();
	doc.getXmlFragment('default').push([new Y.XmlElement('paragraph')]);
	return { doc, update: Y.encodeStateAsUpdate(doc) };
}

describe('collab message parsing', () => {
	it('reads sync, update, awareness and query messages', () => {
		const { doc, update } = docUpdate();
		expect(parseMessage(updateMessage(update))).toMatchObject({ kind: 'update', step2: false });
		expect(parseMessage(syncStep2Message(doc))).toMatchObject({ kind: 'update', step2: true });
		const awareness = awarenessMessage(encodeAwareness([{ clientId: 7, clock: 2, state: { cursor: null } }]));
		expect(parseMessage(awareness)).toEqual({
			kind: 'awareness',
			entries: [{ clientId: 7, clock: 2, state: { cursor: null } }]
		});
		expect(parseMessage(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' });
	});

	it('throws CollabProtocolError for unknown types, truncation, trailing bytes and broken updates', () => {
		const { update } = docUpdate();
		const message = updateMessage(update);
		for (const bad of [
			new Uint8Array([42]),
			new Uint8Array([]),
			message.slice(0, message.length - 2),
			Uint8Array.from([...message, 0]),
			new Uint8Array([0, 9, 0]),
			new Uint8Array([0, 2, 3, 255, 255, 255])
		]) {
			expect(() => parseMessage(bad)).toThrow(CollabProtocolError);
		}
		const badJson = Uint8Array.from([1, 5, 1, 1, 1, 1, 123]);
		expect(() => parseMessage(badJson)).toThrow(CollabProtocolError);
	});

	it('overwrites the identity of every awareness state, keeps removals', () => {
		const stamped = stampIdentity(
			[
				{ clientId: 1, clock: 1, state: { user: { name: 'Fake', id: 'other' }, cursor: 5 } },
				{ clientId: 2, clock: 3, state: null }
			],
			{ id: 'me', name: 'Ich', color: 'blue' }
		);
		expect(stamped[0]!.state).toEqual({ user: { id: 'me', name: 'Ich', color: 'blue' }, cursor: 5 });
		expect(stamped[1]!.state).toBeNull();
	});
});

describe('collab limits and protocol helpers', () => {
	it('caps the pre-load buffer and slow consumers', () => {
		const limits = resolveLimits({ preloadMaxMessages: 2, preloadMaxBytes: 100, maxBufferedBytes: 1000 });
		expect(preloadAccepts({ count: 1, bytes: 10 }, 10, limits)).toBe(true);
		expect(preloadAccepts({ count: 2, bytes: 10 }, 10, limits)).toBe(false);
		expect(preloadAccepts({ count: 0, bytes: 95 }, 10, limits)).toBe(false);
		expect(canSend(900, 100, limits)).toBe(true);
		expect(canSend(901, 100, limits)).toBe(false);
		expect(() => resolveLimits({ commitDelayMs: 51 })).toThrow();
	});

	it('round-trips the saved message and splits ticket URLs for WebsocketProvider', () => {
		const decoder = decoding.createDecoder(encodeSaved(300));
		expect(decoding.readVarUint(decoder)).toBe(100);
		expect(decodeSavedBody(decoder)).toBe(300);
		expect(providerArgs('wss://beirat.example/collab/abc?ticket=t.k.n')).toEqual({
			serverUrl: 'wss://beirat.example/collab',
			room: 'abc',
			params: { ticket: 't.k.n' }
		});
	});
});
