import type { MailAttachment, Mailer } from '../mail/port';
import type { MailContent } from '../mail/templates';
import type { MailMeeting } from '../mail/meeting-templates';
import { buildCalendar } from '../calendar/ics';
import type { BoardPerson, MeetingRow } from './meeting.repository';
import { createNotifier, type RunInTransaction } from '../notifications/notifier';

/** Absolute link to a meeting page. */
export function meetingLink(origin: string, boardSlug: string, meetingId: string): string {
	return `${origin}/b/${boardSlug}/meetings/${meetingId}`;
}

export function mailMeeting(meeting: MeetingRow, link: string): MailMeeting {
	const { title, startsAt, endsAt, location, onlineUrl } = meeting;
	return { title, startsAt, endsAt, location, onlineUrl, link };
}

/** The meeting as a calendar file: REQUEST for invitations and changes, CANCEL once it is cancelled. */
export function icsAttachment(input: {
	meeting: MeetingRow;
	origin: string;
	link: string;
	boardName: string;
	agenda?: string;
}): MailAttachment {
	const cancelled = input.meeting.status === 'cancelled';
	const content = buildCalendar({
		name: input.boardName,
		origin: input.origin,
		method: cancelled ? 'CANCEL' : 'REQUEST',
		meetings: [{ ...input.meeting, link: input.link, agenda: input.agenda }]
	});
	return {
		filename: 'sitzung.ics',
		contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`,
		content
	};
}

/**
 * One mail per person, each in the person's language. Sent after the change committed: the outbox
 * write is its own transaction, and a failed send must not undo the change.
 */
export async function mailEach(input: {
	mailer: Mailer;
	people: BoardPerson[];
	boardId: string;
	kind: string;
	compose: (person: BoardPerson) => MailContent;
	attachment?: MailAttachment;
}): Promise<number> {
	const seen = new Set<string>();
	for (const person of input.people) {
		if (seen.has(person.userId)) continue;
		seen.add(person.userId);
		await input.mailer.send({
			to: person.email,
			kind: input.kind,
			boardId: input.boardId,
			...input.compose(person),
			...(input.attachment ? { attachments: [input.attachment] } : {})
		});
	}
	return seen.size;
}

/**
 * Invitations and changes of a meeting as notifications: one in-app entry per person and meeting
 * version (the calendar SEQUENCE), a mail to those who want it now. Returns how many were newly told
 * (a second press of "send invitations" for the same version tells nobody again).
 */
export async function notifyEach(input: {
	mailer: Mailer;
	/** The acting person's transaction (RLS-scoped). */
	run: RunInTransaction;
	people: BoardPerson[];
	board: { id: string; slug: string; name: string };
	meeting: MeetingRow;
	kind: 'meeting-invitation' | 'meeting-changed' | 'meeting-cancelled';
	compose: (person: BoardPerson) => MailContent;
	/** The same file for everyone, or one per person (a calendar entry with the agenda that person may see). */
	attachment?: MailAttachment | ((person: BoardPerson) => MailAttachment);
}): Promise<number> {
	const { attachment } = input;
	const recipients = [...new Map(input.people.map((person) => [person.userId, person])).values()];
	const { told } = await createNotifier({ mailer: input.mailer, run: input.run }).notify({
		kind: input.kind,
		boardId: input.board.id,
		event: `${input.meeting.id}:${input.meeting.sequence}`,
		path: `/b/${input.board.slug}/meetings/${input.meeting.id}`,
		params: { board: input.board.name, subject: input.meeting.title },
		recipients,
		mail: (person) => ({
			...input.compose(person),
			...(attachment ? { attachments: [typeof attachment === 'function' ? attachment(person) : attachment] } : {})
		})
	});
	return told;
}
