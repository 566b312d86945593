import { z } from 'zod';
import { emailSchema, formTokenField, uuidSchema } from '../common.schema';
import { LOCALES } from '$lib/i18n';
import { fromBerlinLocal } from '../calendar/berlin-local';
import { MEETING_STATUSES } from './meeting.repository';
import { QUORUM_RULES } from './quorum';
import { RSVP_RESPONSES } from './attendance.repository';

/** A `datetime-local` field read as Berlin time. */
export const berlinDateTime = z
	.string()
	.trim()
	.min(1)
	.transform((value, ctx) => {
		const date = fromBerlinLocal(value);
		if (!date) {
			ctx.addIssue({ code: 'custom', message: 'invalid date' });
			return z.NEVER;
		}
		return date;
	});

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.default('')
		.transform((value) => value || null);

export const meetingSchema = z.object({
	title: z.string().trim().min(1).max(200),
	description: z.string().trim().max(10000).default(''),
	startsAt: berlinDateTime,
	endsAt: berlinDateTime,
	location: optionalText(500),
	onlineUrl: z
		.string()
		.trim()
		.max(2000)
		.regex(/^(https?:\/\/\S+)?$/)
		.default('')
		.transform((value) => value || null),
	status: z.enum(MEETING_STATUSES).default('planned')
});
export type MeetingInput = z.infer<typeof meetingSchema>;

/** The new-meeting form: the fields and its one-time token. */
export const createMeetingSchema = meetingSchema.extend(formTokenField);

export const rsvpSchema = z.object({
	response: z.enum(RSVP_RESPONSES),
	proxyNote: z.string().trim().max(500).default('')
});
export type RsvpInput = z.infer<typeof rsvpSchema>;

/** The attendance form: the user ids of the people present (repeated field `present`). */
export const presentSchema = z.array(uuidSchema).max(1000);

export const settingsSchema = z.object({
	quorumRule: z.enum(QUORUM_RULES),
	reminderOffsets: z
		.string()
		.trim()
		.max(40)
		.regex(/^(\d{1,2}(\s*,\s*\d{1,2})*)?$/)
		.transform((value) =>
			[...new Set(value ? value.split(',').map((part) => Number(part.trim())) : [])].sort((a, b) => b - a)
		)
		.refine((days) => days.length <= 5 && days.every((day) => day >= 1 && day <= 60))
});
export type SettingsInput = z.infer<typeof settingsSchema>;

export const guestSchema = z.object({
	email: emailSchema,
	locale: z.enum(LOCALES).default('de')
});
export type GuestInput = z.infer<typeof guestSchema>;
/** The meeting page's guest form: the fields and the form's one-time token. */
export const guestFormSchema = guestSchema.extend(formTokenField);
