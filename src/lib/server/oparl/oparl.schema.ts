import { z } from 'zod';

// The query of an OParl request, checked at the edge: a bad value is a 400 naming the parameter, never
// something the database is asked about.

/** Most objects a list page holds, whatever the client asks for (spec: a client may not rely on its wish). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE = 1_000_000;

/**
 * A full date-time with its time zone (spec: filters take a complete `date-time`), as ISO 8601:
 * `2026-01-01T00:00:00+01:00`, `…Z`, fractions of seconds allowed.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const dateTime = z
	.string()
	// A client that did not URL-encode the offset's "+" sends a space.
	.transform((value) => value.trim().replace(/ (\d{2}:?\d{2})$/, '+$1'))
	.refine((value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)), {
		message: 'expected an ISO 8601 date-time with time zone, e.g. 2026-01-01T00:00:00+01:00'
	})
	.transform((value) => new Date(value));

const positive = (max: number) =>
	z
		.string()
		.regex(/^\d{1,9}$/, 'expected a positive whole number')
		.transform(Number)
		.refine((n) => n >= 1 && n <= max, { message: `expected a number from 1 to ${max}` });

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const listQuerySchema = z.object({
	page: positive(MAX_PAGE).optional(),
	// The spec's name; `limit` is accepted too, as several clients send it.
	elementsPerPage: positive(Number.MAX_SAFE_INTEGER).optional(),
	limit: positive(Number.MAX_SAFE_INTEGER).optional(),
	created_since: dateTime.optional(),
	created_until: dateTime.optional(),
	modified_since: dateTime.optional(),
	modified_until: dateTime.optional(),
	omit_internal: flag.optional()
});

export interface ListFilters {
	createdSince?: Date;
	createdUntil?: Date;
	modifiedSince?: Date;
	modifiedUntil?: Date;
}

export interface ListQuery {
	page: number;
	/** Capped at MAX_PAGE_SIZE. */
	pageSize: number;
	filters: ListFilters;
	/** Leave out objects that would be embedded (internal output) in list entries. */
	omitInternal: boolean;
}

export interface QueryProblem {
	parameter: string;
	message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: QueryProblem[] };

const KNOWN = Object.keys(listQuerySchema.shape);

/** Reads a list's query; a parameter given twice is a problem (which one would the client mean?). */
export function parseListQuery(params: URLSearchParams): Parsed<ListQuery> {
	const raw: Record<string, string> = {};
	const problems: QueryProblem[] = [];
	for (const key of KNOWN) {
		const values = params.getAll(key);
		if (values.length > 1) problems.push({ parameter: key, message: 'given more than once' });
		if (values.length > 0) raw[key] = values[0]!;
	}
	const result = listQuerySchema.safeParse(raw);
	if (!result.success)
		for (const issue of result.error.issues)
			problems.push({ parameter: String(issue.path[0] ?? 'query'), message: issue.message });
	if (problems.length > 0 || !result.success) return { ok: false, problems };
	const q = result.data;
	for (const [since, until, name] of [
		[q.created_since, q.created_until, 'created_until'],
		[q.modified_since, q.modified_until, 'modified_until']
	] as const)
		if (since && until && until < since) problems.push({ parameter: name, message: 'lies before its _since' });
	if (problems.length > 0) return { ok: false, problems };
	return {
		ok: true,
		value: {
			page: q.page ?? 1,
			pageSize: Math.min(q.elementsPerPage ?? q.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
			filters: {
				createdSince: q.created_since,
				createdUntil: q.created_until,
				modifiedSince: q.modified_since,
				modifiedUntil: q.modified_until
			},
			omitInternal: q.omit_internal ?? false
		}
	};
}

/** The query of a single object: only omit_internal means something there. */
export function parseObjectQuery(params: URLSearchParams): Parsed<{ omitInternal: boolean }> {
	const values = params.getAll('omit_internal');
	if (values.length > 1)
		return { ok: false, problems: [{ parameter: 'omit_internal', message: 'given more than once' }] };
	if (values.length === 0) return { ok: true, value: { omitInternal: false } };
	const result = flag.safeParse(values[0]);
	return result.success
		? { ok: true, value: { omitInternal: result.data } }
		: { ok: false, problems: [{ parameter: 'omit_internal', message: 'expected true or false' }] };
}

/**
 * Object ids are the rows' uuids (the body's is its configured key, checked by the caller). Any 8-4-4-4-12 hex
 * form: a consultation's id is derived from its pair (md5) and carries no RFC version.
 */
export const objectId = z.guid().transform((id) => id.toLowerCase());
