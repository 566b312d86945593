import type { Database } from '$lib/server/db/types';
import { withSystem } from '$lib/server/db/scoped';
import { authService } from '$lib/server/services';
import { MemoryCookieJar } from './cookie-jar';
import { ORIGIN, signedOut, testApp } from './app-context';

export { ORIGIN };

/** The app over a test database (tests/support/app-context.ts), with local auth and the outbox mailer. */
export async function createHarness(db: Database) {
	const app = await testApp(db);
	const { auth, mailer } = app;
	return {
		app,
		dataDir: app.config.dataDir,
		auth,
		mailer,
		authService: authService(signedOut(app)),
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
