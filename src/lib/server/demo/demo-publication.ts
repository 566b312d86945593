import type { CollabHub } from '../collab/hub';
import type { Database } from '../db/types';
import { createPublicationService } from '../publication/publication.service';
import { decisionPublicity } from '../publication/publication-rules';
import type { DecisionStatus } from '$lib/types/decision.types';
import { actingAs, DEMO_BOARD, DEMO_PEOPLE, INNOVATION_PAPER } from './demo-people';

export interface PublicationSeedDeps {
	db: Database;
	hub: Pick<CollabHub, 'getState'>;
}

/** How many of the demo's publishable decisions the office publishes (the newest first; the rest stay internal). */
const PUBLISHED_DECISIONS = 1;

/**
 * What the demo board shows the public (#14), published by its office as a person would: the board's
 * switch is on and some members are listed from the SQL seed; here the newest adopted decision of the
 * public part (the others stay internal) and the innovation paper. Each part once: a restart publishes nothing
 * again, not even what the office withdrew.
 */
export async function seedDemoPublication(deps: PublicationSeedDeps): Promise<void> {
	const by = actingAs(deps.db, DEMO_PEOPLE.office);
	const service = createPublicationService({
		db: by.db,
		hub: deps.hub,
		actor: { userId: by.actor.userId, isAdmin: false },
		locale: 'de'
	});
	const owner = <T>(sql: string) => deps.db.ownerTransaction((tx) => tx.query<T>(sql, [DEMO_BOARD.id]));
	// Once ever (the audit trail remembers a withdrawn publication too), so the office's own choices stay.
	const published = await owner(
		`select 1 from public.audit_events where board_id = $1 and table_name = 'decision_publications' limit 1`
	);
	if (published.length === 0) {
		const latest = await owner<{ number: string; isPublic: boolean; status: DecisionStatus }>(
			`select * from (select distinct on (number) number, is_public as "isPublic", status, seq
			   from public.decision_entries where board_id = $1 order by number, revision desc) newest order by seq desc`
		);
		const publishable = latest.filter((entry) => decisionPublicity(entry) === 'publishable');
		for (const entry of publishable.slice(0, PUBLISHED_DECISIONS))
			await service.setDecisionPublic(by.board, entry.number, true);
	}
	// A withdrawn paper keeps its published version: it was published once.
	const papers = await owner(
		`select 1 from public.papers where board_id = $1 and published_version_id is not null limit 1`
	);
	if (papers.length === 0) await service.setPaperPublished(by.board, { paperId: INNOVATION_PAPER, publish: true });
}
