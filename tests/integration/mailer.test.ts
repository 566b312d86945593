import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createMailer, createSmtpTransport, deliverPending } from '$lib/server/mail/mailer';
import { invitationMail } from '$lib/server/mail/templates';
import { testDatabases } from '../support/databases';

interface Received {
	to: string[];
	subject: string;
	body: string;
}

/** Just enough MIME decoding for assertions: RFC 2047 subjects and a quoted-printable or base64 body. */
function decodeMessage(raw: string): { subject: string; body: string } {
	const [head = '', ...rest] = raw.split('\r\n\r\n');
	const headers = head.replace(/\r\n[ \t]+/g, ' ');
	const subject = (headers.match(/^Subject: (.*)$/im)?.[1] ?? '').replace(
		/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi,
		(_, encoding: string, text: string) =>
			encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(
						text
							.replace(/_/g, ' ')
							.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
						'latin1'
					).toString('utf8')
	);
	let body = rest.join('\r\n\r\n');
	if (/^Content-Transfer-Encoding: quoted-printable/im.test(headers)) {
		const bytes = body
			.replace(/=\r\n/g, '')
			.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		body = Buffer.from(bytes, 'latin1').toString('utf8');
	} else if (/^Content-Transfer-Encoding: base64/im.test(headers)) {
		body = Buffer.from(body, 'base64').toString('utf8');
	}
	return { subject, body };
}

/** A real SMTP server on a free loopback port that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					...decodeMessage(Buffer.concat(chunks).toString('latin1'))
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

/** A loopback port nobody listens on: bind, note, release. */
async function closedPortUrl(): Promise<string> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return `smtp://127.0.0.1:${port}`;
}

interface Row {
	id: string;
	to_email: string;
	subject: string;
	body_text: string;
	kind: string;
	board_id: string | null;
	sent_at: Date | null;
	attempts: number;
	last_error: string | null;
}

const FROM = 'Beirat <beirat@beirat.example>';

