import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '$lib/collab/protocol';
import { contentKind, SavedTracker } from './saved-tracker';

function frame(write: (encoder: encoding.Encoder, doc: Y.Doc) => void, type = MESSAGE_SYNC): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'x');
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder, doc);
	return encoding.toUint8Array(encoder);
}
const step1 = () => frame((e, d) => syncProtocol.writeSyncStep1(e, d));
const step2 = () => frame((e, d) => syncProtocol.writeSyncStep2(e, d));
const update = () => frame((e, d) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(d)));
const awareness = () => frame((e) => encoding.writeVarUint8Array(e, new Uint8Array([0])), MESSAGE_AWARENESS);

describe('SavedTracker', () => {
	it('recognises the frames that carry content', () => {
		expect(contentKind(step1())).toBeNull();
		expect(contentKind(step2())).toBe('step2');
		expect(contentKind(update())).toBe('update');
		expect(contentKind(update().buffer)).toBe('update');
		expect(contentKind(awareness())).toBeNull();
		expect(contentKind('text')).toBeNull();
	});

	it('is saved only after the server confirmed every frame carrying a local change', () => {
		const tracker = new SavedTracker();
		tracker.newSocket();
		tracker.sent(step1());
		tracker.sent(step2());
		expect(tracker.isSaved(true)).toBe(false);
		tracker.confirmed(1);
		expect(tracker.isSaved(true)).toBe(true);

		tracker.localChange();
		tracker.sent(update());
		tracker.localChange();
		tracker.sent(update());
		expect(tracker.isSaved(true)).toBe(false);
		tracker.confirmed(2);
		expect(tracker.isSaved(true)).toBe(false);
		tracker.confirmed(3);
		expect(tracker.isSaved(true)).toBe(true);
		expect(tracker.isSaved(false)).toBe(false);
	});

	it('keeps offline changes unsaved until the step 2 of the next socket is confirmed', () => {
		const tracker = new SavedTracker();
		tracker.newSocket();
		tracker.sent(step2());
		tracker.confirmed(1);
		tracker.localChange(); // typed while disconnected: nothing sent
		expect(tracker.isSaved(true)).toBe(false);
		tracker.newSocket();
		tracker.sent(step2());
		expect(tracker.isSaved(true)).toBe(false);
		// A stale count from nothing sent on this socket confirms nothing.
		tracker.confirmed(5);
		expect(tracker.isSaved(true)).toBe(false);
		tracker.confirmed(1);
		expect(tracker.isSaved(true)).toBe(true);
	});
});
