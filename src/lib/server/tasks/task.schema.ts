import { z } from 'zod';
import { TASK_STATUSES } from './task.repository';

const emptyToUndefined = (v: string | undefined) => v || undefined;

export const createTaskSchema = z.object({
	title: z.string().trim().min(1).max(300),
	/** A member's user id, or "office". */
	owner: z.union([z.literal('office'), z.string().uuid()]),
	dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal('')).transform(emptyToUndefined),
	notes: z.string().trim().max(5000).default(''),
	decisionNumber: z.string().regex(/^\d{4}\/\d{2,}$/).optional().or(z.literal('')).transform(emptyToUndefined),
	agendaItemId: z.string().uuid().optional().or(z.literal('')).transform(emptyToUndefined)
});
export interface CreateTaskInput {
	title: string;
	owner: string;
	notes: string;
	dueDate?: string;
	decisionNumber?: string;
	agendaItemId?: string;
}

export const progressSchema = z.object({
	taskId: z.string().uuid(),
	status: z.enum(TASK_STATUSES),
	notes: z.string().trim().max(5000).default('')
});
export type ProgressInput = z.infer<typeof progressSchema>;
