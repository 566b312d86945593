import { loadAreas } from '$lib/i18n';
import { areasForRoute } from '$lib/i18n/areas';
import type { LayoutLoad } from './$types';

/**
 * The page's messages before it renders: in the browser the shell's message areas and those the route declares
 * (src/lib/i18n/areas.ts), in the page's language only (on the first page before hydration, on every navigation
 * to another route, again when the language changes); the server has all of them already. Reruns whenever the
 * route or the root layout's server data changes, so neither a navigation nor a language switch shows keys.
 */
export const load: LayoutLoad = async ({ data, route }) => {
	await loadAreas(data.locale, areasForRoute(route.id));
	return data;
};
