import type { MessageKey } from '$lib/i18n';
import type { BoardRole } from '$lib/roles';

/** A working area of a board, shown in the board navigation. */
export interface BoardArea {
	/** Path below `/b/<board>`, e.g. `members`. */
	path: string;
	label: MessageKey;
	/** Roles that see the area. */
	roles: readonly BoardRole[];
	/** Whether a platform admin without a role in the board may use it (their RLS lets them read it). */
	admin?: boolean;
}

const everyone: readonly BoardRole[] = ['office', 'chair', 'deputy', 'member', 'advisor', 'guest'];

/** The areas in navigation order. Only areas that work are listed. */
export const BOARD_AREAS: readonly BoardArea[] = [
	// Guests see only the meeting they are invited to (RLS).
	{ path: 'meetings', label: 'meetings.nav', roles: everyone, admin: true },
	{ path: 'polls', label: 'polls.nav', roles: ['office', 'chair', 'deputy', 'member', 'advisor'] },
	{ path: 'votes', label: 'votes.nav', roles: ['office', 'chair', 'deputy', 'member', 'advisor'] },
	{ path: 'members', label: 'nav.members', roles: everyone, admin: true },
	// Guests see only the papers shared with them by name (RLS).
	{ path: 'papers', label: 'papers.nav', roles: everyone },
	// Not in guests' navigation: by address they see only public decisions of their meeting (RLS).
	// Guests reach only the files of public items of their meeting (RLS), from the agenda.
	{ path: 'files', label: 'files.nav', roles: ['office', 'chair', 'deputy', 'member', 'advisor'] },
	{ path: 'decisions', label: 'decisions.nav', roles: ['office', 'chair', 'deputy', 'member', 'advisor'] },
	{ path: 'tasks', label: 'tasks.nav', roles: ['office', 'chair', 'deputy', 'member', 'advisor'] },
	{ path: 'settings', label: 'meetings.settings.nav', roles: ['office'] },
	// The audit trail: the office of the board (RLS agrees); platform admins use /admin/audit.
	{ path: 'audit', label: 'audit.nav', roles: ['office'] }
];

export function areasFor(role: BoardRole | null): BoardArea[] {
	return BOARD_AREAS.filter((area) => (role === null ? area.admin === true : area.roles.includes(role)));
}
