import { TIME_ZONE } from '$lib/format';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function offsetMinutes(instant: number): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: TIME_ZONE,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit'
		})
			.formatToParts(new Date(instant))
			.map((part) => [part.type, Number(part.value)])
	);
	const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
	return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * A `datetime-local` value ("2026-12-10T16:00") read as Berlin wall-clock time; null when malformed.
 * The offset is looked up twice because the first guess may sit on the other side of a DST switch.
 */
export function fromBerlinLocal(value: string): Date | null {
	const match = LOCAL.exec(value.trim());
	if (!match) return null;
	const [, y, mo, d, h, mi] = match.map(Number) as number[];
	const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
	if (new Date(wall).getUTCDate() !== d || h! > 23 || mi! > 59) return null;
	let instant = wall - offsetMinutes(wall) * 60_000;
	instant = wall - offsetMinutes(instant) * 60_000;
	return new Date(instant);
}

/** The `datetime-local` value of an instant in Berlin wall-clock time. */
export function toBerlinLocal(value: Date): string {
	const shifted = new Date(value.getTime() + offsetMinutes(value.getTime()) * 60_000);
	return shifted.toISOString().slice(0, 16);
}
