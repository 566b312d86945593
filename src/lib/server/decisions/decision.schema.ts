import { z } from 'zod';
import { DECISION_KINDS, DECISION_STATUSES } from '$lib/types/decision.types';
import { calendarDateSchema, formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((v) => v || undefined);
const optionalCount = z
	.string()
	.trim()
	.regex(/^\d{0,4}$/)
	.optional()
	.transform((v) => (v ? Number(v) : undefined));
// A day that exists: 2026-02-31 is refused here, in the person's language, not by Postgres.
const date = calendarDateSchema
	.optional()
	.or(z.literal(''))
	.transform((v) => v || undefined);

/** A schema's output with every key that may be undefined made optional (services are also called from code). */
type Loose<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
	[K in keyof T as undefined extends T[K] ? K : never]?: T[K];
};

export const recordSchema = z.object({
	title: z.string().trim().min(1).max(300),
	resolution: z.string().trim().min(1).max(20000),
	kind: z.enum(DECISION_KINDS),
	status: z.enum(['adopted', 'rejected', 'deferred', 'withdrawn']),
	yes: optionalCount,
	no: optionalCount,
	abstain: optionalCount,
	outcome: z.enum(['counted', 'unanimous', 'consensus']).default('counted'),
	meetingId: uuidSchema
		.optional()
		.or(z.literal(''))
		.transform((v) => v || undefined),
	responsible: optionalText(300),
	dueDate: date,
	isPublic: z
		.enum(['true', 'false'])
		.default('false')
		.transform((v) => v === 'true'),
	supersedes: z
		.string()
		.regex(/^\d{4}\/\d{2,}$/)
		.optional()
		.or(z.literal(''))
		.transform((v) => v || undefined),
	...formTokenField
});
export type RecordInput = Loose<Omit<z.infer<typeof recordSchema>, 'formToken'>> & FormTokenInput;

export const statusSchema = z.object({
	status: z.enum(DECISION_STATUSES).exclude(['superseded']),
	responsible: optionalText(300),
	dueDate: date
});
export type StatusInput = Loose<z.infer<typeof statusSchema>>;

export const amendSchema = z.object({
	title: z.string().trim().min(1).max(300),
	resolution: z.string().trim().min(1).max(20000)
});
export type AmendInput = z.infer<typeof amendSchema>;

export const filterSchema = z.object({
	status: z.enum(DECISION_STATUSES).optional().catch(undefined),
	year: z.coerce.number().int().min(2000).max(2999).optional().catch(undefined),
	meetingId: uuidSchema.optional().catch(undefined),
	responsible: z
		.string()
		.trim()
		.max(300)
		.optional()
		.catch(undefined)
		.transform((v) => v || undefined),
	q: z
		.string()
		.trim()
		.max(300)
		.optional()
		.catch(undefined)
		.transform((v) => v || undefined)
});

/** Filters from a URL's query string (unknown values are ignored, not refused). */
export function parseFilter(params: URLSearchParams) {
	return filterSchema.parse(Object.fromEntries(params));
}
