import { loadAreas, missingArea, type Locale } from './index';

// The safety net behind the routes' declared areas (./areas.ts, ROUTE_AREAS): a message whose area the browser
// has not loaded would show its key. `t` (./t.ts) asks here first; the area is then loaded and every `t` that read
// `version` runs again, so the key shows at most for the moment the area takes to arrive.

let version = $state(0);
// Not reactive on purpose (areas asked for, by `<area>.<locale>`): only `version` tells readers.
const requested: Record<string, boolean> = {};

/**
 * Whether `key`'s area is at hand in `locale`. Reads the version (so a caller in a template or `$derived` runs
 * again when an area arrives); when the area is missing, starts loading it once per area and language and, where
 * `warn` is given (dev and tests), reports it: the route's declaration in ./areas.ts lacks the area.
 */
export function ensureArea(locale: Locale, key: string, warn?: (message: string) => void): boolean {
	void version;
	const area = missingArea(locale, key);
	if (!area) return true;
	const id = `${area}.${locale}`;
	if (!requested[id]) {
		requested[id] = true;
		// Visible in any build (the e2e spec tests/e2e/i18n-areas.spec.ts fails on it): a declaration is missing.
		globalThis.performance?.mark?.(`i18n-late-area:${id}`);
		warn?.(
			`i18n: "${key}" is in area "${area}", not loaded for this page: loading it (declare it in src/lib/i18n/areas.ts)`
		);
		loadAreas(locale, [area]).then(
			() => {
				version += 1;
			},
			() => {
				delete requested[id]; // the next use tries again
			}
		);
	}
	return false;
}

/** How many areas arrived through ensureArea (for tests). */
export function areasArrived(): number {
	return version;
}
