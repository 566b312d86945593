import { z } from 'zod';
import { formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';
import { berlinDateTime } from '../meetings/meeting.schema';
import { POLL_ANSWERS } from './poll.repository';

export const MIN_SLOTS = 2;
export const MAX_SLOTS = 20;

/** A poll form; slots and participants are repeated fields, so the route passes them as arrays. */
export const pollSchema = z.object({
	title: z.string().trim().min(1).max(200),
	durationMinutes: z.coerce.number().int().min(15).max(1440),
	deadline: berlinDateTime,
	anonymous: z
		.string()
		.optional()
		.transform((value) => value === 'on' || value === 'true'),
	meetingId: z
		.union([uuidSchema, z.literal('')])
		.default('')
		.transform((value) => value || null),
	// Empty slot fields are simply unused rows of the form.
	slots: z
		.array(z.string().trim().max(20))
		.max(60)
		.transform((values) => values.filter(Boolean))
		.pipe(z.array(berlinDateTime).min(MIN_SLOTS).max(MAX_SLOTS)),
	participants: z.array(uuidSchema).min(1).max(500),
	...formTokenField
});
export type PollInput = Omit<z.infer<typeof pollSchema>, 'formToken'> & FormTokenInput;

export const answerSchema = z
	.array(z.object({ slotId: uuidSchema, answer: z.enum(POLL_ANSWERS) }))
	.min(1)
	.max(MAX_SLOTS);
export type AnswersInput = z.infer<typeof answerSchema>;

/** The slot the office schedules the meeting on (one form per slot). */
export const slotIdSchema = uuidSchema;
