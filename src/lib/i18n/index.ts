import appDe from './messages/app.de.json';
import appEn from './messages/app.en.json';

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';

/** German is the reference: every key exists there, and the unit test holds English to it. */
export type MessageKey = keyof typeof appDe;
type Catalog = Record<MessageKey, string>;

const catalogs: Record<Locale, Catalog> = { de: appDe, en: appEn as Catalog };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A message in `locale` with `{name}` placeholders filled; an unknown key shows itself. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
	const template = catalogs[locale][key] ?? catalogs.de[key] ?? key;
	return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function catalog(locale: Locale): Catalog {
	return catalogs[locale];
}
