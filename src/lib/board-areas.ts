import type { MessageKey } from '$lib/i18n';

/** A working area of a board, shown in the board navigation. */
export interface BoardArea {
	/** Path below `/b/<board>`, e.g. `members`. */
	path: string;
	label: MessageKey;
}

/**
 * The areas in navigation order. Who sees which is the route rule of its address
 * (src/lib/server/boards/route-access.ts); the board layout's load passes each person theirs.
 */
export const BOARD_AREAS: readonly BoardArea[] = [
	{ path: 'meetings', label: 'meetings.nav' },
	{ path: 'polls', label: 'polls.nav' },
	{ path: 'votes', label: 'votes.nav' },
	{ path: 'members', label: 'nav.members' },
	{ path: 'papers', label: 'papers.nav' },
	{ path: 'files', label: 'files.nav' },
	{ path: 'decisions', label: 'decisions.nav' },
	{ path: 'tasks', label: 'tasks.nav' },
	{ path: 'strategy', label: 'strategy.nav' },
	{ path: 'settings', label: 'meetings.settings.nav' },
	{ path: 'audit', label: 'audit.nav' }
];
