import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { TIME_ZONE } from '$lib/format';
import { BERLIN_VTIMEZONE } from './berlin-timezone';
import { berlinTime, isRepeatedWallTime } from './berlin-local';
import type { MeetingFields } from '../meetings/meeting.repository';

/** What a calendar entry needs of a meeting. */
export interface IcsMeeting extends MeetingFields {
	id: string;
	status: string;
	sequence: number;
	updatedAt: Date;
	/** Absolute link to the meeting page. */
	link: string;
	/** The agenda as the reader may see it, with its real numbers and times (plain text lines). */
	agenda?: string;
}

/** The host part of stable UIDs (`<meeting id>@<host>`): calendars match updates by UID. */
export function uidHost(origin: string): string {
	return new URL(origin).hostname;
}

function place(meeting: IcsMeeting): string | null {
	return meeting.location ?? meeting.onlineUrl ?? null;
}

function descriptionOf(meeting: IcsMeeting): string {
	return [
		meeting.description,
		meeting.agenda ?? '',
		meeting.onlineUrl ? `Online: ${meeting.onlineUrl}` : '',
		meeting.link
	]
		.filter(Boolean)
		.join('\n\n');
}

/**
 * An RFC 5545 calendar. `method` PUBLISH for feeds and downloads, REQUEST for invitations, CANCEL when
 * a single cancelled meeting is mailed; cancelled meetings always carry STATUS:CANCELLED.
 */
export function buildCalendar(input: {
	/** Calendar name shown by clients subscribing to a feed. */
	name: string;
	meetings: IcsMeeting[];
	/** App origin, for UIDs. */
	origin: string;
	method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
}): string {
	const method = input.method ?? 'PUBLISH';
	const calendar = ical({
		name: input.name,
		prodId: { company: 'Beirat', product: 'Beirat', language: 'DE' },
		method: ICalCalendarMethod[method]
	});
	const host = uidHost(input.origin);
	for (const meeting of input.meetings) {
		// Berlin wall-clock time, except around autumn's repeated hour, where only UTC is unambiguous.
		const inUtc = isRepeatedWallTime(meeting.startsAt) || isRepeatedWallTime(meeting.endsAt);
		calendar.createEvent({
			id: `${meeting.id}@${host}`,
			start: inUtc ? meeting.startsAt : (berlinTime(meeting.startsAt) as never),
			end: inUtc ? meeting.endsAt : (berlinTime(meeting.endsAt) as never),
			timezone: inUtc ? null : TIME_ZONE,
			stamp: meeting.updatedAt,
			lastModified: meeting.updatedAt,
			summary: meeting.title,
			description: descriptionOf(meeting),
			location: place(meeting),
			url: meeting.link,
			sequence: meeting.sequence,
			status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return withTimezone(calendar.toString());
}

/**
 * The VTIMEZONE goes in by hand: ical-generator's calendar-level time zone would also print DTSTAMP
 * and LAST-MODIFIED in server-local time without the UTC marker RFC 5545 requires for them.
 */
function withTimezone(ics: string): string {
	const at = ics.search(/BEGIN:VEVENT|END:VCALENDAR/);
	return `${ics.slice(0, at)}${BERLIN_VTIMEZONE}\r\n${ics.slice(at)}`;
}
