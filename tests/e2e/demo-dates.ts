// Dates of the demo data, which is seeded relative to its seeding day (supabase/seed.sql, src/lib/server/demo/):
// the past meeting was held 21 days before it, and its minutes are approved on it, which numbers their decision in
// that day's year. The suite seeds when its server starts, right after the runner set BEIRAT_E2E_CLOCK_ANCHOR
// (playwright.config.ts), so that moment stands for the seeding day, also when a run crosses midnight.

const seededAt = (): Date => new Date(Number(process.env.BEIRAT_E2E_CLOCK_ANCHOR) || Date.now());

function berlinYearMonthDay(at: Date): [number, number, number] {
	const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' })
		.format(at)
		.split('-')
		.map(Number);
	return [year!, month!, day!];
}

/** The year of the demo's decisions, e.g. `2026` (decision 2026/01 is the past meeting's). */
export function demoDecisionYear(): string {
	return String(berlinYearMonthDay(seededAt())[0]);
}

/** The day of the demo's past meeting as the German pages show it, e.g. `15.11.2026`. */
export function pastMeetingDate(): string {
	const [year, month, day] = berlinYearMonthDay(seededAt());
	const held = new Date(Date.UTC(year, month - 1, day - 21));
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(held.getUTCDate())}.${pad(held.getUTCMonth() + 1)}.${held.getUTCFullYear()}`;
}
