import { z } from 'zod';
import {
	ACCESS_LEVELS,
	MAX_TAG_LENGTH,
	MAX_TITLE_LENGTH,
	PAPER_SORTS,
	PAPER_STATUSES,
	VISIBILITIES
} from '$lib/types/paper.types';
import { formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';

// The papers' forms and the library's query. The limits themselves (title, tags) live in
// `$lib/types/paper.types`, where the forms in the browser read them too.

/** The tags field as typed (comma-separated), before it is split. */
export const TAGS_FIELD_MAX = 2000;

/** "a, b ,a" -> ["a", "b"]: tags are typed as one comma-separated field. */
export function parseTags(raw: string): string[] {
	const tags = raw
		.split(',')
		.map((tag) => tag.trim().replace(/\s+/g, ' '))
		.filter(Boolean);
	return [...new Set(tags)];
}

const title = z.string().trim().min(1).max(MAX_TITLE_LENGTH);
const tags = z.string().max(TAGS_FIELD_MAX).default('').transform(parseTags);

export const createPaperSchema = z.object({
	title,
	tags,
	visibility: z.enum(VISIBILITIES).default('board'),
	boardAccess: z.enum(ACCESS_LEVELS).default('edit')
});
export type CreatePaperInput = z.infer<typeof createPaperSchema> & FormTokenInput;
/** The library's create form: the fields and the form's one-time token. */
export const createPaperFormSchema = createPaperSchema.extend(formTokenField);

export const renameSchema = z.object({ paperId: uuidSchema, title, tags });
export const statusSchema = z.object({ paperId: uuidSchema, status: z.enum(PAPER_STATUSES) });
export const visibilitySchema = z.object({
	paperId: uuidSchema,
	visibility: z.enum(VISIBILITIES),
	boardAccess: z.enum(ACCESS_LEVELS)
});
export const grantSchema = z.object({ paperId: uuidSchema, userId: uuidSchema, access: z.enum(ACCESS_LEVELS) });
export const revokeSchema = z.object({ paperId: uuidSchema, userId: uuidSchema });
export const paperIdSchema = z.object({ paperId: uuidSchema });

/** The library's query string; anything unknown falls back to "no filter". */
export const libraryQuerySchema = z.object({
	status: z.enum(PAPER_STATUSES).optional().catch(undefined),
	tag: z
		.string()
		.trim()
		.max(MAX_TAG_LENGTH)
		.optional()
		.catch(undefined)
		.transform((v) => v || undefined),
	q: z
		.string()
		.trim()
		.max(MAX_TITLE_LENGTH)
		.optional()
		.catch(undefined)
		.transform((v) => v || undefined),
	sort: z.enum(PAPER_SORTS).catch('edited').default('edited')
});
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;
