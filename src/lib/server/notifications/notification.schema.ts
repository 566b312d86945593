import { z } from 'zod';
import { uuidSchema } from '../common.schema';
import { NOTIFICATION_CHANNELS, type NotificationTopic } from './notification-kinds';

/** Marking one notification read (the list's button and the link that opens it). */
export const markReadSchema = z.object({ id: uuidSchema });

/** One select per topic; a missing or unknown value is refused rather than silently defaulted. */
const channel = z.enum(NOTIFICATION_CHANNELS);
export const preferencesSchema = z.object({
	invitation: channel,
	agenda: channel,
	minutes: channel,
	vote: channel,
	mention: channel,
	task: channel
} satisfies Record<NotificationTopic, typeof channel>);
export type PreferencesInput = z.infer<typeof preferencesSchema>;
