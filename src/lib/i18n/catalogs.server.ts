// What the server starts with (package.json "imports" maps #i18n/catalogs here everywhere but in the browser):
// every area of both languages, statically, for mails, exports and every request's page in either language.
import german from './catalog.de';
import english from './catalog.en';
import type { Catalog, Locale } from './index';

export const preloaded: Partial<Record<Locale, Catalog>> = { de: german, en: english };
