import { preloaded } from '#i18n/catalogs';
import { fill, type FillParams } from './fill';
import { AREAS, areaOf, type Area } from './areas';
import type german from './catalog.de';

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';

/** Every key exists in German (the reference); the unit test holds English to it. */
export type MessageKey = keyof typeof german;
export type Catalog = Record<MessageKey, string>;
type Messages = Partial<Record<MessageKey, string>>;

/**
 * The messages at hand, per language, and the areas (./areas.ts) they come from. The server has every area of
 * both languages from the start (./catalogs.server.ts, package.json "imports" #i18n/catalogs). The browser starts
 * with none (./catalogs.browser.ts): the root layout's load (src/routes/+layout.ts) loads the areas of the page at
 * hand — the shell's and those its route declares (ROUTE_AREAS) — in the page's language only, before the page
 * renders; each area file of each language is a chunk of its own, so a page downloads only its messages.
 */
const catalogs: Record<Locale, Messages> = { de: { ...preloaded.de }, en: { ...preloaded.en } };
const loaded: Record<Locale, Set<Area>> = {
	de: new Set(preloaded.de ? AREAS : []),
	en: new Set(preloaded.en ? AREAS : [])
};
const pending = new Map<string, Promise<void>>();

// One lazily imported module (a chunk in the browser build) per area and language; the mail templates' files
// (src/lib/server/mail/) are not among them.
const files = import.meta.glob<Messages>(['./messages/*.json', '!./messages/mail*.json'], { import: 'default' });

function loadArea(locale: Locale, area: Area): Promise<void> {
	const id = `${area}.${locale}`;
	let loading = pending.get(id);
	if (!loading) {
		const load = files[`./messages/${id}.json`];
		loading = (load ? load() : Promise.reject(new Error(`no messages for ${id}`))).then(
			(messages) => {
				Object.assign(catalogs[locale], messages);
				loaded[locale].add(area);
			},
			(error: unknown) => {
				pending.delete(id); // a later call tries again
				throw error;
			}
		);
		pending.set(id, loading);
	}
	return loading;
}

/** Makes `areas` of `locale` available to `translate`; a no-op for areas already loaded (always on the server). */
export async function loadAreas(locale: Locale, areas: readonly Area[]): Promise<void> {
	await Promise.all(areas.filter((area) => !loaded[locale].has(area)).map((area) => loadArea(locale, area)));
}

/** The area `key` belongs to when it is not loaded in `locale` yet; undefined when it is (or is in no area). */
export function missingArea(locale: Locale, key: string): Area | undefined {
	const area = areaOf(key);
	return area && !loaded[locale].has(area) ? area : undefined;
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A message in `locale` with `{name}` placeholders filled. A key missing there falls back to German, then shows
 * itself (in the browser German is only at hand when the page is German: English must be complete; a key of an
 * area not loaded yet shows itself until ./t.ts has loaded it).
 */
export function translate(locale: Locale, key: MessageKey, params: FillParams = {}): string {
	return fill(catalogs[locale][key] ?? catalogs.de[key] ?? key, params, locale);
}
