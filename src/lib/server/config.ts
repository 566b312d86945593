import path from 'node:path';
import { z } from 'zod';

/** Boolean-ish env values: "1"/"true"/"yes" and "0"/"false"/"no". */
const flag = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no'])
	.transform((value) => value === '1' || value === 'true' || value === 'yes');

const optionalUrl = (protocols: string[]) =>
	z
		.string()
		.trim()
		.optional()
		.transform((value) => (value === '' ? undefined : value))
		.refine((value) => value === undefined || protocols.some((p) => value.startsWith(p)), {
			message: `must start with ${protocols.join(' or ')}`
		});

const schema = z
	.object({
		HOST: z.string().trim().min(1).default('127.0.0.1'),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		ORIGIN: optionalUrl(['http://', 'https://']),
		DATA_DIR: z.string().trim().min(1).default('./data'),
		DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
		DATABASE_PREPARE: flag.optional(),
		SUPABASE_URL: optionalUrl(['http://', 'https://']),
		SUPABASE_ANON_KEY: z.string().trim().optional(),
		SUPABASE_SERVICE_ROLE_KEY: z.string().trim().optional(),
		REDIS_URL: optionalUrl(['redis://', 'rediss://']),
		SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
		MAIL_FROM: z.string().trim().default('Beirat <beirat@localhost>'),
		DEMO_DATA: flag.optional(),
		METRICS_TOKEN: z.string().trim().optional(),
		SNAPSHOT_CACHE: flag.optional(),
		OPARL_BODY_KEY: z
			.string()
			.trim()
			.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
			.default('hamm'),
		OPARL_BODY_NAME: z.string().trim().min(1).max(200).default('Stadt Hamm'),
		OPARL_BODY_SHORT_NAME: z.string().trim().min(1).max(100).default('Hamm'),
		// Unset: the default below; set but empty: no website.
		OPARL_BODY_WEBSITE: optionalUrl(['http://', 'https://']),
		OPARL_BODY_AGS: z
			.string()
			.trim()
			.regex(/^\d{8}$/, 'eight digits')
			.default('05915000'),
		OPARL_CONTACT_EMAIL: z.union([z.literal(''), z.email()]).optional(),
		OPARL_CONTACT_NAME: z.string().trim().max(200).optional(),
		OIDC_ISSUER: optionalUrl(['http://', 'https://']),
		OIDC_CLIENT_ID: z.string().trim().max(500).optional(),
		OIDC_CLIENT_SECRET: z.string().trim().max(2000).optional(),
		OIDC_LABEL: z.string().trim().max(60).optional(),
		SUPABASE_SSO_PROVIDER: z
			.string()
			.trim()
			.regex(/^[a-z0-9_]*$/, "a provider name of Supabase Auth, e.g. 'keycloak' or 'azure'")
			.optional(),
		SUPABASE_SSO_DOMAIN: z.string().trim().max(253).optional()
	})
	.superRefine((env, ctx) => {
		if (env.SUPABASE_URL && !env.SUPABASE_ANON_KEY) {
			ctx.addIssue({ code: 'custom', path: ['SUPABASE_ANON_KEY'], message: 'is required when SUPABASE_URL is set' });
		}
		if (env.SUPABASE_URL && !env.SUPABASE_SERVICE_ROLE_KEY) {
			ctx.addIssue({
				code: 'custom',
				path: ['SUPABASE_SERVICE_ROLE_KEY'],
				message: 'is required when SUPABASE_URL is set (invitations create accounts)'
			});
		}
		ssoIssues(env, ctx);
	});

/** Single sign-on: OIDC_* with local auth, SUPABASE_SSO_* with Supabase Auth, never both. */
function ssoIssues(env: SsoEnv, ctx: z.RefinementCtx): void {
	const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
	if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) issue('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
	if (env.OIDC_ISSUER && env.SUPABASE_URL)
		issue(
			'OIDC_ISSUER',
			'is for local auth; with Supabase Auth configure the provider in Supabase and set SUPABASE_SSO_PROVIDER'
		);
	if ((env.SUPABASE_SSO_PROVIDER || env.SUPABASE_SSO_DOMAIN) && !env.SUPABASE_URL)
		issue('SUPABASE_SSO_PROVIDER', 'needs SUPABASE_URL (with local auth use OIDC_ISSUER)');
	if (env.SUPABASE_SSO_PROVIDER && env.SUPABASE_SSO_DOMAIN)
		issue(
			'SUPABASE_SSO_DOMAIN',
			'set either SUPABASE_SSO_PROVIDER (OIDC/OAuth) or SUPABASE_SSO_DOMAIN (SAML), not both'
		);
}

