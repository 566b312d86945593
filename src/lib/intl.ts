// Shared Intl formatters. Building an Intl.DateTimeFormat (or NumberFormat, PluralRules, Collator) costs far
// more than using one: it resolves the locale and its data each time. A page renders dozens of dates, so each
// (locale, options) pair is built once per process (or browser tab) and reused. The instances hold no state
// between calls, so sharing them changes no output.

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.Collator;

/** Keys come from the code's own option literals and the app's locales; the bound only guards against misuse. */
const MAX_ENTRIES = 256;
const cache = new Map<string, Formatter>();

function memo<T extends Formatter>(kind: string, locale: string, options: object | undefined, create: () => T): T {
	const key = `${kind}\u0000${locale}\u0000${options ? JSON.stringify(options) : ''}`;
	let formatter = cache.get(key) as T | undefined;
	if (!formatter) {
		if (cache.size >= MAX_ENTRIES) cache.clear();
		formatter = create();
		cache.set(key, formatter);
	}
	return formatter;
}

/** `new Intl.DateTimeFormat(locale, options)`, built once per locale and options. */
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
	memo('date', locale, options, () => new Intl.DateTimeFormat(locale, options));

/** `new Intl.NumberFormat(locale, options)`, built once per locale and options. */
export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
	memo('number', locale, options, () => new Intl.NumberFormat(locale, options));

/** `new Intl.PluralRules(locale)`, built once per locale. */
export const pluralRules = (locale: string): Intl.PluralRules =>
	memo('plural', locale, undefined, () => new Intl.PluralRules(locale));

/** `new Intl.Collator(locale, options)`, built once per locale and options. */
export const collator = (locale: string, options?: Intl.CollatorOptions): Intl.Collator =>
	memo('collator', locale, options, () => new Intl.Collator(locale, options));
