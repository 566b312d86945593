import { page } from '$app/state';
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey } from './index';

/** The current page's locale (set by the root layout from the user's choice). */
export function currentLocale(): Locale {
	return (page.data.locale as Locale | undefined) ?? DEFAULT_LOCALE;
}

/** Translate in components; reactive because it reads `page`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(currentLocale(), key, params);
}
