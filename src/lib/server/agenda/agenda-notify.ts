import type { Tx } from '../db/types';
import type { Mailer } from '../mail/port';
import { agendaChangedMail, type ChangeLine } from '../mail/agenda-templates';
import { insertChange, listRecipients, type AgendaChangeAction, type ItemSnapshot, type Recipient } from './agenda-change.repository';
import type { AgendaMeeting } from './agenda.repository';

/** One change of one action, as recorded and as mailed. */
export interface ChangeNote {
	itemId: string;
	action: AgendaChangeAction;
	before: ItemSnapshot | null;
	after: ItemSnapshot | null;
}

/** What an action leaves to do after its transaction committed. */
export interface PendingNotice {
	meeting: AgendaMeeting;
	notes: ChangeNote[];
	recipients: Recipient[];
}

/**
 * Records the changes of one action when the agenda is published; returns what to mail after commit
 * (nothing before publication: nobody has been told about the agenda yet).
 */
export async function recordChanges(tx: Tx, meeting: AgendaMeeting, notes: ChangeNote[]): Promise<PendingNotice | null> {
	if (!meeting.agendaPublishedAt || notes.length === 0) return null;
	for (const note of notes) await insertChange(tx, { meetingId: meeting.id, ...note });
	const recipients = await listRecipients(tx, { meetingId: meeting.id, boardId: meeting.boardId });
	return { meeting, notes, recipients };
}

const isPublicNote = (note: ChangeNote) => (note.before?.isPublic ?? true) && (note.after?.isPublic ?? true);

function lineOf(note: ChangeNote): ChangeLine {
	return {
		action: note.action,
		title: note.after?.title ?? note.before?.title ?? '',
		before: note.before?.number ?? null,
		after: note.after?.number ?? null
	};
}

/** One mail per person for the whole action, in their language; guests hear only of public items. */
export async function sendNotice(input: { mailer: Mailer; origin: string; notice: PendingNotice | null }): Promise<void> {
	const { notice } = input;
	if (!notice) return;
	const { meeting } = notice;
	const link = `${input.origin}/b/${meeting.boardSlug}/meetings/${meeting.id}/agenda`;
	for (const person of notice.recipients) {
		const notes = person.isGuest ? notice.notes.filter(isPublicNote) : notice.notes;
		if (notes.length === 0) continue;
		const mail = agendaChangedMail({
			locale: person.locale,
			boardName: meeting.boardName,
			meetingTitle: meeting.title,
			startsAt: meeting.startsAt,
			lines: notes.map(lineOf),
			link
		});
		await input.mailer.send({ to: person.email, kind: 'agenda-changed', boardId: meeting.boardId, ...mail });
	}
}
