import type { AgendaPanelData } from '$lib/types/agenda.types';
import type { MeetingRef } from '../agenda/agenda-context';
import type { BoardContext } from '../boards/policy';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import type { AttendanceService } from './attendance.service';
import type { MeetingInvitationService } from './meeting-invitation.service';
import { meetingOr404 } from './meeting.service';

export interface MeetingPageDeps {
	/** Under the reader's RLS. */
	db: ScopedDb;
	/** The agenda view service of the agenda area (same RLS). */
	agenda: { panelIn(tx: Tx, ref: MeetingRef): Promise<AgendaPanelData> };
	attendance: Pick<AttendanceService, 'overviewIn'>;
	guests: Pick<MeetingInvitationService, 'listGuestsIn'>;
}

/**
 * The meeting page's data, read in one database transaction instead of one per part: each costs a BEGIN, the
 * RLS set_config and a COMMIT (bench/pages/README.md), and the meeting is read once for the attendance.
 */
export function createMeetingPageService(deps: MeetingPageDeps) {
	return {
		load: (board: BoardContext, meetingId: string) =>
			deps.db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				return {
					meeting,
					// Under the visitor's RLS: guests get only public items, nobody but the office and the chair gets
					// others' declarations of conflicts of interest.
					agenda: await deps.agenda.panelIn(tx, { boardId: meeting.boardId, meetingId: meeting.id }),
					attendance: await deps.attendance.overviewIn(tx, board, meeting.id),
					guests: await deps.guests.listGuestsIn(tx, board, meeting.id)
				};
			})
	};
}
