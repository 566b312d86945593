/**
 * What can be notified. A kind is one sort of event (its outbox mail keeps the same name); a topic is
 * what a member chooses a mail channel for, so related kinds (vote opened, deadline near) share one.
 */
export const NOTIFICATION_KINDS = [
	'meeting-invitation',
	'meeting-changed',
	'meeting-cancelled',
	'agenda-changed',
	'minutes-review',
	'vote-opened',
	'vote-reminder',
	'comment-mention',
	'task-assigned',
	'task-reminder',
	'poll-invitation',
	'poll-reminder'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_TOPICS = ['invitation', 'agenda', 'minutes', 'vote', 'mention', 'task'] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

/** Mail now, in the daily digest, or no mail (the in-app entry is always made). */
export const NOTIFICATION_CHANNELS = ['mail', 'digest', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Without a stored choice a person gets mail at once, as before notifications existed. */
export const DEFAULT_CHANNEL: NotificationChannel = 'mail';

export const TOPIC_OF: Record<NotificationKind, NotificationTopic> = {
	'meeting-invitation': 'invitation',
	'meeting-changed': 'invitation',
	'meeting-cancelled': 'invitation',
	'agenda-changed': 'agenda',
	'minutes-review': 'minutes',
	'vote-opened': 'vote',
	'vote-reminder': 'vote',
	'comment-mention': 'mention',
	'task-assigned': 'task',
	'task-reminder': 'task',
	'poll-invitation': 'invitation',
	'poll-reminder': 'invitation'
};

/** Texts shown for a notification are filled from these (all plain strings, rendered per reader). */
export interface NotificationParams {
	/** Name of the board. */
	board: string;
	/** Title of the thing: meeting, paper, motion, task. */
	subject: string;
	/** Who caused it, when a person did. */
	actor?: string;
	/** A date belonging to the event (due date, deadline), already formatted neutrally (YYYY-MM-DD). */
	date?: string;
}
