import type { Action } from './policy';

// Who may reach which route, by SvelteKit route id. hooks.server.ts applies this to every request
// (pages, their __data.json, form actions, endpoints) before any load or action runs, so no guard can
// be skipped; the route sweep test reads the same table.

export type RouteAccess =
	/** Anyone, signed out too (the route checks its own credential, e.g. a token in the address). */
	| { kind: 'public' }
	/** Any signed-in person; what they get is decided by RLS. */
	| { kind: 'signed-in' }
	/** Signed in and allowed `action` on the platform. */
	| { kind: 'platform'; action: Action }
	/** Signed in, the board of `[board]` visible to them, and allowed `action` in it. */
	| { kind: 'board'; action: Action };

const PUBLIC_ROUTES = new Set([
	'/login',
	'/login/magic/[token]',
	// Single sign-on (#17): the start and the provider's callback, signed out by nature.
	'/login/sso',
	'/login/sso/callback',
	'/logout',
	'/invite/[token]',
	'/reset',
	'/healthz',
	'/locale',
	// Protected by its own bearer token (see the route).
	'/metrics',
	// The secret in the address is the credential.
	'/calendar/[secret].ics',
	// Signed download links carry their own credential (HMAC token with expiry).
	'/storage/[token]',
	// Citizens' pages (#14): readable signed out by design. Their loads and endpoints read as `anon` only
	// (src/lib/server/citizens), so RLS serves the public subset and a board that is not public is a 404.
	'/p/[board]',
	'/p/[board]/members',
	'/p/[board]/meetings',
	'/p/[board]/meetings.ics',
	'/p/[board]/meetings/[id]',
	'/p/[board]/resolutions',
	'/p/[board]/resolutions.atom',
	'/p/[board]/resolutions/[number]',
	'/p/[board]/papers',
	'/p/[board]/papers/[id]',
	'/p/[board]/papers/[id].pdf',
	'/p/[board]/files/[id]',
	'/p/[board]/files/[id]/download',
	// The published fields of the strategy map (#16), read as anon like the other citizens' pages.
	'/p/[board]/strategy'
]);

/**
 * OParl 1.1 (#14): read-only and signed out by design. Every read runs as `anon` under RLS whoever asks
 * (src/lib/server/oparl), so the policies serve the public subset; `[...rest]` answers a JSON 404.
 */
const OPARL_ROUTES = new Set([
	'/oparl/v1/system',
	'/oparl/v1/bodies',
	'/oparl/v1/[type]/[id]',
	'/oparl/v1/body/[id]/[list]',
	'/oparl/v1/organization/[id]/meetings',
	'/oparl/[...rest]'
]);

/** Board routes by route-id prefix; the longest matching prefix wins. */
const BOARD_ROUTES: [prefix: string, action: Action][] = [
	['/b/[board]', 'board.visit'],
	['/b/[board]/meetings', 'board.visit'],
	['/b/[board]/meetings/[id]/votes', 'votes.read'],
	// Meeting mode (#19): everyone in the meeting follows it, guests its public items (RLS).
	['/b/[board]/meetings/[id]/live', 'board.enter'],
	['/api/b/[board]/meetings/[id]/live', 'board.enter'],
	// Votes on people's own devices in the meeting (#19).
	['/b/[board]/meetings/[id]/vote', 'votes.read'],
	['/b/[board]/members', 'board.visit'],
	['/b/[board]/settings', 'board.configure'],
	['/b/[board]/audit', 'audit.read'],
	['/b/[board]/polls', 'polls.use'],
	['/b/[board]/votes', 'votes.read'],
	// Guests see the papers shared with them by name (RLS).
	['/b/[board]/papers', 'board.enter'],
	['/b/[board]/papers/import', 'papers.create'],
	['/b/[board]/files', 'board.read'],
	// Guests open the files of their meeting's public items from the agenda (RLS).
	['/b/[board]/files/[id]', 'board.enter'],
	// Guests see the public decisions of their meeting by address (RLS).
	['/b/[board]/decisions', 'board.enter'],
	['/b/[board]/tasks', 'tasks.read'],
	['/b/[board]/search', 'search.use'],
	['/b/[board]/strategy', 'strategy.read'],
	['/api/b/[board]/files', 'files.upload']
];

const PLATFORM_ROUTES: [prefix: string, action: Action][] = [['/admin', 'platform.admin']];

/**
 * Form actions that need more than their page's rule, by route id and action name. Actions left out
 * depend on the row (their own comment, a paper they were given, a task they own): the service decides.
 */
