import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Database } from '../db/types';
import { insertOutbox, listPending, lockUnsent, markFailed, markSent } from './outbox.repository';
import { withSystem } from '../db/scoped';
import type { Mailer } from './port';
import { withoutEmailAddresses } from '../observability/log';

/** After this many failed attempts a mail stays in the outbox for a person to look at. */
export const MAX_ATTEMPTS = 5;

/** The part of a nodemailer transporter the outbox needs; tests and jobs may pass any such object. */
export interface MailTransport {
	sendMail(message: {
		from: string;
		to: string;
		subject: string;
		text: string;
		headers: Record<string, string>;
		attachments?: { filename: string; contentType: string; content: string }[];
	}): Promise<unknown>;
}

/**
 * An SMTP transport from `SMTP_URL`. Delivery holds the outbox row's lock, so a dead server must fail
 * in seconds rather than nodemailer's minutes; query parameters in the URL still override these.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
	return nodemailer.createTransport({
		url: smtpUrl,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
}

const recipientSchema = z.email();

/** Refuses anything but one plain address: a bad one would only fail later, at the SMTP server. */
function validRecipient(to: string): string {
	const address = to.trim();
	if (!recipientSchema.safeParse(address).success) throw new Error(`mail: invalid recipient address "${to}"`);
	return address;
}

function errorMessage(error: unknown): string {
	// Message only, on one line: stacks are noise for an operator, and multi-line SMTP replies break log lines.
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

interface DeliverInput {
	/** Database holding the outbox. */
	db: Database;
	/** Where the mail goes out. */
	transport: MailTransport;
	/** Sender address (`MAIL_FROM`). */
	from: string;
	/** Outbox row to deliver. */
	id: string;
}

/** `skipped`: already sent, given up on, or being delivered by someone else right now. */
type Delivery = 'sent' | 'failed' | 'skipped';

/**
 * Sends one outbox row while holding its row lock, so that neither a second node nor a concurrent
 * flush sends it twice. Never throws: whatever happens, the outbox keeps the mail.
 */
async function deliver({ db, transport, from, id }: DeliverInput): Promise<Delivery> {
	try {
		return await withSystem(db, 'mail', async (tx) => {
			const row = await lockUnsent(tx, { id, maxAttempts: MAX_ATTEMPTS });
			if (!row) return 'skipped';
			try {
				await transport.sendMail({
					from,
					to: row.to_email,
					subject: row.subject,
					text: row.body_text,
					...(row.attachments?.length ? { attachments: row.attachments } : {}),
					// Auto-Submitted keeps out-of-office replies away (RFC 3834); the id links a bounce to its row.
					headers: { 'Auto-Submitted': 'auto-generated', 'X-Beirat-Mail-Id': row.id }
				});
			} catch (error) {
				const message = errorMessage(error);
				await markFailed(tx, id, message);
				// An SMTP refusal often quotes the recipient: the log gets the outbox id, not the address.
				console.warn(
					`mail: delivery of outbox ${id} failed (attempt ${row.attempts + 1}/${MAX_ATTEMPTS}): ${withoutEmailAddresses(message)}`
				);
				return 'failed';
			}
			await markSent(tx, id);
			return 'sent';
		});
	} catch (error) {
		// The database failed around a send: the row stays unsent and a later flush retries (at least once).
		console.warn(`mail: outbox ${id} not updated: ${withoutEmailAddresses(errorMessage(error))}`);
		return 'failed';
	}
}

export function createMailer(deps: {
	/** Database holding the outbox. */
	db: Database;
	/** `SMTP_URL`; without it mails only land in the outbox. */
	smtpUrl?: string;
	/** Sender address (`MAIL_FROM`). */
	from: string;
}): Mailer {
	const { db, from } = deps;
	// Created once: nodemailer transports are reusable and connecting is the expensive part.
	const transport = deps.smtpUrl ? createSmtpTransport(deps.smtpUrl) : undefined;
	return {
		async send(mail) {
			const to = validRecipient(mail.to);
			// Committed before any SMTP traffic: the outbox is the record, even if SMTP is down.
			const id = await withSystem(db, 'mail', (tx) => insertOutbox(tx, { ...mail, to }));
			if (transport) await deliver({ db, transport, from, id });
		}
	};
}

/**
 * Retries unsent mails (oldest first) with fewer than MAX_ATTEMPTS attempts, for a periodic job. Each
 * row is delivered in its own short transaction, so an embedded single-connection database is not
 * blocked for a whole batch, and each row is tried at most once per call.
 */
export async function deliverPending(input: {
	/** Database holding the outbox. */
	db: Database;
	/** Where the mails go out (see createSmtpTransport). */
	transport: MailTransport;
	/** Sender address (`MAIL_FROM`); the outbox does not store one. */
	from: string;
	/** Most rows to try in this call. */
	limit: number;
}): Promise<Record<Delivery, number>> {
	const { db, transport, from, limit } = input;
	const pending = await withSystem(db, 'mail', (tx) => listPending(tx, { maxAttempts: MAX_ATTEMPTS, limit }));
	const result: Record<Delivery, number> = { sent: 0, failed: 0, skipped: 0 };
	for (const { id } of pending) result[await deliver({ db, transport, from, id })] += 1;
	return result;
}
