import { z } from 'zod';
import { calendarDateSchema, uuidSchema } from '../common.schema';

/** Sending the minutes for review until a day. */
export const reviewSchema = z.object({ reviewUntil: calendarDateSchema });
export const minutesIdSchema = z.object({ minutesId: uuidSchema });
/** The confirmation checkbox "approve without decision text" (sent only when ticked). */
const withoutDecisionText = z
	.literal('on')
	.optional()
	.transform((value) => value === 'on');
/** The confirmation checkbox "approve although comment threads are open" (sent only when ticked). */
const withOpenThreads = z
	.literal('on')
	.optional()
	.transform((value) => value === 'on');
export const approveSchema = z.object({ minutesId: uuidSchema, withoutDecisionText, withOpenThreads });
export const approvalItemSchema = z.object({
	minutesId: uuidSchema,
	itemId: uuidSchema,
	withoutDecisionText,
	withOpenThreads
});
