import { loadCatalog } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/**
 * The page's messages before it renders: in the browser only the active language's catalog is loaded (on the
 * first page before hydration, again when the language changes); the server has both already. Reruns whenever the
 * root layout's server data does, so a language switch never shows keys.
 */
export const load: LayoutLoad = async ({ data }) => {
	await loadCatalog(data.locale);
	return data;
};
