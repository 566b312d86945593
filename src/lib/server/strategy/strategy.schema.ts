import { z } from 'zod';
import { MEASURE_STATUSES, OWNER_KINDS } from '$lib/types/strategy.types';
import { calendarDateSchema, formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';
import { parseNumber } from './indicator-csv';

// The strategy map's forms (#16). Empty optional fields become null; numbers are written as people write
// them (84.512 or 84512,5 in German, 6.4 in English: a comma is the decimal separator only when there is one).

const text = (max: number) => z.string().trim().max(max).default('');
const day = calendarDateSchema
	.optional()
	.or(z.literal(''))
	.transform((v) => v || null);
const number = z
	.string()
	.trim()
	.max(40)
	.optional()
	.refine((v) => !v || formNumber(v) !== null)
	.transform((v) => (v ? formNumber(v) : null));

/** A number from a form field: "84.512,5" and "84512.5" both read as 84512.5. */
export function formNumber(value: string): number | null {
	return value.includes(',') ? parseNumber(value, ';') : (parseNumber(value, ',') ?? parseNumber(value, ';'));
}

export const fieldSchema = z.object({
	title: z.string().trim().min(1).max(200),
	description: text(5000),
	...formTokenField
});
/** A form's fields without its token: services are also called from code (seed, tests) without one. */
type Form<S extends z.ZodType> = Omit<z.infer<S>, 'formToken'> & FormTokenInput;

export type FieldForm = Form<typeof fieldSchema>;

export const fieldUpdateSchema = z.object({
	title: z.string().trim().min(1).max(200),
	description: text(5000),
	isPublic: z
		.enum(['true', 'false'])
		.default('false')
		.transform((v) => v === 'true')
});
export type FieldUpdate = z.infer<typeof fieldUpdateSchema>;

export const goalSchema = z.object({
	fieldId: uuidSchema,
	title: z.string().trim().min(1).max(300),
	description: text(5000),
	...formTokenField
});
export type GoalForm = Form<typeof goalSchema>;

const measureShape = {
	title: z.string().trim().min(1).max(300),
	description: text(5000),
	/** A member's user id, "office", or "organisation" with `ownerText`. */
	owner: z.union([z.literal('office'), z.literal('organisation'), uuidSchema]),
	ownerText: text(200),
	status: z.enum(MEASURE_STATUSES).default('planned'),
	startsOn: day,
	endsOn: day,
	budgetNote: text(1000)
};

const measureRefine = <T extends { owner: string; ownerText: string; startsOn: string | null; endsOn: string | null }>(
	schema: z.ZodType<T>
) =>
	schema
		.refine((m) => m.owner !== 'organisation' || m.ownerText.length > 0, { path: ['ownerText'] })
		.refine((m) => !m.startsOn || !m.endsOn || m.endsOn >= m.startsOn, { path: ['endsOn'] });

export const measureSchema = measureRefine(z.object({ goalId: uuidSchema, ...measureShape, ...formTokenField }));
export type MeasureForm = Form<typeof measureSchema>;
export const measureUpdateSchema = measureRefine(z.object(measureShape));
export type MeasureUpdate = z.infer<typeof measureUpdateSchema>;

/** Owner kind and id from the form's one owner choice. */
export function ownerOf(owner: string): { ownerKind: (typeof OWNER_KINDS)[number]; ownerId: string | null } {
	if (owner === 'office' || owner === 'organisation') return { ownerKind: owner, ownerId: null };
	return { ownerKind: 'member', ownerId: owner };
}

const indicatorShape = {
	name: z.string().trim().min(1).max(200),
	unit: z.string().trim().min(1).max(40),
	source: text(300),
	baseline: number,
	baselineOn: day,
	target: number,
	targetOn: day
};
export const indicatorSchema = z.object({ goalId: uuidSchema, ...indicatorShape, ...formTokenField });
export type IndicatorForm = Form<typeof indicatorSchema>;
export const indicatorUpdateSchema = z.object(indicatorShape);
export type IndicatorUpdate = z.infer<typeof indicatorUpdateSchema>;

export const valueSchema = z.object({
	observedOn: calendarDateSchema,
	value: z
		.string()
		.trim()
		.min(1)
		.max(40)
		.refine((v) => formNumber(v) !== null)
		.transform((v) => formNumber(v)!)
});

/** The CSV text of an import (the file's bytes are read into it by the route). */
export const CSV_MAX_CHARS = 200_000;

export const linkSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('decision'), key: z.string().regex(/^\d{4}\/\d{2,}$/) }),
	z.object({ kind: z.literal('task'), key: uuidSchema }),
	z.object({ kind: z.literal('paper'), key: uuidSchema })
]);
export type LinkInput = z.infer<typeof linkSchema>;

export const commentSchema = z.object({ body: z.string().trim().min(1).max(5000), ...formTokenField });

export const removeSchema = z.object({ confirm: z.literal('yes') });

export const goalUpdateSchema = z.object({
	goalId: uuidSchema,
	title: z.string().trim().min(1).max(300),
	description: text(5000)
});
export type GoalUpdate = z.infer<typeof goalUpdateSchema>;
export const goalRemoveSchema = z.object({ goalId: uuidSchema, confirm: z.literal('yes') });

/**
 * The strategy part of the decision form: nothing, a status for an existing measure, or a new measure
 * under a goal, started (running) by the decision.
 */
export const decisionMeasureSchema = z.object({
	measureAction: z.enum(['none', 'update', 'create']).default('none'),
	measureId: uuidSchema
		.optional()
		.or(z.literal(''))
		.transform((v) => v || undefined),
	measureStatus: z
		.enum(MEASURE_STATUSES)
		.optional()
		.or(z.literal(''))
		.transform((v) => v || undefined),
	measureGoalId: uuidSchema
		.optional()
		.or(z.literal(''))
		.transform((v) => v || undefined),
	measureTitle: z
		.string()
		.trim()
		.max(300)
		.optional()
		.transform((v) => v || undefined)
});
export type DecisionMeasureInput = Pick<z.infer<typeof decisionMeasureSchema>, 'measureAction'> &
	Partial<Omit<z.infer<typeof decisionMeasureSchema>, 'measureAction'>>;
