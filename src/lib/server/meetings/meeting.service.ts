import type { Locale } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import type { Mailer } from '../mail/port';
import { meetingCancelledMail, meetingChangedMail, type MeetingChange } from '../mail/meeting-templates';
import { allowed, type BoardContext } from '../boards/policy';
import { buildCalendar } from '../calendar/ics';
import * as repo from './meeting.repository';
import type { MeetingInput, SettingsInput } from './meeting.schema';
import type { FormTokenInput } from '../common.schema';
import { icsAttachment, mailMeeting, meetingLink, notifyEach } from './meeting-mail';
import { agendaFor, icsAgenda, plannedAgenda } from './meeting-agenda';
import { toBerlinLocal } from '../calendar/berlin-local';

export interface MeetingServiceDeps {
	db: ScopedDb;
	mailer: Mailer;
	origin: string;
	actor: { userId: string; displayName: string };
}

/** Statuses in which invitees hold the meeting in their calendars and hear about changes. */
const ANNOUNCED: readonly repo.MeetingStatus[] = ['invited'];

/** Whether this person runs the board's meetings (schedules, invites, builds agendas). */
export const isOffice = (board: BoardContext) => allowed(board, 'meetings.manage');

export function requireOffice(board: BoardContext): void {
	if (!isOffice(board)) throw forbidden();
}

/** The meeting or a clear 404 (also for meetings RLS hides, e.g. another guest's). */
export async function meetingOr404(
	tx: Tx,
	board: BoardContext,
	meetingId: string,
	forUpdate = false
): Promise<repo.MeetingRow> {
	const meeting = await repo.findMeeting(tx, { boardId: board.id, meetingId, forUpdate });
	if (!meeting) throw notFound();
	return meeting;
}

/** Everyone an announcement goes to: the board's active full members and the meeting's guests. */
export async function invitees(tx: Tx, board: BoardContext, meetingId: string): Promise<repo.BoardPerson[]> {
	return [
		...(await repo.listBoardPeople(tx, board.id)),
		...(await repo.listMeetingGuests(tx, { boardId: board.id, meetingId }))
	];
}

function checkTimes(input: { startsAt: Date; endsAt: Date }): void {
	if (input.endsAt <= input.startsAt) throw new ServiceError(400, 'meetings.error.endBeforeStart');
}

function changesBetween(before: repo.MeetingRow, after: MeetingInput): MeetingChange[] {
	const changes: MeetingChange[] = [];
	if (before.startsAt.getTime() !== after.startsAt.getTime())
		changes.push({ field: 'startsAt', old: before.startsAt, new: after.startsAt });
	if (before.endsAt.getTime() !== after.endsAt.getTime())
		changes.push({ field: 'endsAt', old: before.endsAt, new: after.endsAt });
	if ((before.location ?? null) !== after.location)
		changes.push({ field: 'location', old: before.location, new: after.location });
	if ((before.onlineUrl ?? null) !== after.onlineUrl)
		changes.push({ field: 'onlineUrl', old: before.onlineUrl, new: after.onlineUrl });
	return changes;
}

/** A meeting as the edit form shows it (Berlin wall-clock values). */
export function formValues(meeting: repo.MeetingRow): Record<string, string> {
	return {
		title: meeting.title,
		description: meeting.description,
		startsAt: toBerlinLocal(meeting.startsAt),
		endsAt: toBerlinLocal(meeting.endsAt),
		location: meeting.location ?? '',
		onlineUrl: meeting.onlineUrl ?? '',
		status: meeting.status
	};
}

