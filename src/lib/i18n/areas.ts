// Which messages a page needs. The pages' messages are split into areas, one file per area and language
// (./messages/<area>.<locale>.json); the browser loads only the areas of the page at hand, in its language only
// (./index.ts, loadAreas). This module is small on purpose: it ships on every page and holds no messages.

/** The areas the browser may load (the mail* files are the mail templates' alone, src/lib/server/mail/). */
export const AREAS = [
	'app',
	'account',
	'members',
	'dashboard',
	'meetings',
	'agenda',
	'papers',
	'collab',
	'comments',
	'decisions',
	'votes',
	'minutes',
	'audit',
	'search',
	'notifications',
	'files',
	'personaldata',
	'citizens',
	'strategy',
	'rounds',
	'live'
] as const;
export type Area = (typeof AREAS)[number];

/**
 * The areas every page loads, through the root layout: the shell (header, navigation, the board's area menu and
 * search box, language switch, errors, sign-in and sign-out, shared form and table texts).
 */
export const SHELL_AREAS: readonly Area[] = ['app'];

/**
 * The area of each message key: the longest entry that is the key itself or a prefix of it up to a dot. The first
 * segment decides, except for the few keys kept in the shell although named after their area (the navigation's
 * labels, the board's search box). A unit test (./areas.test.ts) holds every key of every area file to this table.
 */
const KEY_AREAS: Readonly<Record<string, Area>> = {
	action: 'app',
	app: 'app',
	auth: 'app',
	error: 'app',
	field: 'app',
	form: 'app',
	login: 'app',
	logout: 'app',
	nav: 'app',
	role: 'app',
	shell: 'app',
	table: 'app',
	validation: 'app',
	'meetings.nav': 'app',
	'meetings.settings.nav': 'app',
	'polls.nav': 'app',
	'votes.nav': 'app',
	'papers.nav': 'app',
	'files.nav': 'app',
	'decisions.nav': 'app',
	'tasks.nav': 'app',
	'strategy.nav': 'app',
	'audit.nav': 'app',
	'notifications.nav': 'app',
	'notifications.navUnread': 'app',
	'search.box': 'app',
	invite: 'account',
	profile: 'account',
	twoFactor: 'account',
	reset: 'account',
	admin: 'members',
	'audit.adminTitle': 'members',
	'personalData.admin.link': 'members',
	members: 'members',
	outbox: 'members',
	dashboard: 'dashboard',
	calendar: 'meetings',
	meetings: 'meetings',
	polls: 'meetings',
	agenda: 'agenda',
	book: 'agenda',
	editor: 'papers',
	papers: 'papers',
	collab: 'collab',
	comments: 'comments',
	decisions: 'decisions',
	tasks: 'decisions',
	votes: 'votes',
	minutes: 'minutes',
	audit: 'audit',
	search: 'search',
	notifications: 'notifications',
	files: 'files',
	personalData: 'personaldata',
	citizens: 'citizens',
	strategy: 'strategy',
	rounds: 'rounds',
	live: 'live'
};

/** The area holding `key` (by name: also for a key that exists nowhere), or undefined for an unknown prefix. */
export function areaOf(key: string): Area | undefined {
	for (let prefix = key; ;) {
		const area = KEY_AREAS[prefix];
		if (area) return area;
		const dot = prefix.lastIndexOf('.');
		if (dot < 0) return undefined;
		prefix = prefix.slice(0, dot);
	}
}

/**
 * The areas each route needs beside the shell, by route id (SvelteKit's `route.id`). An entry applies to its route;
 * one ending in `/*` to its route and every route below it, so a group (e.g. the admin pages) declares its shared
 * areas once. What the components
 * of a route show decides; ./areas.test.ts walks each route's modules and fails when a key it uses is in an area
 * not declared here. A key still missing in the browser (e.g. one that only arrives in a server's data) is loaded
 * on first use (./t.ts), so it shows a moment late instead of never.
 */
export const ROUTE_AREAS: Readonly<Record<string, readonly Area[]>> = {
	'/': ['dashboard', 'decisions', 'papers', 'agenda', 'meetings'],
	'/admin/*': ['members'],
	'/admin': ['account'],
	'/admin/audit': ['audit'],
	'/admin/members/*': ['personaldata'],
	'/b/[board]/audit': ['audit'],
	'/b/[board]/decisions/*': ['decisions', 'strategy'],
	'/b/[board]/tasks': ['decisions'],
	'/b/[board]/strategy/*': ['strategy', 'decisions'],
	'/b/[board]/files/*': ['files'],
	'/b/[board]/meetings': ['meetings'],
	'/b/[board]/meetings/[id]': ['meetings', 'agenda', 'files', 'minutes', 'votes'],
	'/b/[board]/meetings/[id]/agenda': ['agenda', 'files'],
	'/b/[board]/meetings/[id]/minutes': ['minutes'],
	'/b/[board]/meetings/[id]/votes': ['votes'],
	'/b/[board]/meetings/[id]/live': ['live', 'agenda', 'votes'],
	'/b/[board]/meetings/[id]/live/projector': ['live', 'agenda', 'votes'],
	'/b/[board]/meetings/[id]/vote': ['votes'],
	'/b/[board]/members': ['members'],
	'/b/[board]/papers/*': ['papers', 'comments'],
	'/b/[board]/papers/[id]/comments': ['comments'],
	// The paper links to its consultation rounds (#15).
	'/b/[board]/papers/[id]': ['rounds'],
	'/b/[board]/papers/[id]/rounds/*': ['rounds'],
	'/b/[board]/polls/*': ['meetings'],
	'/b/[board]/search': ['search'],
	'/b/[board]/settings': ['meetings', 'account'],
	'/b/[board]/votes/*': ['votes', 'decisions'],
	'/calendar': ['meetings'],
	'/invite/[token]': ['account'],
	'/notifications': ['notifications'],
	// The citizens' pages (signed out): their own area, the agenda's and decision log's labels they share.
	'/p/[board]/*': ['citizens', 'agenda', 'decisions'],
	'/p/[board]/strategy': ['strategy'],
	'/profile': ['account', 'personaldata', 'notifications', 'meetings'],
	'/profile/sessions': ['account'],
	'/profile/2fa': ['account'],
	'/login/2fa': ['account'],
	'/reset': ['account']
};

/** The areas of the route `routeId` (null: no route matched, e.g. a 404): the shell and its declarations. */
export function areasForRoute(routeId: string | null): Area[] {
	const areas = new Set<Area>(SHELL_AREAS);
	if (routeId !== null)
		for (const [route, declared] of Object.entries(ROUTE_AREAS))
			if (route === routeId || (route.endsWith('/*') && `${routeId}/`.startsWith(route.slice(0, -1))))
				for (const area of declared) areas.add(area);
	return [...areas];
}
