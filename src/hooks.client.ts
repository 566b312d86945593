import type { ClientInit } from '@sveltejs/kit';
import { isLocale, loadCatalog } from '$lib/i18n';

/**
 * Starts fetching the page's messages (the server wrote the language into <html lang>) while SvelteKit loads the
 * page's modules, instead of only when the root layout's load runs after them; that load awaits the same import.
 */
export const init: ClientInit = () => {
	const lang = document.documentElement.lang;
	// A failure shows in the root layout's load, which imports again.
	if (isLocale(lang)) loadCatalog(lang).catch(() => {});
};
