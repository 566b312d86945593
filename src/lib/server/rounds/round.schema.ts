import { z } from 'zod';
import { emailSchema, formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';
import { berlinDateTime } from '../meetings/meeting.schema';

/** Limits of a round's texts (the database checks the same). */
export const QUESTION_MAX = 1000;
export const SUMMARY_MAX = 20000;
/** How many contributors one form may invite. */
export const CONTRIBUTORS_MAX = 50;

/** Addresses typed one per line (or separated by commas, semicolons, spaces): each one checked, duplicates once. */
const addressList = z
	.string()
	.optional()
	.transform((value) => [
		...new Set(
			(value ?? '')
				.split(/[\s,;]+/)
				.map((part) => part.trim().toLowerCase())
				.filter(Boolean)
		)
	])
	.pipe(z.array(emailSchema).max(CONTRIBUTORS_MAX));

/** The "open a consultation round" form; `members` is a repeated field the route passes as an array. */
export const openRoundSchema = z.object({
	question: z.string().trim().min(1).max(QUESTION_MAX),
	endsAt: berlinDateTime,
	/** Board members asked (user ids). */
	members: z.array(uuidSchema).max(500).default([]),
	/** Contributors invited by e-mail for this paper only. */
	contributors: addressList,
	...formTokenField
});
export type OpenRoundInput = Omit<z.infer<typeof openRoundSchema>, 'formToken'> & FormTokenInput;

/** Closing a round: the summary the board reads before it decides. */
export const closeRoundSchema = z.object({ summary: z.string().trim().min(1).max(SUMMARY_MAX) });

/** Attaching the summary (PDF) to an agenda item of a meeting. */
export const attachSummarySchema = z.object({ agendaItemId: uuidSchema, ...formTokenField });

/** The summary as a file. */
export const summaryFormatSchema = z.enum(['pdf', 'docx']);
export type SummaryFormat = z.infer<typeof summaryFormatSchema>;

/** The round page's filters (from the address). */
export const roundFilterSchema = z.object({
	kind: z.enum(['all', 'comment', 'suggestion']).catch('all'),
	state: z.enum(['all', 'open', 'accepted', 'rejected', 'answered']).catch('all'),
	person: z.union([uuidSchema, z.literal('')]).catch('')
});
export type RoundFilter = z.infer<typeof roundFilterSchema>;
