import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import type { CollabHub } from '$lib/server/collab/hub';
import type { Mailer } from '$lib/server/mail/port';
import { createMinutesService } from '$lib/server/minutes/minutes.service';
import { decisionLogSink } from '$lib/server/minutes/minutes-decision-sink';
import { createPaperService } from '$lib/server/papers/paper.service';
import { claimsFor, type TestBoard, type TestUser } from './index';
import { boardAs } from './meetings';

/** The minutes service (and the paper service) as `user` sees them. */
export async function minutesAs(
	db: Database,
	input: { user: TestUser; board: TestBoard; hub: CollabHub; mailer: Mailer; origin: string }
) {
	const scoped = scopedDb(db, claimsFor(input.user));
	const board = await boardAs(db, input.user, input.board);
	const minutes = createMinutesService({
		db: scoped,
		hub: input.hub,
		mailer: input.mailer,
		origin: input.origin,
		locale: 'de',
		actor: { userId: input.user.id, displayName: input.user.displayName },
		decisions: decisionLogSink
	});
	return { board, minutes, papers: createPaperService({ db: scoped, collab: { accessChanged: () => {} } as never }) };
}

/** Records attendance as the office would (present / absent people). */
export async function recordAttendance(
	db: Database,
	input: { meetingId: string; boardId: string; present: TestUser[]; absent: TestUser[] }
) {
	await db.ownerTransaction(async (tx) => {
		for (const [list, present] of [
			[input.present, true],
			[input.absent, false]
		] as const)
			for (const user of list)
				await tx.query(
					`insert into public.meeting_attendance (meeting_id, user_id, board_id, present) values ($1, $2, $3, $4)`,
					[input.meetingId, user.id, input.boardId, present]
				);
	});
}

/** Decision log entries of a board that came from minutes. */
export async function minutesDecisionEntries(db: Database, boardId: string) {
	return db.ownerTransaction((tx) =>
		tx.query<{ resolution: string; source_id: string; paper_ids: string[] }>(
			`select resolution, source_id, paper_ids::text[] as paper_ids from public.decision_entries where board_id = $1 and source = 'minutes' order by seq`,
			[boardId]
		)
	);
}
