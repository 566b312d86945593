import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, STASH_ORIGIN, toBase64, unloadStash } from './unload-stash';

class MemoryStorage implements Storage {
	private items = new Map<string, string>();
	get length() {
		return this.items.size;
	}
	clear() {
		this.items.clear();
	}
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	key(index: number) {
		return [...this.items.keys()][index] ?? null;
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
	setItem(key: string, value: string) {
		this.items.set(key, value);
	}
}

const KEY = 'beirat-paper-p-u';

function docWith(text: string): Y.Doc {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return doc;
}

describe('unloadStash', () => {
	it('keeps unconfirmed changes of a hidden page and merges them into the next session of this tab', () => {
		const storage = new MemoryStorage();
		const page = new EventTarget();
		const before = docWith('Offline geschrieben.');
		unloadStash(storage, page, KEY, before, () => true);
		page.dispatchEvent(new Event('pagehide'));
		expect(storage.getItem(KEY)).not.toBeNull();

		const after = new Y.Doc();
		const origins: unknown[] = [];
		after.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
		unloadStash(storage, new EventTarget(), KEY, after, () => false);
		expect(after.getText('t').toString()).toBe('Offline geschrieben.');
		expect(origins).toEqual([STASH_ORIGIN]);
		expect(storage.getItem(KEY)).toBeNull();
	});

	it('merges without doubling what IndexedDB restored as well', () => {
		const storage = new MemoryStorage();
		const page = new EventTarget();
		const original = docWith('Einmal.');
		unloadStash(storage, page, KEY, original, () => true);
		page.dispatchEvent(new Event('pagehide'));

		const restored = new Y.Doc();
		Y.applyUpdate(restored, Y.encodeStateAsUpdate(original));
		unloadStash(storage, new EventTarget(), KEY, restored, () => false);
		expect(restored.getText('t').toString()).toBe('Einmal.');
	});

	it('stashes nothing, and forgets an old stash, when the server has confirmed everything', () => {
		const storage = new MemoryStorage();
		const page = new EventTarget();
		storage.setItem('other', 'x');
		unloadStash(storage, page, KEY, docWith('Gespeichert.'), () => false);
		storage.setItem(KEY, toBase64(Y.encodeStateAsUpdate(docWith('alt'))));
		page.dispatchEvent(new Event('pagehide'));
		expect(storage.getItem(KEY)).toBeNull();
		expect(storage.getItem('other')).toBe('x');
	});

	it('stops stashing when discarded or stopped', () => {
		const storage = new MemoryStorage();
		const page = new EventTarget();
		const stash = unloadStash(storage, page, KEY, docWith('Verworfen.'), () => true);
		page.dispatchEvent(new Event('pagehide'));
		stash.discard();
		expect(storage.getItem(KEY)).toBeNull();
		page.dispatchEvent(new Event('pagehide'));
		expect(storage.getItem(KEY)).toBeNull();

		const other = new EventTarget();
		unloadStash(storage, other, KEY, docWith('Beendet.'), () => true).stop();
		other.dispatchEvent(new Event('pagehide'));
		expect(storage.getItem(KEY)).toBeNull();
	});

	it('drops a damaged stash and leaves the document as it is', () => {
		const storage = new MemoryStorage();
		storage.setItem(KEY, toBase64(new Uint8Array([1, 2, 3, 250])));
		const doc = docWith('Unverändert.');
		unloadStash(storage, new EventTarget(), KEY, doc, () => false);
		expect(doc.getText('t').toString()).toBe('Unverändert.');
		expect(storage.getItem(KEY)).toBeNull();
	});

	it('encodes large documents through base64 and back', () => {
		const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
		expect(fromBase64(toBase64(bytes))).toEqual(bytes);
	});
});
