import { scopedDb, withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { Mailer } from '$lib/server/mail/port';
import { createNotifier, type Notice, type NotificationRecipient } from '$lib/server/notifications/notifier';
import type { NotificationKind } from '$lib/server/notifications/notification-kinds';
import { notificationService } from '$lib/server/services';
import { appOf, requestAs, signedOut } from '../support/app-context';
import { claimsFor, type TestBoard, type TestUser } from './index';

/** A test person as a notification recipient (the language comes from their profile). */
export const recipient = (user: TestUser, locale: 'de' | 'en' = 'de'): NotificationRecipient => ({
	userId: user.id,
	email: user.email,
	locale
});

/** A notice of `kind` in `board`, mailed with a recognisable subject. */
export function sampleNotice(input: {
	board: TestBoard;
	kind?: NotificationKind;
	event: string;
	recipients: NotificationRecipient[];
	subject?: string;
}): Notice<NotificationRecipient> {
	const subject = input.subject ?? `Sache ${input.event}`;
	return {
		kind: input.kind ?? 'comment-mention',
		boardId: input.board.id,
		event: input.event,
		path: `/b/${input.board.slug}/papers/${input.event}`,
		params: { board: input.board.name, subject, actor: 'Ada Amt' },
		recipients: input.recipients,
		mail: (person) => ({
			subject: `[${person.locale}] ${subject}`,
			text: `Link: http://beirat.test/b/${input.board.slug}/papers/${input.event}`
		})
	};
}

/** The notification service as the acting person would call it from a domain service. */
export const notifierAs = (db: Database, user: TestUser, mailer: Mailer) =>
	createNotifier({ mailer, run: scopedDb(db, claimsFor(user)).run });

/** The person's own notifications and preferences (as on /notifications and /profile), built through services.ts from a request by them (or a signed-out one) in `locale`. */
export async function inboxOf(db: Database, user: TestUser | null, locale: 'de' | 'en' = 'de') {
	const app = await appOf(db);
	return notificationService(user ? await requestAs(app, user, locale) : signedOut(app, locale));
}

/** Every stored notification of a person, read as the database owner (bypassing RLS) for assertions. */
export async function storedNotifications(db: Database, userId: string) {
	return db.ownerTransaction((tx) =>
		tx.query<{ id: string; kind: string; channel: string; mailed_at: Date | null; link: string; dedupe_key: string }>(
			`select id, kind, channel, mailed_at, link, dedupe_key from public.notifications where user_id = $1 order by created_at`,
			[userId]
		)
	);
}

/** Outbox mails to one address, optionally of one kind. */
export async function outboxTo(db: Database, email: string, kind?: string) {
	return withSystem(db, 'test-setup', (tx) =>
		tx.query<{ subject: string; body_text: string; kind: string }>(
			`select subject, body_text, kind from public.mail_outbox where lower(to_email) = lower($1) and ($2::text is null or kind = $2) order by created_at`,
			[email, kind ?? null]
		)
	);
}
