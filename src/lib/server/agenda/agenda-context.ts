import type { Locale } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { allowed } from '../boards/policy';
import { ServiceError } from '../errors';
import { isUuid } from '../common.schema';
import type { Mailer } from '../mail/port';
import { findMeeting, type AgendaMeeting } from './agenda.repository';

export interface AgendaServiceDeps {
	db: ScopedDb;
	mailer: Mailer;
	/** Public URL of the app, for links in mails. */
	origin: string;
	actor: { userId: string; displayName: string };
	/** Language of the person acting (standard item titles are stored in it). */
	locale: Locale;
}

/** Which meeting a call is about: the board from the address, the meeting from the path. */
export interface MeetingRef {
	boardId: string;
	meetingId: string;
}

export const meetingNotFound = () => new ServiceError(404, 'agenda.error.meetingNotFound');
export const itemNotFound = () => new ServiceError(404, 'agenda.error.itemNotFound');

/** The meeting under the caller's RLS; another board's meeting or an unknown id is "not found". */
export async function requireMeeting(tx: Tx, ref: MeetingRef): Promise<AgendaMeeting> {
	if (!isUuid(ref.meetingId)) throw meetingNotFound();
	const meeting = await findMeeting(tx, ref.meetingId);
	if (!meeting || meeting.boardId !== ref.boardId) throw meetingNotFound();
	return meeting;
}

export function requireOffice(meeting: AgendaMeeting): void {
	if (!allowed(meeting, 'meetings.manage')) throw new ServiceError(403, 'error.forbidden');
}
