import type { Tx } from '../db/types';
import type { SuggestionDecisionInput } from './suggestion.schema';

export interface SuggestionDecisionRow {
	suggestionId: string;
	kind: 'insert' | 'delete';
	authorName: string | null;
	body: string;
	decision: 'accepted' | 'rejected';
	decidedBy: string | null;
	/** The decider's display name now (null once the account is gone). */
	decidedByName: string | null;
	decidedAt: Date;
}

/** One row per decided suggestion (RLS: editors, or a commenter withdrawing their own). */
export async function insertDecisions(
	tx: Tx,
	input: { boardId: string; paperId: string } & SuggestionDecisionInput
): Promise<void> {
	for (const s of input.suggestions) {
		await tx.query(
			`insert into public.paper_suggestion_decisions
			   (board_id, paper_id, suggestion_id, kind, author_id, author_name, body, section, decision)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			[
				input.boardId,
				input.paperId,
				s.id,
				s.kind,
				s.authorId,
				s.authorName,
				s.text,
				s.section,
				input.decision === 'accept' ? 'accepted' : 'rejected'
			]
		);
	}
}

export async function listDecisions(tx: Tx, paperId: string, limit = 200): Promise<SuggestionDecisionRow[]> {
	return tx.query<SuggestionDecisionRow>(
		`select d.suggestion_id as "suggestionId", d.kind, d.author_name as "authorName", d.body, d.decision,
		        d.decided_by as "decidedBy", p.display_name as "decidedByName", d.decided_at as "decidedAt"
		   from public.paper_suggestion_decisions d left join public.profiles p on p.user_id = d.decided_by
		  where d.paper_id = $1 order by d.decided_at desc limit $2`,
		[paperId, limit]
	);
}