const ACTION_RULES: Record<string, Record<string, Action>> = {
	'/b/[board]/meetings': { create: 'meetings.manage' },
	'/b/[board]/meetings/[id]': {
		update: 'meetings.manage',
		invite: 'meetings.manage',
		attendance: 'meetings.manage',
		guest: 'meetings.manage',
		rsvp: 'meetings.rsvp'
	},
	'/b/[board]/meetings/[id]/agenda': {
		...Object.fromEntries(
			[
				'add',
				'update',
				'delete',
				'move',
				'drop',
				'level',
				'publish',
				'copy',
				'deadline',
				'accept',
				'decline',
				'attachPaper',
				'detachPaper',
				'notifyChanges'
			].map((name) => [name, 'meetings.manage' as const])
		),
		propose: 'agenda.participate',
		declareConflict: 'agenda.participate',
		withdrawConflict: 'agenda.participate'
	},
	'/b/[board]/meetings/[id]/minutes': {
		create: 'minutes.keep',
		review: 'minutes.keep',
		amend: 'minutes.keep',
		approve: 'minutes.approve',
		approveByMeeting: 'minutes.approveByMeeting',
		publish: 'minutes.publish',
		// Minutes assistance (#19): item times and attendance from meeting mode into the draft.
		takeOverLive: 'minutes.keep'
	},
	'/b/[board]/meetings/[id]/votes': { record: 'votes.record' },
	// Check-in/out and turns depend on whose they are (own, or the office/chair for others): the service decides.
	'/b/[board]/meetings/[id]/live': {
		start: 'meetings.run',
		end: 'meetings.run',
		item: 'meetings.run',
		speakingTime: 'meetings.run',
		addSpeaker: 'meetings.run',
		hand: 'meetings.attend'
	},
	'/b/[board]/meetings/[id]/vote': { open: 'votes.run', cast: 'votes.cast', close: 'votes.run' },
	'/b/[board]/polls': { create: 'meetings.manage' },
	'/b/[board]/polls/[id]': { answer: 'polls.use', schedule: 'meetings.manage' },
	'/b/[board]/members': {
		invite: 'members.manage',
		role: 'members.manage',
		active: 'members.manage',
		resend: 'members.manage',
		revoke: 'members.manage'
	},
	'/b/[board]/papers': { create: 'papers.create' },
	'/b/[board]/files': { upload: 'files.upload' },
	'/b/[board]/decisions': { record: 'decisions.record', verify: 'decisions.verify' },
	'/b/[board]/decisions/[number]': {
		status: 'decisions.record',
		amend: 'decisions.record',
		task: 'tasks.manage',
		progress: 'tasks.read',
		publish: 'publication.manage'
	},
	'/b/[board]/papers/[id]/settings': { publish: 'publication.manage' },
	'/b/[board]/papers/[id]/rounds': { open: 'rounds.open' },
	// Closing depends on the row (the office or the paper's author): the service decides.
	'/b/[board]/papers/[id]/rounds/[rid]': { attach: 'files.manage' },
	'/b/[board]/settings': { publish: 'publication.manage' },
	'/b/[board]/tasks': { create: 'tasks.manage', remove: 'tasks.remove' },
	'/b/[board]/strategy': {
		field: 'strategy.edit',
		goal: 'strategy.edit',
		measure: 'strategy.edit',
		indicator: 'strategy.edit'
	},
	'/b/[board]/strategy/fields/[id]': {
		update: 'strategy.edit',
		goal: 'strategy.edit',
		updateGoal: 'strategy.edit',
		removeGoal: 'strategy.edit',
		remove: 'strategy.edit'
	},
	'/b/[board]/strategy/measures/[id]': {
		update: 'strategy.edit',
		link: 'strategy.edit',
		unlink: 'strategy.edit',
		remove: 'strategy.edit',
		comment: 'strategy.comment'
	},
	'/b/[board]/strategy/indicators/[id]': {
		update: 'strategy.edit',
		value: 'strategy.edit',
		preview: 'strategy.edit',
		import: 'strategy.edit',
		remove: 'strategy.edit'
	},
	'/b/[board]/votes': { create: 'votes.run' },
	'/b/[board]/votes/[id]': { vote: 'votes.cast', close: 'votes.run' }
};

/** The extra rule of a form action (`default` for an unnamed one), if it has one. */
export function actionRule(routeId: string | null, name: string): Action | undefined {
	return routeId === null ? undefined : ACTION_RULES[routeId]?.[name];
}

/** The action a POST to a page addresses: `?/name`, or `default`. */
export function actionName(url: URL): string {
	const key = [...url.searchParams.keys()].find((name) => name.startsWith('/'));
	return key ? key.slice(1) : 'default';
}

function longestPrefix(routeId: string, table: [string, Action][]): Action | undefined {
	let best: [string, Action] | undefined;
	for (const entry of table) {
		const [prefix] = entry;
		const matches = routeId === prefix || routeId.startsWith(`${prefix}/`) || routeId.startsWith(`${prefix}.`);
		if (matches && (!best || prefix.length > best[0].length)) best = entry;
	}
	return best?.[1];
}

/** The access rule of a route id; an unknown address (null) is for signed-in people, as a 404. */
export function routeAccess(routeId: string | null): RouteAccess {
	if (routeId !== null && (PUBLIC_ROUTES.has(routeId) || OPARL_ROUTES.has(routeId))) return { kind: 'public' };
	if (routeId === null) return { kind: 'signed-in' };
	const platform = longestPrefix(routeId, PLATFORM_ROUTES);
	if (platform) return { kind: 'platform', action: platform };
	const board = longestPrefix(routeId, BOARD_ROUTES);
	if (board) return { kind: 'board', action: board };
	if (routeId.includes('[board]')) throw new Error(`route-access: board route ${routeId} has no rule`);
	return { kind: 'signed-in' };
}

/** The action that opens a board area (`meetings`, `papers` …), for navigation. */
export function areaAction(path: string): Action {
	const action = longestPrefix(`/b/[board]/${path}`, BOARD_ROUTES);
	if (!action) throw new Error(`route-access: no rule for area ${path}`);
	return action;
}
