/** How many voting members must be present for the board to decide (per board, set by office). */
export const QUORUM_RULES = ['more_than_half', 'at_least_half', 'two_thirds'] as const;
export type QuorumRule = (typeof QUORUM_RULES)[number];

/** The smallest number of voting members present that satisfies `rule` for `total` voting members. */
export function quorumNeeded(rule: QuorumRule, total: number): number {
	if (total <= 0) return 0;
	if (rule === 'more_than_half') return Math.floor(total / 2) + 1;
	if (rule === 'at_least_half') return Math.ceil(total / 2);
	return Math.ceil((total * 2) / 3);
}

export interface QuorumResult {
	present: number;
	total: number;
	needed: number;
	reached: boolean;
}

/** Whether `present` of `total` voting members make a quorum; a board without voting members never does. */
export function quorum(rule: QuorumRule, present: number, total: number): QuorumResult {
	const needed = quorumNeeded(rule, total);
	return { present, total, needed, reached: total > 0 && present >= needed };
}
