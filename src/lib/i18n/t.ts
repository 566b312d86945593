import { browser, dev } from '$app/environment';
import { page } from '$app/state';
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey } from './index';
import { ensureArea } from './loading.svelte';

/** The current page's locale (set by the root layout from the user's choice). */
export function currentLocale(): Locale {
	return (page.data.locale as Locale | undefined) ?? DEFAULT_LOCALE;
}

const warn = dev ? (message: string) => console.warn(message) : undefined;

/**
 * Translate in components; reactive because it reads `page` — and, in the browser, the arrival of a message area
 * the page had not loaded (./loading.svelte.ts): such a key shows until its area is there, then the message.
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	const locale = currentLocale();
	if (browser) ensureArea(locale, key, warn);
	return translate(locale, key, params);
}
