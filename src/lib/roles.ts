/** Roles within a board (README.md, "Roles"); the order is the order lists show them in. */
export const BOARD_ROLES = ['office', 'chair', 'deputy', 'member', 'advisor', 'guest'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

export function isBoardRole(value: unknown): value is BoardRole {
	return typeof value === 'string' && (BOARD_ROLES as readonly string[]).includes(value);
}
