import type { Majority, Tally, VoteStatus } from './vote.repository';

/**
 * The outcome of a closed vote. Participation is checked first (too few votes: not valid at all);
 * then 'cast' needs more yes than no, 'members' more yes than half of all voting members.
 */
export function voteOutcome(rule: { majority: Majority; minParticipation: number }, tally: Pick<Tally, 'yes' | 'no' | 'voted' | 'eligible'>): Exclude<VoteStatus, 'open' | 'moved'> {
	if (tally.eligible === 0 || tally.voted * 100 < rule.minParticipation * tally.eligible) return 'failed';
	const adopted = rule.majority === 'cast' ? tally.yes > tally.no : tally.yes * 2 > tally.eligible;
	return adopted ? 'adopted' : 'rejected';
}
