import type { CookieJar, CookieOptions } from '$lib/server/auth/port';

/** A browser's cookie store in miniature: what one response sets, the next request sends. */
export class MemoryCookieJar implements CookieJar {
	readonly values = new Map<string, string>();
	readonly options = new Map<string, CookieOptions>();

	get(name: string) {
		return this.values.get(name);
	}
	getAll() {
		return [...this.values].map(([name, value]) => ({ name, value }));
	}
	set(name: string, value: string, options: CookieOptions) {
		if (options.maxAge === 0) this.delete(name);
		else {
			this.values.set(name, value);
			this.options.set(name, options);
		}
	}
	delete(name: string) {
		this.values.delete(name);
		this.options.delete(name);
	}
}
