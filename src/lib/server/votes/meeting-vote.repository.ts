import type { Tx } from '../db/types';
import type { VoteChoice } from './vote.repository';
import { rolesAllowed } from '../boards/policy';

export interface DecisionItem {
	id: string;
	title: string;
	description: string;
	isPublic: boolean;
	voteId: string | null;
}

/** The meeting's decision items in agenda order, with the recorded vote if any. */
export async function decisionItems(tx: Tx, meetingId: string): Promise<DecisionItem[]> {
	return tx.query<DecisionItem>(
		`select i.id, i.title, i.description, i.is_public as "isPublic", v.id as "voteId"
		 from public.agenda_items i left join public.votes v on v.item_id = i.id
		 where i.meeting_id = $1 and i.kind = 'decision' order by i.position`,
		[meetingId]
	);
}

/** Voting members recorded present at the meeting. */
export async function presentVoters(
	tx: Tx,
	input: { meetingId: string; boardId: string }
): Promise<{ userId: string; displayName: string }[]> {
	return tx.query(
		`select a.user_id as "userId", p.display_name as "displayName"
		 from public.meeting_attendance a
		 join public.memberships m on m.board_id = $2 and m.user_id = a.user_id and m.active and m.role = any($3::text[]::public.board_role[])
		 join public.profiles p on p.user_id = a.user_id
		 where a.meeting_id = $1 and a.present order by p.display_name`,
		[input.meetingId, input.boardId, rolesAllowed('votes.cast')]
	);
}

/** Active (not withdrawn) conflicts of interest declared for the meeting's items. */
export async function conflicts(tx: Tx, meetingId: string): Promise<{ itemId: string; userId: string }[]> {
	return tx.query(
		`select item_id as "itemId", user_id as "userId" from public.agenda_conflicts where meeting_id = $1 and withdrawn_at is null`,
		[meetingId]
	);
}

/**
 * Records a meeting result through public.record_meeting_vote: the vote with its result, voters (present
 * voting members, conflicts excluded), named choices and the decision-log entry, in one go. The database
 * refuses a second result for the item with SQLSTATE 23505. Returns the outcome.
 */
export async function recordMeetingVote(
	tx: Tx,
	input: {
		itemId: string;
		named: { userId: string; choice: VoteChoice }[] | null;
		yes: number;
		no: number;
		abstain: number;
	}
): Promise<'adopted' | 'rejected'> {
	const [row] = await tx.query<{ status: 'adopted' | 'rejected' }>(
		`select public.record_meeting_vote($1, $2::text::jsonb, $3, $4, $5) as status`,
		[input.itemId, input.named ? JSON.stringify(input.named) : null, input.yes, input.no, input.abstain]
	);
	return row!.status;
}

export function countChoices(choices: { choice: VoteChoice }[]) {
	return {
		yes: choices.filter((c) => c.choice === 'yes').length,
		no: choices.filter((c) => c.choice === 'no').length,
		abstain: choices.filter((c) => c.choice === 'abstain').length
	};
}
