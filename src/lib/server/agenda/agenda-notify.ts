import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import type { Mailer } from '../mail/port';
import { agendaChangedMail, type ChangeLine } from '../mail/agenda-templates';
import { insertChange, listRecipients, type AgendaChangeAction, type ItemSnapshot, type Recipient } from './agenda-change.repository';
import type { AgendaMeeting } from './agenda.repository';
import { mailNotice, recordNotice, type Notice } from '../notifications/notifier';

/** One change of one action, as recorded and as mailed. */
export interface ChangeNote {
	itemId: string;
	action: AgendaChangeAction;
	before: ItemSnapshot | null;
	after: ItemSnapshot | null;
}

/** A recipient with the changes they may hear of (guests: public items only). */
interface PersonNotice extends Recipient {
	notes: ChangeNote[];
}

/** What an action leaves to do after its transaction committed: the mails of those who want them now. */
export interface PendingNotice {
	meeting: AgendaMeeting;
	/** The notification as recorded (its mail is composed once the origin is known). */
	notice: Omit<Notice<PersonNotice>, 'mail'>;
	mailNow: PersonNotice[];
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

/**
 * Records the changes of one action when the agenda is published, and in the same transaction one
 * notification per person (nothing before publication: nobody has been told about the agenda yet).
 */
export async function recordChanges(tx: Tx, meeting: AgendaMeeting, notes: ChangeNote[]): Promise<PendingNotice | null> {
	if (!meeting.agendaPublishedAt || notes.length === 0) return null;
	for (const note of notes) await insertChange(tx, { meetingId: meeting.id, ...note });
	const recipients = (await listRecipients(tx, { meetingId: meeting.id, boardId: meeting.boardId }))
		.map((person) => ({ ...person, notes: person.isGuest ? notes.filter(isPublicNote) : notes }))
		.filter((person) => person.notes.length > 0);
	const notice = {
		kind: 'agenda-changed' as const,
		boardId: meeting.boardId,
		// One action is one event; its own id keeps a retried delivery from telling anyone twice.
		event: randomUUID(),
		path: `/b/${meeting.boardSlug}/meetings/${meeting.id}/agenda`,
		params: { board: meeting.boardName, subject: meeting.title },
		recipients
	};
	return { meeting, notice, mailNow: (await recordNotice(tx, notice)).mailNow };
}

/** One mail per person for the whole action, in their language, to those who chose mail at once. */
export async function sendNotice(input: { mailer: Mailer; origin: string; notice: PendingNotice | null }): Promise<void> {
	const { notice: pending, origin } = input;
	if (!pending) return;
	const { meeting, notice } = pending;
	await mailNotice(
		input.mailer,
		{
			...notice,
			mail: (person) =>
				agendaChangedMail({
					locale: person.locale,
					boardName: meeting.boardName,
					meetingTitle: meeting.title,
					startsAt: meeting.startsAt,
					lines: person.notes.map(lineOf),
					link: `${origin}${notice.path}`
				})
		},
		pending.mailNow
	);
}
