import { z } from 'zod';

/** One decided suggestion as the editor saw it (id, kind, author, text, section). */
const decided = z.object({
	id: z.string().min(1).max(200),
	kind: z.enum(['insert', 'delete']),
	authorId: z.string().uuid().nullable().catch(null),
	authorName: z.string().max(200).nullable().catch(null),
	text: z.string().transform((text) => text.slice(0, 2000)),
	section: z
		.string()
		.nullable()
		.transform((section) => section?.slice(0, 500) ?? null)
});

/** What the editor sends after accepting or rejecting: the decision and the suggestions it touched. */
export const suggestionDecisionSchema = z.object({
	decision: z.enum(['accept', 'reject']),
	suggestions: z.array(decided).min(1).max(500)
});
export type SuggestionDecisionInput = z.infer<typeof suggestionDecisionSchema>;

/** The form the editor posts: the decision as JSON in one field (it lists many suggestions at once). */
export const suggestionDecisionFormSchema = z.object({
	payload: z
		.string()
		.max(1_000_000)
		.transform((text, ctx) => {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				ctx.addIssue({ code: 'custom', message: 'invalid' });
				return z.NEVER;
			}
		})
		.pipe(suggestionDecisionSchema)
});
