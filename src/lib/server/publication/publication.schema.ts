import { z } from 'zod';
import { calendarDateSchema, formTokenField } from '../common.schema';

/** An on/off switch posted by a form: exactly "true" or "false". */
const onOff = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The board's public switch, a decision's publication and the profile's listing. */
export const switchSchema = z.object({ on: onOff });
export type SwitchInput = z.infer<typeof switchSchema>;

/** Publishing a paper freezes a version: the form's one-time token makes a repeat publish the same one. */
export const paperPublicationSchema = z.object({ on: onOff, ...formTokenField });

/** The profile's "list me publicly" checkbox: sent as "true" when ticked, absent otherwise. */
export const listingSchema = z
	.object({ on: z.literal('true').optional() })
	.transform((v) => ({ listed: v.on === 'true' }));

/** An optional day from a date field: empty is none. */
const optionalDay = z
	.string()
	.trim()
	.transform((v) => v || null)
	.pipe(calendarDateSchema.nullable());

/**
 * The board's term: a name with its first and last day, or all three empty to clear it. A named term needs its
 * start (OParl LegislativeTerm); the end may stay open.
 */
export const termSchema = z
	.object({ name: z.string().trim().max(200), startsOn: optionalDay, endsOn: optionalDay })
	.transform((v) => ({ ...v, name: v.name || null }))
	.superRefine((v, ctx) => {
		if (!v.name && (v.startsOn || v.endsOn))
			ctx.addIssue({ code: 'too_small', minimum: 1, origin: 'string', inclusive: true, path: ['name'], input: '' });
		if (v.name && !v.startsOn)
			ctx.addIssue({ code: 'too_small', minimum: 1, origin: 'string', inclusive: true, path: ['startsOn'], input: '' });
		if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
			ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'before start', input: v.endsOn });
	});
export type TermInput = z.infer<typeof termSchema>;
