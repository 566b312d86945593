import type { Tx } from '../db/types';
import type { Mailer } from '../mail/port';
import { agendaChangedMail, type ChangeLine } from '../mail/agenda-templates';
import { claimPending, insertChange, listRecipients, type Recipient } from './agenda-change.repository';
import type { AgendaChangeAction, ItemSnapshot } from '$lib/types/agenda.types';
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
 * Records the changes of one action once the agenda is published (nothing before publication: nobody
 * has been told about the agenda yet). Nobody is told here: changes are collected and told in one
 * batch by `flushChanges` (after a quiet spell, or when the office sends them), so the result is null.
 */
export async function recordChanges(
	tx: Tx,
	meeting: AgendaMeeting,
	notes: ChangeNote[]
): Promise<PendingNotice | null> {
	if (!meeting.agendaPublishedAt || notes.length === 0) return null;
	for (const note of notes) await insertChange(tx, { meetingId: meeting.id, ...note });
	return null;
}

/** Several changes of one item in a batch read as one: its state before the first and after the last. */
export function collapse(changes: (ChangeNote & { id: string })[]): ChangeNote[] {
	const byItem = new Map<string, (ChangeNote & { id: string })[]>();
	for (const change of changes) byItem.set(change.itemId, [...(byItem.get(change.itemId) ?? []), change]);
	const notes: ChangeNote[] = [];
	for (const [itemId, list] of byItem) {
		const first = list[0]!;
		const last = list.at(-1)!;
		if (first.action === 'add' && last.action === 'delete') continue;
		const action =
			first.action === 'add'
				? 'add'
				: last.action === 'delete'
					? 'delete'
					: list.some((c) => c.action === 'edit')
						? 'edit'
						: last.action;
		// Moved away and back again: nothing to tell.
		if (action === 'move' && first.before?.number === last.after?.number) continue;
		notes.push({ itemId, action, before: first.before, after: last.after });
	}
	return notes;
}

/**
 * Tells the meeting's untold changes as one batch: one notification per person (guests: public items
 * only), recorded in the caller's transaction. Null when nothing was pending.
 */
export async function flushChanges(tx: Tx, meeting: AgendaMeeting): Promise<PendingNotice | null> {
	const changes = await claimPending(tx, meeting.id);
	if (changes.length === 0) return null;
	const notes = collapse(changes);
	const recipients = (await listRecipients(tx, { meetingId: meeting.id, boardId: meeting.boardId }))
		.map((person) => ({ ...person, notes: person.isGuest ? notes.filter(isPublicNote) : notes }))
		.filter((person) => person.notes.length > 0);
	const notice = {
		kind: 'agenda-changed' as const,
		boardId: meeting.boardId,
		// A change is claimed by one batch only: its first change names the batch, so a retry tells nobody twice.
		event: `batch:${changes[0]!.id}`,
		path: `/b/${meeting.boardSlug}/meetings/${meeting.id}/agenda`,
		params: { board: meeting.boardName, subject: meeting.title },
		recipients
	};
	return { meeting, notice, mailNow: (await recordNotice(tx, notice)).mailNow };
}

/** One mail per person for the whole batch, in their language, to those who chose mail at once. */
export async function sendNotice(input: {
	mailer: Mailer;
	origin: string;
	notice: PendingNotice | null;
}): Promise<void> {
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
