import { z } from 'zod';
import { fromBerlinLocal } from '../calendar/berlin-local';
import { AGENDA_ITEM_KINDS } from '$lib/types/agenda.types';
import { formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';

// The agenda's limits: the forms below and the service's own check (callers other than a form) use these.
export const ITEM_TITLE_MAX = 200;
export const ITEM_DESCRIPTION_MAX = 10000;
export const ITEM_PRESENTER_MAX = 200;
export const ITEM_MINUTES_MAX = 600;
export const REASON_MAX = 1000;

const optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((value) => value || null);

/** An item as the edit form sends it; `confidential` is a checkbox (absent: public). */
export const itemFormSchema = z.object({
	title: z.string().trim().min(1).max(ITEM_TITLE_MAX),
	description: z.string().trim().max(ITEM_DESCRIPTION_MAX).default(''),
	kind: z.enum(AGENDA_ITEM_KINDS),
	confidential: z.string().optional(),
	presenterText: optional(ITEM_PRESENTER_MAX),
	presenterUserId: z.union([z.literal(''), uuidSchema]).optional(),
	plannedMinutes: z.coerce.number().int().min(0).max(ITEM_MINUTES_MAX),
	isSubItem: z.string().optional()
});
export type ItemForm = z.infer<typeof itemFormSchema>;

/** The add form: an item's fields and the form's one-time token. */
export const addItemSchema = itemFormSchema.extend(formTokenField);

export const proposalSchema = z.object({
	title: z.string().trim().min(1).max(ITEM_TITLE_MAX),
	description: z.string().trim().max(ITEM_DESCRIPTION_MAX).default(''),
	kind: z.enum(AGENDA_ITEM_KINDS).default('discussion'),
	...formTokenField
});
/** A proposal as the service takes it: the form token is absent when code makes the proposal. */
export type ProposalInput = Omit<z.infer<typeof proposalSchema>, 'formToken'> & FormTokenInput;

const reason = z
	.string()
	.trim()
	.max(REASON_MAX)
	.optional()
	.transform((value) => value || null);

export const declineSchema = z.object({ proposalId: uuidSchema, reason });
export type DeclineInput = z.infer<typeof declineSchema>;
export const conflictSchema = z.object({ itemId: uuidSchema, reason });
export type ConflictInput = z.infer<typeof conflictSchema>;

export const paperLinkSchema = z.object({ itemId: uuidSchema, paperId: uuidSchema });
export type PaperLink = z.infer<typeof paperLinkSchema>;

// The agenda page's smaller forms: one item, its place, its level, a proposal, the proposal deadline.
const itemId = uuidSchema;
export const itemRefSchema = z.object({ itemId });
export const editItemSchema = itemFormSchema.extend({ itemId });
export const moveSchema = z.object({ itemId, direction: z.enum(['up', 'down']) });
/** Drag and drop: the item goes before `beforeId`, or to the end when it is empty. */
export const dropSchema = z.object({
	itemId,
	beforeId: z.union([z.literal(''), uuidSchema]).transform((v) => v || null)
});
export const levelSchema = z.object({ itemId, level: z.enum(['sub', 'main']) });
export const copySchema = z.object({ sourceMeetingId: uuidSchema });
export const proposalRefSchema = z.object({ proposalId: uuidSchema });
/** The proposal deadline as the form's Berlin wall-clock time. */
export const deadlineSchema = z.object({
	deadline: z
		.string()
		.transform(
			(value, ctx) => fromBerlinLocal(value) ?? (ctx.addIssue({ code: 'custom', message: 'invalid' }), z.NEVER)
		)
});
