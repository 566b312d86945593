import { z } from 'zod';
import { uuidSchema } from '../common.schema';

// Forms of meeting mode. Messages come from the shared validation texts (de/en) through parseForm.

export const itemFormSchema = z.object({
	/** Empty: no item (a break). */
	itemId: z.union([uuidSchema, z.literal('').transform(() => null)])
});

export const checkinFormSchema = z.object({
	mode: z.enum(['room', 'online', 'left']),
	/** Empty: the person asking; another person only for the office. */
	userId: z.union([uuidSchema, z.literal('').transform(() => undefined)]).optional()
});

export const turnFormSchema = z.object({
	speakerId: uuidSchema,
	step: z.enum(['withdraw', 'start', 'end', 'up', 'down'])
});

export const speakerFormSchema = z.object({ userId: uuidSchema });

export const speakingTimeFormSchema = z.object({
	seconds: z.coerce.number().int().min(0).max(3600)
});
