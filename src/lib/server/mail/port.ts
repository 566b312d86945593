export interface OutgoingMail {
	/** Recipient address. */
	to: string;
	subject: string;
	/** Plain-text body (links spelled out). */
	text: string;
	/** What the mail is about, e.g. `invitation`, `magic-link`, `password-reset`. */
	kind: string;
	/** The board the mail concerns, when there is one. */
	boardId?: string;
	/**
	 * One-time links in the text (sign-in, reset, invitation). They are what the mail is for, so they
	 * stay in the outbox while it is the only delivery (no SMTP); once SMTP delivered the mail they are blanked.
	 */
	secrets?: string[];
	/** Files sent with the mail (e.g. a text/calendar invitation); kept in the outbox for retries. */
	attachments?: MailAttachment[];
}

export interface MailAttachment {
	filename: string;
	contentType: string;
	/** The file's text content. */
	content: string;
}

/** Mail port: every mail is written to the outbox; with SMTP_URL it is also sent. */
export interface Mailer {
	send(mail: OutgoingMail): Promise<void>;
}
