import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalAuth } from '$lib/server/auth/local';
import { createAuthService } from '$lib/server/auth/auth.service';
import type { AuthPort } from '$lib/server/auth/port';
import type { Database } from '$lib/server/db/types';
import { createMailer } from '$lib/server/mail/mailer';
import { withSystem } from '$lib/server/db/scoped';
import { MemoryCookieJar } from './cookie-jar';

export const ORIGIN = 'http://beirat.test';

/** The app's services over a test database, with local auth and the outbox mailer. */
export async function createHarness(db: Database) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-auth-'));
	const auth: AuthPort = await createLocalAuth({ db, dataDir, issuer: ORIGIN, secureCookies: false });
	const mailer = createMailer({ db, from: 'Beirat <beirat@test.example>' });
	const authService = createAuthService({ db, auth, mailer, origin: ORIGIN });
	return {
		dataDir,
		auth,
		mailer,
		authService,
		/** A fresh browser: its own cookies and address. */
		browser(ip = '192.0.2.1') {
			const cookies = new MemoryCookieJar();
			return { cookies, ip, session: auth.forRequest({ cookies, ip, userAgent: 'vitest' }) };
		},
		/** The newest mail to `to`, read from the outbox. */
		async lastMail(to: string) {
			const [row] = await withSystem(db, 'test-setup', (tx) =>
				tx.query<{ subject: string; body_text: string; kind: string }>(
					`select subject, body_text, kind from public.mail_outbox where lower(to_email) = lower($1) order by created_at desc limit 1`,
					[to]
				)
			);
			return row ?? null;
		}
	};
}

/** The first link in a mail body that starts with `prefix`. */
export function linkIn(body: string, prefix: string): string {
	const match = body.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^\\s]+`));
	if (!match) throw new Error(`no link starting with ${prefix} in:\n${body}`);
	return match[0];
}
