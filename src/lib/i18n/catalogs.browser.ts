// What the browser starts with (package.json "imports" maps #i18n/catalogs here under the "browser" condition):
// no messages; the root layout's load (src/routes/+layout.ts) loads the page's areas in its language before it
// renders (./index.ts, loadAreas).
import type { Catalog, Locale } from './index';

export const preloaded: Partial<Record<Locale, Catalog>> = {};
