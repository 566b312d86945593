import type { Tx } from '../db/types';
import type { MailAttachment, OutgoingMail } from './port';

export interface OutboxEntry {
	id: string;
	toEmail: string;
	subject: string;
	bodyText: string;
	kind: string;
	createdAt: Date;
	sentAt: Date | null;
	lastError: string | null;
}

/** The newest mails (platform admins, under RLS). */
export async function listOutbox(tx: Tx, limit = 100): Promise<OutboxEntry[]> {
	return tx.query<OutboxEntry>(
		`select id, to_email as "toEmail", subject, body_text as "bodyText", kind, created_at as "createdAt",
			sent_at as "sentAt", last_error as "lastError"
		 from public.mail_outbox order by created_at desc limit $1`,
		[limit]
	);
}

export interface OutboxRow {
	id: string;
	to_email: string;
	subject: string;
	body_text: string;
	attempts: number;
	attachments: MailAttachment[] | null;
}

/** What stands in the outbox for a one-time link after delivery. */
export const BLANKED_LINK = '[…]';

/** The text with its one-time links blanked, or null when it has none. */
export function blankSecrets(text: string, secrets: string[] | undefined): string | null {
	const present = (secrets ?? []).filter((secret) => secret && text.includes(secret));
	return present.length ? present.reduce((body, secret) => body.split(secret).join(BLANKED_LINK), text) : null;
}

export async function insertOutbox(tx: Tx, mail: OutgoingMail): Promise<string> {
	const [row] = await tx.query<{ id: string }>(
		`insert into public.mail_outbox (to_email, subject, body_text, body_after_send, kind, board_id, attachments)
		 values ($1, $2, $3, $4, $5, $6, $7::text::jsonb) returning id`,
		[
			mail.to,
			mail.subject,
			mail.text,
			blankSecrets(mail.text, mail.secrets),
			mail.kind,
			mail.boardId ?? null,
			mail.attachments?.length ? JSON.stringify(mail.attachments) : null
		]
	);
	if (!row) throw new Error('mail: outbox insert returned no row');
	return row.id;
}

/** Locks one unsent row; `skip locked` leaves a row another node is delivering right now to that node. */
export async function lockUnsent(tx: Tx, input: { id: string; maxAttempts: number }): Promise<OutboxRow | undefined> {
	const [row] = await tx.query<OutboxRow>(
		`select id, to_email, subject, body_text, attempts, attachments from public.mail_outbox
		 where id = $1 and sent_at is null and attempts < $2
		 for update skip locked`,
		[input.id, input.maxAttempts]
	);
	return row;
}

/** Marks a row sent; from now on the outbox keeps only the text with its one-time links blanked. */
export async function markSent(tx: Tx, id: string): Promise<void> {
	await tx.query(
		`update public.mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null,
			body_text = coalesce(body_after_send, body_text), body_after_send = null
		 where id = $1`,
		[id]
	);
}

export async function markFailed(tx: Tx, id: string, message: string): Promise<void> {
	await tx.query(`update public.mail_outbox set attempts = attempts + 1, last_error = $2 where id = $1`, [id, message]);
}

/** The mail queue for /metrics: unsent mails still to be tried, and those given up on. */
export async function countUnsent(tx: Tx, maxAttempts: number): Promise<{ pending: number; failed: number }> {
	const [row] = await tx.query<{ pending: number; failed: number }>(
		`select count(*) filter (where attempts < $1)::int as pending, count(*) filter (where attempts >= $1)::int as failed
		 from public.mail_outbox where sent_at is null`,
		[maxAttempts]
	);
	return { pending: row?.pending ?? 0, failed: row?.failed ?? 0 };
}

/** Unsent mails still worth a try, oldest first. */
export async function listPending(tx: Tx, input: { maxAttempts: number; limit: number }): Promise<{ id: string }[]> {
	return tx.query<{ id: string }>(
		`select id from public.mail_outbox where sent_at is null and attempts < $1 order by created_at limit $2`,
		[input.maxAttempts, input.limit]
	);
}
