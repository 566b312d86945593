import type { Cookies } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';

/** Remembers the language of signed-out visitors; signed-in people keep it in their profile. */
export const LOCALE_COOKIE = 'beirat-lang';

export function rememberLocale(cookies: Cookies, locale: Locale, secure: boolean): void {
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 365 * 24 * 60 * 60
	});
}
