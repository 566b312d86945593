// The trace of accepted and rejected suggestions (issue #15). The decision itself is a change of the paper's
// document made in the editor (live, also offline); this records it for the paper's history and the audit trail.
import type { ScopedDb } from '../db/scoped';
import { forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import { findPaper } from '../papers/paper.repository';
import { insertDecisions, listDecisions } from './suggestion.repository';
import type { SuggestionDecisionInput } from './suggestion.schema';

export interface SuggestionServiceDeps {
	db: ScopedDb;
	actor: { userId: string };
}

export function createSuggestionService({ db, actor }: SuggestionServiceDeps) {
	return {
		/** Editors record any decision; a commenter only withdrawing (rejecting) their own suggestions. */
		async record(board: BoardContext, paperId: string, input: SuggestionDecisionInput) {
			if (!allowed(board, 'board.enter')) throw notFound();
			await db.run(async (tx) => {
				const paper = await findPaper(tx, { boardId: board.id, paperId });
				if (!paper) throw notFound();
				const ownWithdrawal =
					input.decision === 'reject' && input.suggestions.every((s) => s.authorId === actor.userId);
				if (paper.access !== 'edit' && !(paper.access === 'comment' && ownWithdrawal)) throw forbidden();
				await insertDecisions(tx, { boardId: board.id, paperId, ...input });
			});
		},

		/** The paper's decided suggestions, newest first (for its history). */
		async history(board: BoardContext, paperId: string) {
			if (!allowed(board, 'board.enter')) throw notFound();
			return db.run(async (tx) => {
				if (!(await findPaper(tx, { boardId: board.id, paperId }))) throw notFound();
				return listDecisions(tx, paperId);
			});
		}
	};
}
