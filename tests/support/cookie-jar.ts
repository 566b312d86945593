import type { CookieJar, CookieOptions } from '$lib/server/auth/port';

/** A browser's cookie store for one site, reduced to what the adapter sees through the port. */
export class MemoryCookieJar implements CookieJar {
	readonly cookies = new Map<string, { value: string; options: CookieOptions }>();
	/** Every set/delete in order, to assert cookie options. */
	readonly writes: { op: 'set' | 'delete'; name: string; options: CookieOptions }[] = [];

	get(name: string): string | undefined {
		return this.cookies.get(name)?.value;
	}
	getAll(): { name: string; value: string }[] {
		return [...this.cookies].map(([name, { value }]) => ({ name, value }));
	}
	set(name: string, value: string, options: CookieOptions): void {
		this.writes.push({ op: 'set', name, options });
		if (options.maxAge === 0) this.cookies.delete(name);
		else this.cookies.set(name, { value, options });
	}
	delete(name: string, options: CookieOptions): void {
		this.writes.push({ op: 'delete', name, options });
		this.cookies.delete(name);
	}
	/** The cookies a browser would send with its next request. */
	next(): MemoryCookieJar {
		const jar = new MemoryCookieJar();
		for (const [name, entry] of this.cookies) jar.cookies.set(name, { ...entry });
		return jar;
	}
	/** Reads the supabase-js session stored under `key` (possibly chunked, base64url-encoded). */
	readSession(key: string): Record<string, unknown> | null {
		const chunks = [...this.cookies.keys()]
			.filter((name) => name.startsWith(`${key}.`))
			.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
		const raw = this.get(key) ?? chunks.map((name) => this.get(name)).join('');
		if (!raw) return null;
		const json = raw.startsWith('base64-') ? Buffer.from(raw.slice(7), 'base64url').toString('utf8') : raw;
		return JSON.parse(json) as Record<string, unknown>;
	}
	/** Replaces the stored session, e.g. to plant a forged access token. */
	writeSession(key: string, session: Record<string, unknown>): void {
		for (const name of [...this.cookies.keys()])
			if (name === key || name.startsWith(`${key}.`)) this.cookies.delete(name);
		const value = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
		this.cookies.set(key, { value, options: { path: '/' } });
	}
}
