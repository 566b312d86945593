import type { Locale } from '$lib/i18n';
import type { Tx } from '../db/types';
import type { MailAttachment, Mailer } from '../mail/port';
import type { MailContent } from '../mail/templates';
import { TOPIC_OF, type NotificationKind, type NotificationParams } from './notification-kinds';
import { recordNotification } from './notification.repository';

/** Who is notified: enough to address a mail in the person's language. */
export interface NotificationRecipient {
	userId: string;
	email: string;
	locale: Locale;
}

/** One event, told to several people. */
export interface Notice<P extends NotificationRecipient> {
	kind: NotificationKind;
	boardId: string;
	/** Identifies the event within its kind; with the recipient it is the "exactly once" key. */
	event: string;
	/** Path inside the app to the thing (the mail carries origin + path). */
	path: string;
	params: NotificationParams;
	recipients: P[];
	/** The single mail for one person (the existing template, in their language). */
	mail: (person: P) => MailContent & { attachments?: MailAttachment[] };
}

/** Long user texts (motions) would swamp a list; the full text is behind the link. */
const SUBJECT_MAX = 200;
const clip = (value: string) => (value.length > SUBJECT_MAX ? `${value.slice(0, SUBJECT_MAX - 1).trimEnd()}…` : value);

/**
 * Records the notice for each person (once per person and event, whatever retries or concurrent runs do)
 * inside the caller's transaction; returns how many were newly told and who of them wants a mail right now.
 */
export async function recordNotice<P extends NotificationRecipient>(
	tx: Tx,
	notice: Omit<Notice<P>, 'mail'>
): Promise<{ told: number; mailNow: P[] }> {
	const mailNow: P[] = [];
	let told = 0;
	const seen = new Set<string>();
	const params = { ...notice.params, subject: clip(notice.params.subject) };
	for (const person of notice.recipients) {
		if (seen.has(person.userId)) continue;
		seen.add(person.userId);
		const channel = await recordNotification(tx, {
			userId: person.userId,
			boardId: notice.boardId,
			kind: notice.kind,
			topic: TOPIC_OF[notice.kind],
			params,
			link: notice.path,
			dedupeKey: `${notice.kind}:${notice.event}`
		});
		if (channel !== null) told += 1;
		if (channel === 'mail') mailNow.push(person);
	}
	return { told, mailNow };
}

/** Sends the single mails after the records committed: the outbox write is its own transaction. */
export async function mailNotice<P extends NotificationRecipient>(
	mailer: Mailer,
	notice: Notice<P>,
	people: P[]
): Promise<number> {
	for (const person of people) {
		const { attachments, ...content } = notice.mail(person);
		await mailer.send({
			to: person.email,
			kind: notice.kind,
			boardId: notice.boardId,
			...content,
			...(attachments?.length ? { attachments } : {})
		});
	}
	return people.length;
}

/** Runs `fn` in one transaction: the acting person's (ScopedDb.run) or a named system task's. */
export type RunInTransaction = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The notification service the domain services call instead of the mailer: record in-app entries,
 * then mail those who chose "at once". Digest items wait for the digest job; "none" gets no mail.
 */
export function createNotifier(deps: { mailer: Mailer; run: RunInTransaction }) {
	return {
		/** `told`: people newly notified (not those told before or outside the board); `mailed`: mails sent now. */
		async notify<P extends NotificationRecipient>(notice: Notice<P>): Promise<{ told: number; mailed: number }> {
			const { told, mailNow } = await deps.run((tx) => recordNotice(tx, notice));
			return { told, mailed: await mailNotice(deps.mailer, notice, mailNow) };
		}
	};
}
export type Notifier = ReturnType<typeof createNotifier>;
