import type { ClientInit } from '@sveltejs/kit';
import { isLocale, loadAreas } from '$lib/i18n';
import { SHELL_AREAS } from '$lib/i18n/areas';

/**
 * Starts fetching the shell's messages (the server wrote the language into <html lang>) while SvelteKit loads the
 * page's modules, instead of only when the root layout's load runs after them; that load awaits the same imports
 * and adds the route's own areas (src/lib/i18n/areas.ts).
 */
export const init: ClientInit = () => {
	const lang = document.documentElement.lang;
	// A failure shows in the root layout's load, which imports again.
	if (isLocale(lang)) loadAreas(lang, SHELL_AREAS).catch(() => {});
};
