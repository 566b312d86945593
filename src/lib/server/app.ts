import path from 'node:path';
import { config, type Config } from './config';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { migrate } from './db/migrate';
import { seedDemoData } from './db/seed';
import { seedDemoHistory } from './demo/demo-history';
import type { Database } from './db/types';
import type { AuthPort } from './auth/port';
import { createLocalAuth } from './auth/local';
import { createSupabaseAuth } from './auth/supabase';
import { createOidcClient, type OidcClient } from './auth/oidc';
import type { Mailer } from './mail/port';
import { createMailer, createSmtpTransport, deliverPending } from './mail/mailer';
import { getCollabHub, provideAppStart, startCollab } from './collab/collab-process';
import { attachVersionAutosave } from './versions/version-autosave';
import { startSearchIndexer } from './search/paper-text-index';
import { startReminderJob } from './meetings/reminder.job';
import { startPollReminderJob } from './polls/poll-notify';
import { startAgendaChangeJob } from './agenda/agenda-change.job';
import { startTaskReminderJob } from './tasks/task-reminder.job';
import { startVoteJob } from './votes/vote.job';
import { startDigestJob } from './notifications/digest.job';
import { startRetentionJob } from './personal-data/retention.job';
import { startRoundJob } from './rounds/round.job';
import { attachRoundTracker } from './rounds/round-tracker';
import type { StoragePort } from './storage/port';
import { createStorage } from './storage';
import { startOnlineBackup } from './ops/backup-endpoint';

/** The process-wide services; everything per-user lives in the request context instead. */
export interface App {
	config: Config;
	db: Database;
	auth: AuthPort;
	mailer: Mailer;
	/** Files: local disk (embedded) or Supabase Storage. */
	storage: StoragePort;
	/** Single sign-on with local auth (OIDC_ISSUER): the OpenID Connect client, discovery cached. */
	oidc?: OidcClient;
}

async function start(cfg: Config): Promise<App> {
	const db = cfg.databaseUrl
		? openPostgres(cfg.databaseUrl, { prepare: cfg.databasePrepare })
		: await openPglite(path.join(cfg.dataDir, 'db'));
	await migrate(db);
	// `npm run backup` while the app runs asks it over DATA_DIR/run/backup.sock (PGlite: one process).
	if (!cfg.databaseUrl) await startOnlineBackup(db, cfg.dataDir);
	if (cfg.demoData) await seedDemoData(db);
	const auth = cfg.supabase
		? createSupabaseAuth({ ...cfg.supabase, secureCookies: !cfg.isLocalhost, sso: supabaseSso(cfg) })
		: await createLocalAuth({ db, dataDir: cfg.dataDir, issuer: cfg.origin, secureCookies: !cfg.isLocalhost });
	const oidc =
		cfg.sso?.kind === 'oidc'
			? createOidcClient({ ...cfg.sso, redirectUri: `${cfg.origin}/login/sso/callback` })
			: undefined;
	const mailer = createMailer({ db, smtpUrl: cfg.smtpUrl, from: cfg.mailFrom });
	const storage = await createStorage(cfg);
	// Before the collaboration server starts: the history writes the papers' documents directly.
	// A demo that could not be completed must not keep the app from starting: the next start completes it.
	if (cfg.demoData)
		await seedDemoHistory({ db, mailer, origin: cfg.origin, storage }).catch((error: unknown) =>
			console.warn('demo: seeding the history failed:', String(error))
		);
	if (cfg.smtpUrl) retryUnsentMail(db, cfg.smtpUrl, cfg.mailFrom);
	// The collaboration server shares this database; server.js and the Vite plugin route upgrades to it.
	startCollab({ db, redisUrl: cfg.redisUrl });
	attachVersionAutosave({ db, hub: getCollabHub() });
	startSearchIndexer({ db, hub: getCollabHub() });
	startReminderJob({ db, mailer, origin: cfg.origin });
	startTaskReminderJob({ db, mailer, origin: cfg.origin });
	startPollReminderJob({ db, mailer, origin: cfg.origin });
	startAgendaChangeJob({ db, mailer, origin: cfg.origin });
	startVoteJob({ db, mailer, origin: cfg.origin });
	startDigestJob({ db, origin: cfg.origin });
	startRetentionJob({ db });
	startRoundJob({ db, mailer, origin: cfg.origin, hub: getCollabHub() });
	attachRoundTracker({ db, hub: getCollabHub() });
	return { config: cfg, db, auth, mailer, storage, oidc };
}

/** Supabase Auth's provider for single sign-on (SUPABASE_SSO_PROVIDER or SUPABASE_SSO_DOMAIN). */
function supabaseSso(cfg: Config): { provider: string } | { domain: string } | undefined {
	if (cfg.sso?.kind === 'supabase') return { provider: cfg.sso.provider };
	if (cfg.sso?.kind === 'supabase-saml') return { domain: cfg.sso.domain };
	return undefined;
}

/** Mails that failed while SMTP was down are retried every minute (row locks keep nodes from doubling them). */
function retryUnsentMail(db: Database, smtpUrl: string, from: string) {
	const transport = createSmtpTransport(smtpUrl);
	const timer = setInterval(() => {
		deliverPending({ db, transport, from, limit: 50 }).catch((error: unknown) =>
			console.warn('mail: retry failed:', String(error))
		);
	}, 60_000);
	timer.unref();
}

// Kept on globalThis: Vite's dev server re-evaluates modules, and the app (above all its
// embedded database) must exist once per process.
const holder = globalThis as { __beiratApp?: Promise<App> };

/** The app, started on first use (config, database, migrations, demo data, adapters). */
export function getApp(): Promise<App> {
	holder.__beiratApp ??= start(config()).catch((error: unknown) => {
		holder.__beiratApp = undefined;
		throw error;
	});
	return holder.__beiratApp;
}

// Hub calls made before the start (a route that runs first) wait for it; the hub does not import the app.
provideAppStart(getApp);
