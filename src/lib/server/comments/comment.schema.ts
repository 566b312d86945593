import { z } from 'zod';
import { formTokenField, isUuid, uuidSchema } from '../common.schema';

export const COMMENT_MAX = 5000;
/** Longest quote kept with a thread (the column's limit); a longer selection arrives cut to it. */
export const QUOTE_MAX = 1000;

const body = z.string().trim().min(1).max(COMMENT_MAX);
/** The mentioned people's ids, comma-separated; anything that is not an id is dropped. */
const mentions = z
	.string()
	.default('')
	.transform((value) =>
		value
			.split(',')
			.map((id) => id.trim())
			.filter(isUuid)
	);

export const createThreadSchema = z.object({
	body,
	from: z.coerce.number().int().min(1),
	to: z.coerce.number().int().min(1),
	quote: z.string().min(1).max(QUOTE_MAX),
	mentions,
	...formTokenField
});
/** A reply carries its form's one-time token too: the same reply sent twice is written once. */
export const replySchema = z.object({ threadId: uuidSchema, body, mentions, ...formTokenField });
export const editSchema = z.object({ commentId: uuidSchema, body, mentions });
export const resolveSchema = z.object({ threadId: uuidSchema });

/** The side panel's request for a paper's threads: the board's address and the paper id. */
export const panelQuerySchema = z.object({ board: z.string().min(1).max(100), id: uuidSchema });
