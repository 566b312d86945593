import { describe, expect, it } from 'vitest';
import { createSnapshotCache, snapshotIn } from './snapshot-cache';

describe('snapshot cache', () => {
	it('gives back a result only at the snapshot it was read at', () => {
		const cache = createSnapshotCache();
		cache.set('k', '10:12:', { n: 1 });
		expect(cache.get('k', '10:12:')).toEqual({ n: 1 });
		expect(cache.get('k', '10:13:')).toBeUndefined();
		// A miss at another snapshot drops the entry: the database has moved on and will not come back.
		expect(cache.get('k', '10:12:')).toBeUndefined();
		expect(cache.get('other', '10:12:')).toBeUndefined();
	});

	it('forgets a result older than its maximum age, however unchanged the database', () => {
		let now = 1_000;
		const cache = createSnapshotCache({ maxAgeMs: 500, now: () => now });
		cache.set('k', 's', 'value');
		now += 500;
		expect(cache.get('k', 's')).toBe('value');
		now += 1;
		expect(cache.get('k', 's')).toBeUndefined();
	});

	it('hands out copies, so that a request changing its result does not change the next one', () => {
		const cache = createSnapshotCache();
		const value = { boards: [{ slug: 'a' }], at: new Date('2026-12-06T10:00:00Z') };
		cache.set('k', 's', value);
		value.boards.push({ slug: 'changed before the next request' });
		const first = cache.get<typeof value>('k', 's')!;
		first.boards.push({ slug: 'changed by a request' });
		const second = cache.get<typeof value>('k', 's')!;
		expect(second.boards).toEqual([{ slug: 'a' }]);
		expect(second.at).toBeInstanceOf(Date);
		expect(second.at.toISOString()).toBe('2026-12-06T10:00:00.000Z');
	});

	it('drops the least recently used result beyond its size', () => {
		const cache = createSnapshotCache({ maxEntries: 2 });
		cache.set('a', 's', 1);
		cache.set('b', 's', 2);
		expect(cache.get('a', 's')).toBe(1);
		cache.set('c', 's', 3);
		expect(cache.size).toBe(2);
		expect(cache.get('b', 's')).toBeUndefined();
		expect(cache.get('a', 's')).toBe(1);
		expect(cache.get('c', 's')).toBe(3);
	});

	it('reads the snapshot out of its statement and refuses an empty answer', () => {
		expect(snapshotIn([{ snapshot: '795:795:' }])).toBe('795:795:');
		expect(() => snapshotIn([])).toThrow(/no row/);
	});
});
