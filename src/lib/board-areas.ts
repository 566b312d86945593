import type { MessageKey } from '$lib/i18n';
import type { BoardRole } from '$lib/roles';

/** A working area of a board, shown in the board navigation. */
export interface BoardArea {
	/** Path below `/b/<board>`, e.g. `members`. */
	path: string;
	label: MessageKey;
	/** Roles that see the area; admins without a role see every area. */
	roles: readonly BoardRole[];
}

const everyone: readonly BoardRole[] = ['office', 'chair', 'deputy', 'member', 'advisor', 'guest'];

/** The areas in navigation order. Only areas that work are listed. */
export const BOARD_AREAS: readonly BoardArea[] = [{ path: 'members', label: 'nav.members', roles: everyone }];

export function areasFor(role: BoardRole | null): BoardArea[] {
	return BOARD_AREAS.filter((area) => role === null || area.roles.includes(role));
}
