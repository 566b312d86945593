import { ServiceError } from '../errors';
import { itemNotFound, requireMeeting, requireOffice, type AgendaServiceDeps, type MeetingRef } from './agenda-context';
import { findItem } from './agenda.repository';
import * as repo from './agenda-paper.repository';
import type { PaperLink } from './agenda.schema';

/** Papers of the board's library attached to agenda items (office only). */
export function createAgendaPaperService(deps: Pick<AgendaServiceDeps, 'db'>) {
	const { db } = deps;
	return {
		async attach(ref: MeetingRef, input: PaperLink): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				if (!(await findItem(tx, { meetingId: meeting.id, itemId: input.itemId }))) throw itemNotFound();
				if (!(await repo.findBoardPaper(tx, { boardId: meeting.boardId, paperId: input.paperId })))
					throw new ServiceError(404, 'agenda.error.paperNotFound');
				await repo.attachPaper(tx, { meetingId: meeting.id, ...input });
			});
		},

		async detach(ref: MeetingRef, input: PaperLink): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				if (!(await repo.detachPaper(tx, { meetingId: meeting.id, ...input })))
					throw new ServiceError(404, 'agenda.error.paperNotFound');
			});
		}
	};
}
