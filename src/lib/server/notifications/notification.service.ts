import type { Locale } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import { ServiceError } from '../errors';
import {
	DEFAULT_CHANNEL,
	NOTIFICATION_TOPICS,
	type NotificationChannel,
	type NotificationTopic
} from './notification-kinds';
import type { PreferencesInput } from './notification.schema';
import { notificationText } from './notification-text';
import * as repo from './notification.repository';

/** The list shows the newest entries; older ones stay stored but are not paged through (yet to be needed). */
const LIST_LIMIT = 200;

export interface NotificationView {
	id: string;
	text: string;
	board: string;
	link: string;
	createdAt: Date;
	read: boolean;
}

/** A person's own notifications and mail preferences; RLS limits every query to the signed-in person. */
export function createNotificationService(deps: { db: ScopedDb; userId: string | null; locale: Locale }) {
	const { db } = deps;
	const requireSignedIn = () => {
		if (!deps.userId) throw new ServiceError(401, 'error.unauthenticated');
	};
	return {
		async list(): Promise<{ items: NotificationView[]; unread: number }> {
			requireSignedIn();
			return db.run(async (tx) => {
				const rows = await repo.listNotifications(tx, LIST_LIMIT);
				const items = rows.map((row) => ({
					id: row.id,
					text: notificationText(deps.locale, row.kind, row.params),
					board: row.params.board,
					link: row.link,
					createdAt: row.createdAt,
					read: row.readAt !== null
				}));
				return { items, unread: await repo.countUnread(tx) };
			});
		},

		/** For the header badge: 0 for signed-out visitors instead of a refusal. */
		async unreadCount(): Promise<number> {
			if (!deps.userId) return 0;
			return db.run((tx) => repo.countUnread(tx));
		},

		async markRead(id: string): Promise<void> {
			requireSignedIn();
			if (!(await db.run((tx) => repo.markRead(tx, id)))) throw new ServiceError(404, 'notifications.error.notFound');
		},

		/** Opening a notification reads it: marks it read and returns the path inside the app it points to. */
		async open(id: string): Promise<string> {
			requireSignedIn();
			const link = await db.run((tx) => repo.openNotification(tx, id));
			if (!link) throw new ServiceError(404, 'notifications.error.notFound');
			return link;
		},

		async markAllRead(): Promise<number> {
			requireSignedIn();
			return db.run((tx) => repo.markAllRead(tx));
		},

		/** Every topic with its channel (the default where the person has not chosen). */
		async preferences(): Promise<{ topic: NotificationTopic; channel: NotificationChannel }[]> {
			requireSignedIn();
			const stored = new Map((await db.run((tx) => repo.listPreferences(tx))).map((row) => [row.topic, row.channel]));
			return NOTIFICATION_TOPICS.map((topic) => ({ topic, channel: stored.get(topic) ?? DEFAULT_CHANNEL }));
		},

		/** Saves all topics in one transaction: either every choice is stored or none. */
		async savePreferences(input: PreferencesInput): Promise<void> {
			requireSignedIn();
			await db.run(async (tx) => {
				for (const topic of NOTIFICATION_TOPICS) await repo.savePreference(tx, { topic, channel: input[topic] });
			});
		}
	};
}
export type NotificationService = ReturnType<typeof createNotificationService>;
