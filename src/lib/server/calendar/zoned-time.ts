import { TIME_ZONE } from '$lib/format';

/**
 * Wall-clock parts of an instant in Europe/Berlin, shaped like a Temporal.ZonedDateTime as far as
 * ical-generator looks at one. A native Date with a TZID would be printed in the server's own zone
 * (ical-generator reads getHours()), which is only right on a machine set to Berlin time.
 */
export function berlinTime(instant: Date) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: TIME_ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(instant)
			.map((part) => [part.type, Number(part.value)])
	) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
	const fields = { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
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
const wallClock = (instant: number) => {
	const { year, month, day, hour, minute, second } = berlinTime(new Date(instant));
	return [year, month, day, hour, minute, second].join('-');
};

/**
 * Whether the instant is the second pass through a wall time that autumn's switch repeats (Berlin:
 * 02:00–02:59 on the last Sunday of October, winter time). RFC 5545 reads such a local time with
 * TZID as its first occurrence, so only UTC describes this instant unambiguously.
 */
export function isRepeatedWallTime(instant: Date): boolean {
	return wallClock(instant.getTime() - HOUR) === wallClock(instant.getTime());
}
