import { z } from 'zod';
import { formTokenField } from '../common.schema';

export const BOARD_NAME_MAX = 200;

/** A board's name and its address part (`/b/<slug>`). */
export const boardSchema = z.object({
	name: z.string().trim().min(1).max(BOARD_NAME_MAX),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
});
export type BoardInput = z.infer<typeof boardSchema>;

/** The administration's board form: the fields and the form's one-time token. */
export const boardFormSchema = boardSchema.extend(formTokenField);
