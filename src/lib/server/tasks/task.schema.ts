import { z } from 'zod';
import { calendarDateSchema, formTokenField, uuidSchema } from '../common.schema';
import { TASK_STATUSES } from './task.repository';

const emptyToUndefined = (v: string | undefined) => v || undefined;

export const createTaskSchema = z.object({
	title: z.string().trim().min(1).max(300),
	/** A member's user id, or "office". */
	owner: z.union([z.literal('office'), uuidSchema]),
	// A day that exists: postgres.js would roll 2026-02-31 over to 3 March, PGlite would refuse it.
	dueDate: calendarDateSchema.optional().or(z.literal('')).transform(emptyToUndefined),
	notes: z.string().trim().max(5000).default(''),
	decisionNumber: z
		.string()
		.regex(/^\d{4}\/\d{2,}$/)
		.optional()
		.or(z.literal(''))
		.transform(emptyToUndefined),
	agendaItemId: uuidSchema.optional().or(z.literal('')).transform(emptyToUndefined),
	...formTokenField
});
export interface CreateTaskInput {
	title: string;
	owner: string;
	notes: string;
	dueDate?: string;
	decisionNumber?: string;
	agendaItemId?: string;
	/** The create form's one-time token: the same token again returns the task it created. */
	formToken?: string;
}

export const progressSchema = z.object({
	taskId: uuidSchema,
	status: z.enum(TASK_STATUSES),
	notes: z.string().trim().max(5000).default('')
});
export type ProgressInput = z.infer<typeof progressSchema>;

/** Removing an action item (its own form on the tasks page). */
export const removeSchema = z.object({ taskId: uuidSchema });