interface SsoEnv {
	SUPABASE_URL?: string;
	OIDC_ISSUER?: string;
	OIDC_CLIENT_ID?: string;
	SUPABASE_SSO_PROVIDER?: string;
	SUPABASE_SSO_DOMAIN?: string;
}

/** Single sign-on, as configured; `label` names the provider on the sign-in page ("Mit <label> anmelden"). */
export type SsoConfig = { label: string } & (
	| { kind: 'oidc'; issuer: string; clientId: string; clientSecret?: string }
	| { kind: 'supabase'; provider: string }
	| { kind: 'supabase-saml'; domain: string }
);

function ssoConfig(e: z.infer<typeof schema>): SsoConfig | undefined {
	const label = e.OIDC_LABEL || 'Single Sign-on';
	if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID)
		return {
			kind: 'oidc',
			label,
			issuer: e.OIDC_ISSUER,
			clientId: e.OIDC_CLIENT_ID,
			clientSecret: e.OIDC_CLIENT_SECRET || undefined
		};
	if (e.SUPABASE_SSO_PROVIDER) return { kind: 'supabase', label, provider: e.SUPABASE_SSO_PROVIDER };
	if (e.SUPABASE_SSO_DOMAIN) return { kind: 'supabase-saml', label, domain: e.SUPABASE_SSO_DOMAIN };
	return undefined;
}

export interface Config {
	host: string;
	port: number;
	/** Public URL of the app, used for CSRF and links in mails. */
	origin: string;
	/** Absolute directory for the embedded database, files and generated keys. */
	dataDir: string;
	databaseUrl?: string;
	/** Named prepared statements on the Postgres connection (off for transaction-mode poolers). */
	databasePrepare?: boolean;
	supabase?: { url: string; anonKey: string; serviceRoleKey: string };
	redisUrl?: string;
	smtpUrl?: string;
	mailFrom: string;
	demoData: boolean;
	/** Bearer token that may read /metrics (besides platform admins); unset: admins only. */
	metricsToken?: string;
	/** Keep read results while the database is unchanged (db/snapshot-cache.ts); off: every request reads. */
	snapshotCache: boolean;
	/** True when the origin is plain http on a loopback host: no Secure cookies, no HSTS. */
	isLocalhost: boolean;
	/** The body (the city) the OParl interface presents the public boards under. */
	oparlBody: OparlBodyConfig;
	/** Single sign-on (#17); unset: the sign-in page offers none. */
	sso?: SsoConfig;
}

export interface OparlBodyConfig {
	/** Address key of the one Body object (`/oparl/v1/body/<key>`). */
	key: string;
	name: string;
	shortName: string;
	website?: string;
	/** Amtlicher Gemeindeschlüssel. */
	ags: string;
	contactEmail?: string;
	contactName?: string;
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** Parses the environment once; throws a ConfigError naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = schema.safeParse(env);
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || 'env'}: ${issue.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const e = result.data;
	const origin = (e.ORIGIN ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
	const { hostname, protocol } = new URL(origin);
	const embedded = !e.DATABASE_URL && !e.SUPABASE_URL;
	return {
		host: e.HOST,
		port: e.PORT,
		origin,
		dataDir: path.resolve(e.DATA_DIR),
		databaseUrl: e.DATABASE_URL,
		databasePrepare: e.DATABASE_PREPARE,
		supabase: e.SUPABASE_URL
			? {
					url: e.SUPABASE_URL.replace(/\/+$/, ''),
					anonKey: e.SUPABASE_ANON_KEY!,
					serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY!
				}
			: undefined,
		redisUrl: e.REDIS_URL,
		smtpUrl: e.SMTP_URL,
		mailFrom: e.MAIL_FROM,
		demoData: e.DEMO_DATA ?? embedded,
		metricsToken: e.METRICS_TOKEN || undefined,
		snapshotCache: e.SNAPSHOT_CACHE ?? true,
		isLocalhost: protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname),
		oparlBody: {
			key: e.OPARL_BODY_KEY,
			name: e.OPARL_BODY_NAME,
			shortName: e.OPARL_BODY_SHORT_NAME,
			website: env.OPARL_BODY_WEBSITE === undefined ? 'https://www.hamm.de' : e.OPARL_BODY_WEBSITE,
			ags: e.OPARL_BODY_AGS,
			contactEmail: e.OPARL_CONTACT_EMAIL || undefined,
			contactName: e.OPARL_CONTACT_NAME || undefined
		},
		sso: ssoConfig(e)
	};
}

let cached: Config | undefined;

/** The process configuration, parsed on first use. */
export function config(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}