export function createMeetingService(deps: MeetingServiceDeps) {
	const { db, mailer, origin } = deps;

	/** Tells invitees what changed (or that the meeting is cancelled), with a calendar update attached. */
	async function announceChange(
		board: BoardContext,
		meeting: repo.MeetingRow,
		changes: MeetingChange[],
		people: repo.BoardPerson[]
	) {
		const link = meetingLink(origin, board.slug, meeting.id);
		const cancelled = meeting.status === 'cancelled';
		// A new start moves every item's planned time: the calendar entry carries the agenda anew.
		const agenda = cancelled ? [] : await db.run((tx) => plannedAgenda(tx, meeting));
		await notifyEach({
			mailer,
			run: db.run,
			people,
			board,
			meeting,
			kind: cancelled ? 'meeting-cancelled' : 'meeting-changed',
			attachment: (person) =>
				icsAttachment({
					meeting,
					origin,
					link,
					boardName: board.name,
					agenda: icsAgenda(person.locale, agendaFor(agenda, person.role))
				}),
			compose: (person) => {
				const common = { locale: person.locale, boardName: board.name, meeting: mailMeeting(meeting, link) };
				return cancelled ? meetingCancelledMail(common) : meetingChangedMail({ ...common, changes });
			}
		});
	}

	return {
		async list(board: BoardContext) {
			// Kept while the database is unchanged; upcoming and past are split by the clock here, at every request.
			const meetings = await db.read(`meetings:${board.id}`, (tx) => repo.listMeetings(tx, board.id));
			const now = Date.now();
			return {
				upcoming: meetings.filter((m) => m.endsAt.getTime() >= now),
				past: meetings.filter((m) => m.endsAt.getTime() < now).reverse(),
				canManage: isOffice(board)
			};
		},

		async get(board: BoardContext, meetingId: string) {
			return db.run((tx) => meetingOr404(tx, board, meetingId));
		},

		/** A new meeting; the same form token again returns the meeting it created. */
		async create(board: BoardContext, input: MeetingInput & FormTokenInput): Promise<string> {
			requireOffice(board);
			checkTimes(input);
			return db.run((tx) => repo.insertMeeting(tx, { boardId: board.id, ...input }));
		},

		/** Saves an edit; invitees of an announced meeting hear about new times or places, and calendars get a new SEQUENCE. */
		async update(board: BoardContext, meetingId: string, input: MeetingInput) {
			requireOffice(board);
			checkTimes(input);
			const result = await db.run(async (tx) => {
				const before = await meetingOr404(tx, board, meetingId, true);
				const changes = changesBetween(before, input);
				const statusChanged = before.status !== input.status;
				const bump =
					changes.length > 0 || (statusChanged && (input.status === 'cancelled' || before.status === 'cancelled'));
				const after = await repo.updateMeeting(tx, { meetingId, ...input, bumpSequence: bump });
				const announced = ANNOUNCED.includes(before.status) && (changes.length > 0 || input.status === 'cancelled');
				return { after, changes, people: announced ? await invitees(tx, board, meetingId) : [] };
			});
			if (result.people.length > 0) await announceChange(board, result.after, result.changes, result.people);
			return { meeting: result.after, notified: result.people.length > 0 };
		},

		/** One meeting as iCalendar, for whoever may see it, with the agenda they may read (RLS). */
		async ics(board: BoardContext, meetingId: string, locale: Locale = 'de'): Promise<string> {
			const { meeting, agenda } = await db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				return { meeting, agenda: await plannedAgenda(tx, meeting) };
			});
			return buildCalendar({
				name: board.name,
				origin,
				method: meeting.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
				meetings: [{ ...meeting, link: meetingLink(origin, board.slug, meeting.id), agenda: icsAgenda(locale, agenda) }]
			});
		},

		async settings(board: BoardContext) {
			requireOffice(board);
			return db.run((tx) => repo.boardSettings(tx, board.id));
		},

		async saveSettings(board: BoardContext, input: SettingsInput) {
			requireOffice(board);
			const saved = await db.run((tx) => repo.saveBoardSettings(tx, { boardId: board.id, ...input }));
			if (!saved) throw forbidden();
		}
	};
}

export type MeetingService = ReturnType<typeof createMeetingService>;
