import { preloaded } from '#i18n/catalogs';
import { fill, type FillParams } from './fill';
import type german from './catalog.de';

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';

/** Every key exists in German (the reference); the unit test holds English to it. */
export type MessageKey = keyof typeof german;
export type Catalog = Record<MessageKey, string>;

/**
 * The catalogs at hand. The server has both from the start (./catalogs.server.ts); the browser only the page's
 * language, loaded by the root layout (src/routes/+layout.ts) before anything renders, so a page never carries the
 * other language's messages.
 */
const catalogs: Partial<Record<Locale, Catalog>> = { ...preloaded };

const loaders: Record<Locale, () => Promise<{ default: Catalog }>> = {
	de: () => import('./catalog.de'),
	en: () => import('./catalog.en')
};

/** Makes `locale`'s messages available to `translate`; a no-op where they already are (always on the server). */
export async function loadCatalog(locale: Locale): Promise<void> {
	catalogs[locale] ??= (await loaders[locale]()).default;
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A message in `locale` with `{name}` placeholders filled. A key missing there falls back to German, then shows
 * itself (in the browser German is only at hand when the page is German: English must be complete).
 */
export function translate(locale: Locale, key: MessageKey, params: FillParams = {}): string {
	return fill(catalogs[locale]?.[key] ?? catalogs.de?.[key] ?? key, params, locale);
}
