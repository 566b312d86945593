import type { MessageKey } from '$lib/i18n';
import type { RecordInput } from './decision.schema';

/**
 * Whether a hand-recorded result fits its status under the board's rule for meeting decisions (simple
 * majority of the votes cast: more yes than no). Counted results need at least one vote; "unanimous" and
 * "consensus" are explicit outcomes of an adopted decision. Returns the message key of the misfit, or null.
 */
export function outcomeMisfit(
	input: Pick<RecordInput, 'status' | 'outcome' | 'yes' | 'no' | 'abstain'>
): MessageKey | null {
	if (input.status !== 'adopted' && input.status !== 'rejected') return null;
	const outcome = input.outcome ?? 'counted';
	if (outcome !== 'counted') return input.status === 'adopted' ? null : 'decisions.error.outcomeOnlyAdopted';
	const yes = input.yes ?? 0;
	const no = input.no ?? 0;
	if (yes + no + (input.abstain ?? 0) === 0) return 'decisions.error.noVotes';
	if (input.status === 'adopted' && yes <= no) return 'decisions.error.noMajority';
	if (input.status === 'rejected' && yes > no) return 'decisions.error.majorityFor';
	return null;
}
