import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { allowed, type Action, type BoardContext } from '../boards/policy';
import * as repo from './dashboard.repository';
import { listChangedPapers } from '../since-read/since-read.repository';
import type { DashboardAgendaItem, DashboardData, DashboardMeeting } from '$lib/types/dashboard.types';

/** How many rows each list section shows; the section links to the full list for more. */
export const SECTION_LIMIT = 5;

export interface DashboardServiceDeps {
	/** Under the signed-in person's RLS. */
	db: ScopedDb;
	/** The person's active memberships (as the request's CurrentUser carries them). */
	boards: BoardContext[];
	/** The agenda view service of the agenda area (same RLS): the next meeting's numbered items, read inside
	 * the dashboard's transaction right after the meeting itself. */
	agenda: { itemsIn(tx: Tx, meeting: { id: string; startsAt: Date }): Promise<DashboardAgendaItem[]> };
	/** The attendance rule of the meetings area: who answers invitations. */
	canRsvp(board: BoardContext): boolean;
}

/** The boards in which the person may do `action`. */
const ids = (boards: BoardContext[], action: Action) => boards.filter((b) => allowed(b, action)).map((b) => b.id);

/** The start page of the signed-in person across their boards, read in one database transaction. */
export function createDashboardService(deps: DashboardServiceDeps) {
	const { db, boards } = deps;
	const fullBoards = ids(boards, 'board.read');

	async function nextMeeting(tx: Tx): Promise<DashboardMeeting | null> {
		const row = await repo.findNextMeeting(
			tx,
			boards.map((b) => b.id)
		);
		if (!row) return null;
		const board = boards.find((b) => b.id === row.boardId);
		// Only the items: the dashboard shows their numbers and titles, not the panel's conflicts, papers, files
		// and changes (four statements, two of them the page's costliest), and the meeting is the row just read.
		const agenda = await deps.agenda.itemsIn(tx, row);
		return { ...row, canRsvp: board ? deps.canRsvp(board) : false, agenda };
	}

	/** The board-wide sections; skipped entirely for someone who is only a guest anywhere. */
	async function boardSections(tx: Tx) {
		if (fullBoards.length === 0)
			return { openVotes: [], openPolls: [], tasks: [], mentions: [], papers: [], changedPapers: [], decisions: [] };
		const limit = SECTION_LIMIT;
		const [openVotes, openPolls, tasks, mentions, papers, changedPapers, decisions] = await Promise.all([
			repo.listOpenVotes(tx, { boardIds: ids(boards, 'votes.cast'), limit }),
			repo.listOpenPolls(tx, { boardIds: ids(boards, 'polls.use'), limit }),
			repo.listMyTasks(tx, { boardIds: fullBoards, officeBoardIds: ids(boards, 'tasks.office'), limit }),
			repo.listMentions(tx, { boardIds: fullBoards, limit }),
			repo.listRecentPapers(tx, { boardIds: fullBoards, limit }),
			listChangedPapers(tx, { boardIds: fullBoards, limit }),
			repo.listLatestDecisions(tx, { boardIds: fullBoards, limit })
		]);
		return { openVotes, openPolls, tasks, mentions, papers, changedPapers, decisions };
	}

	return {
		// One transaction for the whole page instead of one per section: each costs a BEGIN, the RLS
		// set_config and a COMMIT (three round trips to the database; bench/pages/README.md). Kept while the
		// database is unchanged: its inputs are the person's boards, read with the request's snapshot.
		load: (): Promise<DashboardData> =>
			db.read('dashboard', async (tx) => {
				// Issued together: PostgreSQL gets the statements back to back on the transaction's connection
				// (postgres.js pipelines them) instead of one round trip each; PGlite runs them one after another.
				const [meeting, sections] = await Promise.all([nextMeeting(tx), boardSections(tx)]);
				return {
					boards: boards.filter((b) => fullBoards.includes(b.id)).map(({ slug, name }) => ({ slug, name })),
					guestOnly: boards.length > 0 && fullBoards.length === 0,
					nextMeeting: meeting,
					...sections
				};
			})
	};
}
