import type { CollabHub } from '../collab/hub';
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import { stateToJSON } from '../documents/paper-document';
import { listSuggestions, rejectAll } from '$lib/suggestions/suggestions';
import { plainText } from './round-sections';
import * as repo from './round-tracker.repository';

// The suggestion ledger of open rounds: after each saved change of a paper with an open round, the
// suggestions in its document are recorded; one that has left the document was decided. The decision
// recorded by whoever accepted or rejected it (paper_suggestion_decisions) says which; without one (the
// text was edited away directly) it counts as accepted when its inserted text is now part of the paper (or
// its deleted text is gone), rejected otherwise.

const normalise = (value: string) => value.replace(/\s+/g, ' ').trim();

/** One pass over a paper (system task): records current suggestions, decides vanished ones. */
export async function syncRoundSuggestions(input: {
	db: Database;
	hub: Pick<CollabHub, 'getState'>;
	paperId: string;
}): Promise<void> {
	const rounds = await withSystem(input.db, 'paper-rounds', (tx) => repo.openRoundsOf(tx, input.paperId));
	if (rounds.length === 0) return;
	const doc = stateToJSON(await input.hub.getState(input.paperId));
	const current = listSuggestions(doc);
	const ids = new Set(current.map((s) => s.id));
	// The paper's own text: every pending suggestion rejected.
	const text = plainText(rejectAll(doc));
	await withSystem(input.db, 'paper-rounds', async (tx) => {
		for (const roundId of rounds) {
			for (const s of current)
				await repo.upsertSuggestion(tx, {
					roundId,
					id: s.id,
					kind: s.kind,
					authorId: s.authorId,
					authorName: s.authorName,
					text: s.text,
					section: s.section
				});
			for (const gone of (await repo.trackedOpen(tx, roundId)).filter((t) => !ids.has(t.id))) {
				const present = normalise(gone.body) !== '' && text.includes(normalise(gone.body));
				const accepted = gone.kind === 'insert' ? present : !present;
				await repo.decideSuggestion(tx, { roundId, id: gone.id, state: accepted ? 'accepted' : 'rejected' });
			}
			await repo.applyRecordedDecisions(tx, roundId);
		}
	});
}

/** Follows saved changes of papers (debounced per paper): the ledger stays current while rounds run. */
export function attachRoundTracker(input: { db: Database; hub: Pick<CollabHub, 'getState' | 'on'> }): () => void {
	const pending = new Map<string, ReturnType<typeof setTimeout>>();
	const off = input.hub.on('persisted', ({ paperId }) => {
		if (pending.has(paperId)) return;
		const timer = setTimeout(() => {
			pending.delete(paperId);
			syncRoundSuggestions({ db: input.db, hub: input.hub, paperId }).catch((error: unknown) =>
				console.warn('rounds: tracking suggestions failed:', String(error))
			);
		}, 500);
		timer.unref?.();
		pending.set(paperId, timer);
	});
	return () => {
		off();
		for (const timer of pending.values()) clearTimeout(timer);
	};
}
