import { z } from 'zod';
import { CURRENT_TEXT } from '$lib/types/version.types';
import { formTokenField, uuidSchema } from '../common.schema';

export const VERSION_NAME_MAX = 200;

/** The versions form: a name and the form's one-time token (the same form sent twice makes one version). */
export const namedVersionSchema = z.object({ name: z.string().trim().min(1).max(VERSION_NAME_MAX), ...formTokenField });
export const versionIdSchema = z.object({ versionId: uuidSchema });
const compareSide = z.union([z.literal(CURRENT_TEXT), uuidSchema]);
/** Two sides to compare, at least one of them a saved version. */
export const compareSchema = z
	.object({ a: compareSide, b: compareSide, suggestions: z.enum(['agreed', 'marked']).catch('agreed') })
	.refine(({ a, b }) => a !== CURRENT_TEXT || b !== CURRENT_TEXT);
