// Berlin wall-clock time, the one place that turns instants into Berlin dates and times and back:
// the forms' `datetime-local` values and the calendar's local times (the board meets in Berlin).
import { TIME_ZONE } from '$lib/format';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

/** The Berlin wall-clock parts of an instant (month 1–12, hour 0–23). */
function wallClockOf(instant: number): WallClock {
	const parts = Object.fromEntries(
		wallClockFormat.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)])
	);
	return {
		year: parts.year!,
		month: parts.month!,
		day: parts.day!,
		hour: parts.hour!,
		minute: parts.minute!,
		second: parts.second!
	};
}

function offsetMinutes(instant: number): number {
	const parts = wallClockOf(instant);
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
	return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

const DAY = 86_400_000;

/**
 * A `datetime-local` value ("2026-12-10T16:00") read as Berlin wall-clock time; null when malformed.
 * Across a DST switch it resolves as RFC 5545 (and so every calendar reading our .ics) does: a wall time
 * that occurs twice (autumn, 02:00–02:59) is its first occurrence, one that does not exist (spring,
 * 02:00–02:59) is read with the offset before the gap (02:30 becomes 03:30 summer time).
 */
export function fromBerlinLocal(value: string): Date | null {
	const match = LOCAL.exec(value.trim());
	if (!match) return null;
	const [, y, mo, d, h, mi] = match.map(Number) as number[];
	const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
	if (new Date(wall).getUTCDate() !== d || h! > 23 || mi! > 59) return null;
	// No switch lasts a day: the offsets a day before and after are the only ones this wall time can have.
	const before = offsetMinutes(wall - DAY);
	const after = offsetMinutes(wall + DAY);
	const fitting = [before, after]
		.map((offset) => wall - offset * 60_000)
		.filter((instant) => instant + offsetMinutes(instant) * 60_000 === wall);
	return new Date(fitting.length ? Math.min(...fitting) : wall - before * 60_000);
}

/** The `datetime-local` value of an instant in Berlin wall-clock time. */
export function toBerlinLocal(value: Date): string {
	const shifted = new Date(value.getTime() + offsetMinutes(value.getTime()) * 60_000);
	return shifted.toISOString().slice(0, 16);
}

/**
 * Wall-clock parts of an instant in Europe/Berlin, shaped like a Temporal.ZonedDateTime as far as
 * ical-generator looks at one. A native Date with a TZID would be printed in the server's own zone
 * (ical-generator reads getHours()), which is only right on a machine set to Berlin time.
 */
export function berlinTime(instant: Date) {
	const fields = wallClockOf(instant.getTime());
	const plain = {
		...fields,
		toPlainDate: () => ({ year: fields.year, month: fields.month, day: fields.day }),
		toZonedDateTime: () => zoned,
		toJSON: () => instant.toISOString(),
		toString: () => instant.toISOString()
	};
	const zoned = {
		...fields,
		timeZoneId: TIME_ZONE,
		toPlainDateTime: () => plain,
		withTimeZone: () => zoned,
		toInstant: () => ({ epochMilliseconds: instant.getTime(), toString: () => instant.toISOString() }),
		toJSON: () => instant.toISOString(),
		toString: () => instant.toISOString()
	};
	return zoned;
}

const HOUR = 3_600_000;
const sameWallClock = (a: WallClock, b: WallClock) =>
	(Object.keys(a) as (keyof WallClock)[]).every((key) => a[key] === b[key]);

/**
 * Whether the instant is the second pass through a wall time that autumn's switch repeats (Berlin:
 * 02:00–02:59 on the last Sunday of October, winter time). RFC 5545 reads such a local time with
 * TZID as its first occurrence, so only UTC describes this instant unambiguously.
 */
export function isRepeatedWallTime(instant: Date): boolean {
	return sameWallClock(wallClockOf(instant.getTime() - HOUR), wallClockOf(instant.getTime()));
}
