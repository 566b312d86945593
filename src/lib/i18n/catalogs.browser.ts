// What the browser starts with (package.json "imports" maps #i18n/catalogs here under the "browser" condition):
// no messages; the root layout's load (src/routes/+layout.ts) loads the page's language before it renders.
import type { Catalog, Locale } from './index';

export const preloaded: Partial<Record<Locale, Catalog>> = {};
