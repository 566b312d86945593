import { ServiceError } from '../errors';

// Postgres refuses some values a request brings along: text that is no uuid or number, a day that
// does not exist, a NUL byte, an id of a row that does not exist. Those are the request's fault, not
// the app's, so the request wrapper (scoped.ts) answers them as refusals in the person's language
// instead of a 500 with a stack trace. Routes still check what they can at the edge (common.schema.ts);
// this is the one place that catches what they cannot know.

/** Whether a foreign-key error comes from deleting a row others still point to (not from a missing target). */
function isDeleteOfReferenced(error: { message?: unknown }): boolean {
	// Postgres words the two cases differently; lc_messages is English on Supabase and in our images.
	return typeof error.message === 'string' && error.message.startsWith('update or delete on table');
}

/** The refusal for a database error caused by the request's values, or null for anything else. */
export function refusalForDatabaseError(error: unknown): ServiceError | null {
	if (typeof error !== 'object' || error === null || error instanceof ServiceError) return null;
	// postgres.js turns a parameter of type date/timestamptz into a Date before sending it: a value no
	// Date can hold fails there (toISOString), before Postgres could say 22008.
	if (error instanceof RangeError && error.message === 'Invalid time value')
		return new ServiceError(400, 'error.invalidDate');
	switch ((error as { code?: unknown }).code) {
		// invalid_text_representation ('abc' as a uuid or integer), numeric_value_out_of_range,
		// string_data_right_truncation, invalid_parameter_value (also what our SQL functions raise for
		// an argument they refuse; services that want a sharper message catch it inside db.run)
		case '22P02':
		case '22003':
		case '22001':
		case '22023':
			return new ServiceError(400, 'error.invalidValue');
		// invalid_datetime_format, datetime_field_overflow (2026-02-31, 9999-99-99)
		case '22007':
		case '22008':
			return new ServiceError(400, 'error.invalidDate');
		// character_not_in_repertoire: a NUL byte, which Postgres text cannot hold
		case '22021':
			return new ServiceError(400, 'error.invalidCharacters');
		// foreign_key_violation
		case '23503':
			return isDeleteOfReferenced(error)
				? new ServiceError(409, 'error.stillReferenced')
				: new ServiceError(400, 'error.unknownReference');
		default:
			return null;
	}
}

/**
 * Rethrows a database error caused by the request's values as its refusal; anything else unchanged.
 * The refusal is logged in one line (no stack: it is not the app's failure), so that a query of ours
 * that sends a malformed value still shows up in the log with Postgres' own words.
 */
export function rethrowAsRefusal(error: unknown): never {
	const refusal = refusalForDatabaseError(error);
	if (!refusal) throw error;
	const { code, message } = error as { code?: unknown; message?: unknown };
	console.warn(`Refused a request value the database rejected (${String(code ?? 'driver')}): ${String(message)}`);
	throw refusal;
}
