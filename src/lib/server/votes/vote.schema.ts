import { formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';
import { z } from 'zod';
import { berlinDateTime } from '../meetings/meeting.schema';
import { VOTE_CHOICES } from './vote.repository';
import { DECISION_KINDS } from '$lib/types/decision.types';

const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on' || value === 'true');

/** The "new circular resolution" form; voters are a repeated field, passed as an array by the route. */
export const circularSchema = z.object({
	/** What the decision log will call it (the motion is the text voted on). */
	title: z.string().trim().min(1).max(200),
	/** The decision log's kind of the entry it becomes when adopted. */
	decisionKind: z.enum(DECISION_KINDS).default('resolution'),
	motion: z.string().trim().min(1).max(5000),
	deadline: berlinDateTime,
	majority: z.enum(['cast', 'members']).default('cast'),
	minParticipation: z.coerce.number().int().min(0).max(100).default(50),
	discussionThreshold: z.coerce.number().int().min(0).max(100).default(1),
	secret: checkbox,
	voters: z.array(uuidSchema).max(500).default([]),
	...formTokenField
});
export type CircularInput = Omit<z.infer<typeof circularSchema>, 'formToken'> & FormTokenInput;

export const choiceSchema = z.object({ choice: z.enum(VOTE_CHOICES) });

/** A meeting result: counts, or one choice per present voting member (named vote). */
export const meetingResultSchema = z.object({
	itemId: uuidSchema,
	mode: z.enum(['counts', 'named']),
	yes: z.coerce.number().int().min(0).max(1000).default(0),
	no: z.coerce.number().int().min(0).max(1000).default(0),
	abstain: z.coerce.number().int().min(0).max(1000).default(0),
	named: z
		.array(z.object({ userId: uuidSchema, choice: z.enum(VOTE_CHOICES) }))
		.max(500)
		.default([])
});
export type MeetingResultInput = z.infer<typeof meetingResultSchema>;
