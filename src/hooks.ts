import type { Reroute } from '@sveltejs/kit';

/** No route has this address, so SvelteKit answers it with its plain 404. */
export const NO_ROUTE = '/__no-such-route';

/**
 * `?/default` names SvelteKit's reserved form action. SvelteKit refuses it with a plain Error, which
 * becomes a 500 with a stack trace in the log, on every page with actions. Such an address names no
 * action of ours, like `?/nonsense` (which SvelteKit answers with 404): it is routed nowhere.
 */
export const reroute: Reroute = ({ url }) => {
	// The same reading as SvelteKit's: the first query parameter whose name starts with "/" names the action.
	const action = [...url.searchParams.keys()].find((name) => name.startsWith('/'));
	if (action === '/default') return NO_ROUTE;
};
