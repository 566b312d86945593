import type { Tx } from '../db/types';

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

/** The newest mails (admins under RLS; the dev-outbox system task in local development). */
export async function listOutbox(tx: Tx, limit = 100): Promise<OutboxEntry[]> {
	return tx.query<OutboxEntry>(
		`select id, to_email as "toEmail", subject, body_text as "bodyText", kind, created_at as "createdAt",
			sent_at as "sentAt", last_error as "lastError"
		 from public.mail_outbox order by created_at desc limit $1`,
		[limit]
	);
}
