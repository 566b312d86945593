import { describe, expect, it } from 'vitest';
import { verifiedTokenCache } from './verified-tokens';

describe('verifiedTokenCache', () => {
	it('answers for the exact token until its expiry, then forgets it', () => {
		const cache = verifiedTokenCache<{ exp: number; sub: string }>();
		cache.set('a.b.c', { exp: 100, sub: 'u1' });
		expect(cache.get('a.b.c', 99)).toEqual({ exp: 100, sub: 'u1' });
		expect(cache.get('a.b.C', 99)).toBeUndefined();
		expect(cache.get('a.b.c', 100)).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('hands out copies, so a caller cannot change what the next request gets', () => {
		const cache = verifiedTokenCache<{ exp: number; sub: string }>();
		cache.set('t', { exp: 100, sub: 'u1' });
		cache.get('t', 1)!.sub = 'someone else';
		expect(cache.get('t', 1)?.sub).toBe('u1');
	});

	it('keeps at most maxEntries, dropping the oldest first', () => {
		const cache = verifiedTokenCache<{ exp: number }>(2);
		cache.set('t1', { exp: 100 });
		cache.set('t2', { exp: 100 });
		cache.set('t3', { exp: 100 });
		expect(cache.size).toBe(2);
		expect(cache.get('t1', 1)).toBeUndefined();
		expect(cache.get('t3', 1)).toEqual({ exp: 100 });
	});
});
