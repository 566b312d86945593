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
}

/** Mail port: every mail is written to the outbox; with SMTP_URL it is also sent. */
export interface Mailer {
	send(mail: OutgoingMail): Promise<void>;
}
