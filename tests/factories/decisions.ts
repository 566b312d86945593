import { withUser } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { appendDecision } from '$lib/server/decisions/decision.repository';
import type { NewDecision } from '$lib/types/decision.types';
import { claimsFor, type TestBoard, type TestUser } from './index';

let sequence = 0;

/** A decision recorded by `by` (office or chair) through the real contract. */
export function recordDecision(
	db: Database,
	input: { board: TestBoard; by: TestUser } & Partial<NewDecision & { supersedes: string }>
): Promise<{ id: string; number: string }> {
	const { board, by, ...rest } = input;
	const n = ++sequence;
	return withUser(db, claimsFor(by), (tx) =>
		appendDecision(tx, {
			boardId: board.id,
			title: `Beschluss ${n}`,
			resolution: `Der Beirat beschließt Punkt ${n}.`,
			kind: 'resolution',
			voteResult: { yes: 5, no: 1, abstain: 0 },
			status: 'adopted',
			source: 'manual',
			isPublic: true,
			...rest
		})
	);
}
