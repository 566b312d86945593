import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from '$lib/server/app';
import { createLocalAuth } from '$lib/server/auth/local';
import { parseConfig } from '$lib/server/config';
import type { RequestContext } from '$lib/server/context';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { DEFAULT_LOCALE, type Locale } from '$lib/i18n';
import { createMailer } from '$lib/server/mail/mailer';
import type { Mailer } from '$lib/server/mail/port';
import { loadCurrentUser } from '$lib/server/profiles/profile.repository';
import { createStorage } from '$lib/server/storage';
import { claimsFor } from '../factories';
import { MemoryCookieJar } from './cookie-jar';

// Integration tests build services exactly as the app does: through src/lib/server/services.ts, from a
// request context like the one hooks.server.ts puts on event.locals. Only the process-wide App (what
// getApp() starts) is made here, over the test's database instead of the configured one.

export const ORIGIN = 'http://beirat.test';

/**
 * The app's process-wide parts over a test database: the config as parsed from the environment, local
 * auth, the outbox mailer and local file storage, as src/lib/server/app.ts starts them for an embedded
 * database. A test may hand in its own mailer, storage or auth (e.g. a mailer that keeps what it sends).
 */
export async function testApp(
	db: Database,
	overrides: Partial<Pick<App, 'auth' | 'mailer' | 'storage'>> = {}
): Promise<App> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-app-'));
	const config = parseConfig({ ORIGIN, DATA_DIR: dataDir, DEMO_DATA: '0', MAIL_FROM: 'Beirat <beirat@test.example>' });
	return {
		config,
		db,
		auth: overrides.auth ?? (await createLocalAuth({ db, dataDir, issuer: ORIGIN, secureCookies: false })),
		mailer: overrides.mailer ?? createMailer({ db, from: config.mailFrom }),
		storage: overrides.storage ?? (await createStorage(config))
	};
}

const apps = new WeakMap<Database, WeakMap<object, Promise<App>>>();

/**
 * The app of a test database, made once (like getApp(), once per process) and shared by the factories
 * that build services; with `mailer`, the app that sends through it instead of the outbox.
 */
export function appOf(db: Database, mailer?: Mailer): Promise<App> {
	let byMailer = apps.get(db);
	if (!byMailer) apps.set(db, (byMailer = new WeakMap()));
	const key = mailer ?? db;
	let app = byMailer.get(key);
	if (!app) byMailer.set(key, (app = testApp(db, mailer ? { mailer } : {})));
	return app;
}

/** The context of a signed-out request (no claims, no user), as hooks.server.ts builds it. */
export function signedOut(app: App, locale: Locale = DEFAULT_LOCALE): RequestContext {
	const auth = app.auth.forRequest({ cookies: new MemoryCookieJar(), ip: '192.0.2.1', userAgent: 'vitest' });
	return { app, auth, claims: null, user: null, db: scopedDb(app.db, null), locale, board: null, refusal: null };
}

/**
 * The context of a request by `person`, as hooks.server.ts builds it from a session: their claims,
 * the current user loaded under those claims, the scoped database and their locale (or `locale`).
 */
export async function requestAs(
	app: App,
	person: { id: string; email: string },
	locale?: Locale
): Promise<RequestContext> {
	const claims = claimsFor(person);
	const user = await scopedDb(app.db, claims).run(loadCurrentUser);
	if (!user) throw new Error(`requestAs: ${person.email} has no profile`);
	return {
		...signedOut(app),
		claims,
		user,
		db: scopedDb(app.db, claims),
		locale: locale ?? user.locale ?? DEFAULT_LOCALE
	};
}

/** A request by `person` to the app of `db` (appOf): what tests and factories hand to services.ts. */
export async function requestTo(
	db: Database,
	person: { id: string; email: string },
	mailer?: Mailer
): Promise<RequestContext> {
	return requestAs(await appOf(db, mailer), person);
}
