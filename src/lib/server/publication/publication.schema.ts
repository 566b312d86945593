import { z } from 'zod';
import { formTokenField } from '../common.schema';

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
