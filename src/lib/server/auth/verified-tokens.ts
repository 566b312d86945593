// Verifying an ES256 access token costs about 0.2 ms of the app's only thread, on every signed-in request
// (CPU profile of the dashboard, bench/pages/README.md). A token whose signature verified stays valid until
// its `exp`, so the verdict is remembered until then: keyed by the whole token (a token that differs in any
// byte is verified afresh), expiry checked on every use, bounded with the oldest entry out first.

export interface ExpiringClaims {
	exp: number;
}

export function verifiedTokenCache<T extends ExpiringClaims>(maxEntries = 1000) {
	const verified = new Map<string, T>();
	return {
		/** The claims of a token verified before and not yet expired at `nowSeconds` (a copy), else undefined. */
		get(token: string, nowSeconds: number): T | undefined {
			const claims = verified.get(token);
			if (!claims) return undefined;
			if (claims.exp <= nowSeconds) {
				verified.delete(token);
				return undefined;
			}
			return { ...claims };
		},
		/** Remembers a token whose signature, issuer, audience and expiry just verified. */
		set(token: string, claims: T): void {
			if (verified.size >= maxEntries) verified.delete(verified.keys().next().value as string);
			verified.set(token, { ...claims });
		},
		get size() {
			return verified.size;
		}
	};
}
