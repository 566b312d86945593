import { z } from 'zod';
import { uuidSchema } from '../common.schema';
import { VOTE_CHOICES } from './vote.repository';

// The forms of votes on people's devices in a meeting (#19). Field errors are translated by the route glue.

/** Open a vote on a decision item: named (default) or secret. */
export const openDeviceVoteSchema = z.object({
	itemId: uuidSchema,
	secret: z
		.string()
		.optional()
		.transform((value) => value === 'on' || value === 'true' || value === 'secret')
});
export type OpenDeviceVoteInput = z.infer<typeof openDeviceVoteSchema>;

/** One's own ballot. */
export const castDeviceVoteSchema = z.object({ voteId: uuidSchema, choice: z.enum(VOTE_CHOICES) });
export type CastDeviceVoteInput = z.infer<typeof castDeviceVoteSchema>;

/** Close the running vote. */
export const closeDeviceVoteSchema = z.object({ voteId: uuidSchema });
export type CloseDeviceVoteInput = z.infer<typeof closeDeviceVoteSchema>;