describe.each(testDatabases())('mailer on $name', (target) => {
	let db: Database;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;

	const rows = () =>
		db.ownerTransaction((tx) => tx.query<Row>(`select * from public.mail_outbox order by created_at, id`));
	const mail = (to: string, n = 1) => ({
		to,
		kind: 'magic-link',
		subject: `Anmeldelink ${n}`,
		text: `Link: https://beirat.example/login/magic/token-${n}`
	});

	beforeAll(async () => {
		db = await target.open();
	});
	afterAll(async () => {
		await db.close();
	});
	beforeEach(async () => {
		smtp = await startSmtp();
		await db.ownerTransaction((tx) => tx.query(`delete from public.mail_outbox`));
		// The warnings are expected here; keep the test output to the summary.
		vi.spyOn(console, 'warn').mockImplementation(() => {});
	});
	afterEach(async () => {
		vi.restoreAllMocks();
		await smtp.close();
	});

	it('without SMTP keeps the mail in the outbox, unsent', async () => {
		await createMailer({ db, from: FROM }).send(mail('erika@beirat.example'));
		const [row, ...others] = await rows();
		expect(others).toEqual([]);
		expect(row).toMatchObject({
			to_email: 'erika@beirat.example',
			kind: 'magic-link',
			sent_at: null,
			attempts: 0,
			last_error: null
		});
	});

	it('keeps a one-time link readable while the outbox is the only delivery (no SMTP)', async () => {
		const link = 'https://beirat.example/login/magic/secret-token-1';
		await createMailer({ db, from: FROM }).send({
			...mail('erika@beirat.example'),
			text: `Link: ${link}`,
			secrets: [link]
		});
		const [row] = await rows();
		expect(row!.body_text).toBe(`Link: ${link}`);
	});

	it('blanks one-time links in the outbox once SMTP delivered the mail, and sends them intact', async () => {
		const link = 'https://beirat.example/reset?token=secret-token-2';
		await createMailer({ db, smtpUrl: smtp.url, from: FROM }).send({
			...mail('erika@beirat.example'),
			text: `Neues Passwort: ${link}\nGültig 15 Minuten.`,
			secrets: [link]
		});
		expect(smtp.received[0]!.body).toContain(link);
		const [row] = await rows();
		expect(row!.sent_at).toBeInstanceOf(Date);
		expect(row!.body_text).toBe('Neues Passwort: […]\nGültig 15 Minuten.');
		expect(JSON.stringify(await rows())).not.toContain('secret-token-2');
	});

	it('blanks the link only after delivery: a failed attempt keeps it for the retry', async () => {
		const link = 'https://beirat.example/invite/secret-token-3';
		await createMailer({ db, smtpUrl: await closedPortUrl(), from: FROM }).send({
			...mail('erika@beirat.example'),
			text: `Einladung: ${link}`,
			secrets: [link]
		});
		expect((await rows())[0]).toMatchObject({ sent_at: null, body_text: `Einladung: ${link}` });
		await deliverPending({ db, transport: createSmtpTransport(smtp.url), from: FROM, limit: 10 });
		expect(smtp.received[0]!.body).toContain(link);
		expect((await rows())[0]!.body_text).toBe('Einladung: […]');
	});

	it('with SMTP delivers the mail and marks it sent', async () => {
		const [board] = await db.ownerTransaction((tx) =>
			tx.query<{ id: string }>(
				`insert into public.boards (slug, name) values ('mail-test', 'Beirat Wirtschaft.Hamm.2030') returning id`
			)
		);
		const content = invitationMail({
			locale: 'de',
			boardName: 'Beirat Wirtschaft.Hamm.2030',
			inviterName: 'Erika Beispiel',
			role: 'member',
			link: 'https://beirat.example/invite/a-rather-long-token-that-forces-quoted-printable-soft-line-breaks-0123456789',
			expiresAt: new Date('2026-12-09T13:30:00Z')
		});
		await createMailer({ db, smtpUrl: smtp.url, from: FROM }).send({
			to: 'max@beirat.example',
			kind: 'invitation',
			boardId: board!.id,
			...content
		});

		expect(smtp.received).toHaveLength(1);
		const [received] = smtp.received;
		expect(received!.to).toEqual(['max@beirat.example']);
		expect(received!.subject).toBe(content.subject);
		expect(received!.body).toContain(
			'https://beirat.example/invite/a-rather-long-token-that-forces-quoted-printable-soft-line-breaks-0123456789'
		);
		expect(received!.body).toContain('lädt Sie ein');
		const [row] = await rows();
		expect(row!.sent_at).toBeInstanceOf(Date);
		expect(row).toMatchObject({ board_id: board!.id, kind: 'invitation', last_error: null });
		await db.ownerTransaction((tx) => tx.query(`delete from public.boards where id = $1`, [board!.id]));
	});

	it('keeps the mail with the error when SMTP is unreachable, without failing the caller', async () => {
		const mailer = createMailer({ db, smtpUrl: await closedPortUrl(), from: FROM });
		await expect(mailer.send(mail('erika@beirat.example'))).resolves.toBeUndefined();
		const [row] = await rows();
		expect(row).toMatchObject({ sent_at: null, attempts: 1 });
		expect(row!.last_error).toMatch(/\S/);
		expect(row!.last_error).not.toMatch(/\n\s+at /);
		expect(console.warn).toHaveBeenCalledTimes(1);
	});

	it('delivers the leftovers once, later', async () => {
		const offline = createMailer({ db, smtpUrl: await closedPortUrl(), from: FROM });
		await offline.send(mail('a@beirat.example', 1));
		await createMailer({ db, from: FROM }).send(mail('b@beirat.example', 2));
		// Given up on: must not be retried.
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.mail_outbox (to_email, subject, body_text, kind, attempts) values ('c@beirat.example', 's', 't', 'k', 5)`
			)
		);

		const transport = createSmtpTransport(smtp.url);
		// Two flushes at once (as two nodes would) must not send anything twice.
		const results = await Promise.all([
			deliverPending({ db, transport, from: FROM, limit: 10 }),
			deliverPending({ db, transport, from: FROM, limit: 10 })
		]);
		expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(2);
		expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
		expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['a@beirat.example', 'b@beirat.example']);
		expect(smtp.received.find((r) => r.to[0] === 'a@beirat.example')!.body).toContain('token-1');

		const after = await rows();
		expect(
			after
				.filter((r) => r.sent_at)
				.map((r) => r.to_email)
				.sort()
		).toEqual(['a@beirat.example', 'b@beirat.example']);
		expect(after.find((r) => r.to_email === 'c@beirat.example')).toMatchObject({ sent_at: null, attempts: 5 });

		expect(await deliverPending({ db, transport, from: FROM, limit: 10 })).toEqual({ sent: 0, failed: 0, skipped: 0 });
		expect(smtp.received).toHaveLength(2);
	});

	it('rejects an invalid address and records nothing', async () => {
		const mailer = createMailer({ db, smtpUrl: smtp.url, from: FROM });
		for (const to of [
			'not-an-address',
			'a@b@c.example',
			'Erika <erika@beirat.example>',
			'x@beirat.example\r\nBcc: y@beirat.example',
			''
		]) {
			await expect(mailer.send(mail(to))).rejects.toThrow(/invalid recipient/);
		}
		expect(await rows()).toEqual([]);
		expect(smtp.received).toEqual([]);
	});
});
