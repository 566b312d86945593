import { z } from 'zod';
import { calendarDateSchema, uuidSchema } from '../common.schema';
import { AUDIT_KINDS, type AuditFilter } from '$lib/types/audit.types';

const empty = (v: string | undefined) => v || undefined;
// A day that does not exist (9999-99-99) is dropped like any other invalid filter, never sent to the database.
const day = calendarDateSchema.optional().or(z.literal('')).transform(empty);
const uuid = uuidSchema.optional().or(z.literal('')).transform(empty);

const filterSchema = z.object({
	kind: z
		.enum(AUDIT_KINDS)
		.optional()
		.or(z.literal(''))
		.transform((v) => v || undefined),
	person: z
		.union([z.literal('system'), uuidSchema])
		.optional()
		.or(z.literal(''))
		.transform(empty),
	from: day,
	to: day,
	q: z.string().trim().max(200).optional().transform(empty),
	board: uuid,
	before: z
		.string()
		.regex(/^\d{1,18}$/)
		.optional()
		.or(z.literal(''))
		.transform((v) => (v ? Number(v) : undefined))
});

/**
 * The filter from a GET form's query. Invalid values are dropped one by one (a bookmarked address
 * with a bad date still shows the log) rather than failing the page.
 */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
	const filter: AuditFilter = {};
	const shape = filterSchema.shape;
	const pick = <K extends keyof typeof shape>(key: K) => {
		const result = shape[key].safeParse(params.get(key) ?? undefined);
		return result.success ? result.data : undefined;
	};
	const values = {
		kind: pick('kind'),
		person: pick('person'),
		from: pick('from'),
		to: pick('to'),
		q: pick('q'),
		boardId: pick('board'),
		before: pick('before')
	};
	for (const [key, value] of Object.entries(values))
		if (value !== undefined) (filter as Record<string, unknown>)[key] = value;
	return filter;
}

/** The filter as query parameters again (for the CSV link and "older entries"), without the cursor. */
export function filterQuery(filter: AuditFilter): string {
	const params = new URLSearchParams();
	if (filter.kind) params.set('kind', filter.kind);
	if (filter.person) params.set('person', filter.person);
	if (filter.from) params.set('from', filter.from);
	if (filter.to) params.set('to', filter.to);
	if (filter.q) params.set('q', filter.q);
	if (filter.boardId) params.set('board', filter.boardId);
	return params.toString();
}
