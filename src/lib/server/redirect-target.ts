/**
 * Only addresses of this app are followed after sign-in or a language switch (no open redirects).
 * The value is resolved the way a browser would resolve it against the app's origin, because
 * browsers drop tabs and newlines and read `\` as `/`: `/\t/evil.example` ends up at
 * `//evil.example`. A prefix check cannot see that; comparing origins after parsing can. The
 * result is the parsed path, query and fragment (percent-encoded, so it is always a valid
 * Location header); anything else gives `fallback`.
 */
export function safeRedirectTarget(value: string | null | undefined, appOrigin: string, fallback = '/'): string {
	if (!value || !value.startsWith('/')) return fallback;
	let target: URL;
	try {
		target = new URL(value, appOrigin);
	} catch {
		return fallback;
	}
	if (target.origin !== new URL(appOrigin).origin) return fallback;
	return target.pathname + target.search + target.hash;
}
