import { requireMeeting, requireOffice, type AgendaServiceDeps, type MeetingRef } from './agenda-context';
import { countPending } from './agenda-change.repository';
import { flushChanges, sendNotice } from './agenda-notify';
import { lockAgenda } from './agenda.repository';

/** The office's view of agenda changes not yet told to the invitees, and "tell them now". */
export function createAgendaBatchService(deps: Pick<AgendaServiceDeps, 'db' | 'mailer' | 'origin'>) {
	const { db, mailer, origin } = deps;
	return {
		/** How many recorded changes wait for the next batch (office only). */
		async pending(ref: MeetingRef): Promise<number> {
			return db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				return countPending(tx, meeting.id);
			});
		},

		/** Tells the pending changes now as one batch instead of after the quiet spell; returns how many people were told. */
		async notifyNow(ref: MeetingRef): Promise<number> {
			const notice = await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				await lockAgenda(tx, meeting.id);
				return flushChanges(tx, meeting);
			});
			await sendNotice({ mailer, origin, notice });
			return notice?.notice.recipients.length ?? 0;
		}
	};
}
export type AgendaBatchService = ReturnType<typeof createAgendaBatchService>;
