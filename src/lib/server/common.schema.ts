import { z } from 'zod';

// Values from addresses and forms that end up as typed SQL parameters. Checked here, at the edge, they
// answer "not found" or "invalid" in the person's language; unchecked they reach Postgres, which refuses
// them with an error (22P02, 22008) the request would otherwise report as a 500.

/** An id as Postgres' `uuid` type reads it (any version: ids come from gen_random_uuid() and Supabase Auth). */
export const uuidSchema = z.guid();

export const isUuid = (value: unknown): value is string => uuidSchema.safeParse(value).success;

/** A calendar day `YYYY-MM-DD` that exists (no 2026-02-31) in the range Postgres' `date` accepts as typed. */
export function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const calendarDateSchema = z.string().refine(isCalendarDate);

/** The longest address a mail system takes (RFC 5321: 64 + @ + 255). */
export const EMAIL_MAX = 320;

/** An email address as forms send it: trimmed and lower-cased, so one person is one address. */
export const emailSchema = z.string().trim().toLowerCase().max(EMAIL_MAX).email();

/**
 * The one-time token of a rendered create form (see `newFormToken`): stored with the row it creates under
 * a unique index, so submitting the same form twice gives the first row back instead of a twin.
 */
export const formTokenField = { formToken: uuidSchema };

/** A service input's form token: absent when code (seed, jobs, tests) creates the row. */
export interface FormTokenInput {
	formToken?: string;
}
