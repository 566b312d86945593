import type { Locale } from '$lib/i18n';
import { withSystem, type Claims } from '../db/scoped';
import type { Database } from '../db/types';
import { createInvitationService } from '../invitations/invitation.service';
import { accountIsActive } from './account.repository';
import { OidcError, type OidcClient, type OidcIdentity } from './oidc';
import { AuthError, type AuthPort, type AuthSession, type CookieJar } from './port';
import * as repo from './sso.repository';
import { ssoFlowCookieSchema, type SsoFailure, type SsoFlowCookie } from './sso.schema';
import { sha256 } from './tokens';

// Single sign-on (#17). Local auth: Beirat is the OpenID Connect relying party (oidc.ts) and links the
// provider's identity to an existing account by verified e-mail; nobody signs up by signing in: without an
// account, the open invitations to the verified address are accepted (as the invitation page would) and the
// account made then, otherwise the sign-in is refused. Supabase Auth: GoTrue runs the provider flow (ProviderSso), Beirat
// still admits only accounts with an active membership. Either way the session then meets the two-factor
// gate like any other: it starts at aal2 only where the provider says it checked several factors (`amr`
// contains `mfa`, RFC 8176), otherwise the local code step follows for people who have a factor.

export const SSO_COOKIE = 'beirat-sso';
const FLOW_SECONDS = repo.SSO_FLOW_SECONDS;

/** A sign-in that did not happen; the sign-in page says why (`login.sso.error.<failure>`). */
export class SsoRefusal extends Error {
	constructor(readonly failure: SsoFailure) {
		super(failure);
	}
}

export type SsoOutcome = { ok: true; location: string } | { ok: false; failure: SsoFailure };

interface FinishInput {
	session: AuthSession;
	cookies: CookieJar;
	/** The callback address as requested (code, state, error). */
	url: URL;
	params: { code?: string; state?: string; error?: string; error_code?: string };
	/** The language of a profile made by accepting an invitation here. */
	locale?: Locale;
}

export interface SsoServiceDeps {
	db: Database;
	auth: AuthPort;
	/** Local auth's OpenID Connect client, when OIDC_ISSUER is set. */
	oidc?: OidcClient;
	/** The app's origin: the provider sends the person back to `<origin>/login/sso/callback`. */
	origin: string;
	/** Secure cookies everywhere but plain-http localhost. */
	secureCookies: boolean;
}

export function createSsoService(deps: SsoServiceDeps) {
	const system = <T>(fn: Parameters<typeof withSystem<T>>[2]) => withSystem(deps.db, 'local-auth', fn);
	const callbackUrl = `${deps.origin}/login/sso/callback`;
	// Only the callback path needs the cookie; Lax is enough because the provider sends a top-level GET.
	const cookieOptions = {
		path: '/login/sso',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: deps.secureCookies
	};

	function readFlow(cookies: CookieJar): SsoFlowCookie | null {
		const raw = cookies.get(SSO_COOKIE);
		cookies.delete(SSO_COOKIE, cookieOptions);
		if (!raw) return null;
		try {
			const parsed = ssoFlowCookieSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
			return parsed.success ? parsed.data : null;
		} catch {
			return null;
		}
	}

	function writeFlow(cookies: CookieJar, flow: SsoFlowCookie): void {
		const value = Buffer.from(JSON.stringify(flow), 'utf8').toString('base64url');
		cookies.set(SSO_COOKIE, value, { ...cookieOptions, maxAge: FLOW_SECONDS });
	}

	/** Refuses an account without an active membership (or admin role), ending the session just made. */
	async function admitted(session: AuthSession, claims: Claims): Promise<Claims> {
		if (await system((tx) => accountIsActive(tx, claims.sub))) return claims;
		await session.signOut();
		throw new SsoRefusal('deactivated');
	}

	/**
	 * The account the identity belongs to: linked before, by verified e-mail now, or made now by accepting the
	 * open invitations to that address (the verified address stands in for the invitation link).
	 */
	async function accountFor(identity: OidcIdentity, locale: Locale): Promise<repo.SsoAccount> {
		if (!identity.email || !identity.emailVerified) throw new SsoRefusal('unverified');
		const email = identity.email;
		const existing = await system(
			async (tx) => (await repo.findLinkedAccount(tx, identity)) ?? (await repo.findAccountByEmail(tx, email))
		);
		let account = existing;
		if (!account) {
			const accepted = await createInvitationService(deps).acceptForVerifiedEmail({ email, locale });
			if (!accepted.ok) throw new SsoRefusal(accepted.reason === 'expired' ? 'invitationExpired' : 'noAccount');
			account = { id: accepted.userId, email: accepted.email };
		}
		const { id } = account;
		await system((tx) => repo.linkIdentity(tx, { issuer: identity.issuer, subject: identity.subject, userId: id }));
		return account;
	}

	/** The provider's sign-in address; the flow's secrets go into an httpOnly cookie of this browser. */
	async function start(input: { session: AuthSession; cookies: CookieJar; redirectTo: string }): Promise<string> {
		if (deps.oidc) {
			const { url, flow } = await deps.oidc.start();
			writeFlow(input.cookies, { redirectTo: input.redirectTo, oidc: flow });
			return url;
		}
		if (!input.session.sso) throw new SsoRefusal('unavailable');
		const url = await input.session.sso.start(callbackUrl);
		writeFlow(input.cookies, { redirectTo: input.redirectTo });
		return url;
	}

	/**
	 * The provider's answer: checks the flow (this browser's cookie, state used once), redeems the code,
	 * links the account and starts the session. Returns the claims and where to go.
	 */
	async function finish(input: FinishInput): Promise<{ claims: Claims; redirectTo: string }> {
		const flow = readFlow(input.cookies);
		if (!flow) throw new SsoRefusal('expired');
		const { code, state, error } = input.params;
		if (deps.oidc) {
			const oidc = flow.oidc;
			if (!oidc || !state || state !== oidc.state) throw new SsoRefusal('expired');
			// Before the code is redeemed: a replayed callback (same address and cookie) stops here.
			if (!(await system((tx) => repo.useState(tx, sha256(oidc.state))))) throw new SsoRefusal('expired');
			// The registered redirect_uri, whatever host a proxy forwarded the request under.
			const identity = await deps.oidc.finish(new URL(callbackUrl + input.url.search), oidc);
			const account = await accountFor(identity, input.locale ?? 'de');
			if (!input.session.signInWithIdentity) throw new SsoRefusal('unavailable');
			const claims = await input.session.signInWithIdentity(account, { providerMfa: identity.amr.includes('mfa') });
			return { claims: await admitted(input.session, claims), redirectTo: flow.redirectTo };
		}
		if (!input.session.sso) throw new SsoRefusal('unavailable');
		if (input.params.error_code === 'signup_disabled') throw new SsoRefusal('noAccount');
		if (error) throw new SsoRefusal(error === 'access_denied' ? 'cancelled' : 'failed');
		if (!code) throw new SsoRefusal('expired');
		const claims = await input.session.sso.finish(code);
		return { claims: await admittedOrUnknown(input.session, claims), redirectTo: flow.redirectTo };
	}

	return {
		/** Where the browser goes: the provider, or the sign-in page with the reason it cannot. */
		async start(input: { session: AuthSession; cookies: CookieJar; redirectTo: string }): Promise<SsoOutcome> {
			return start(input).then(
				(location) => ({ ok: true as const, location }),
				(error: unknown) => ({ ok: false as const, failure: refusal(error).failure })
			);
		},
		/** Where the browser goes: the page asked for (signed in), or the sign-in page with the reason. */
		async finish(input: FinishInput): Promise<SsoOutcome & { claims?: Claims }> {
			return finish(input).then(
				({ claims, redirectTo }) => ({ ok: true as const, location: redirectTo, claims }),
				(error: unknown) => ({ ok: false as const, failure: refusal(error).failure })
			);
		}
	};

	/** With Supabase Auth: GoTrue linked or made the user; without a membership Beirat does not admit them. */
	async function admittedOrUnknown(session: AuthSession, claims: Claims): Promise<Claims> {
		if (await system((tx) => accountIsActive(tx, claims.sub))) return claims;
		await session.signOut();
		const invited = await system((tx) => repo.hasOpenInvitation(tx, claims.email));
		throw new SsoRefusal(invited ? 'invited' : 'noAccount');
	}
}

/** Every failure becomes a refusal the page can explain; the cause goes to the log in one line. */
function refusal(error: unknown): SsoRefusal {
	if (error instanceof SsoRefusal) return error;
	if (error instanceof OidcError) {
		console.warn(`Single sign-on refused (${error.failure}): ${error.detail}`);
		return new SsoRefusal(error.failure);
	}
	if (error instanceof AuthError) {
		console.warn(`Single sign-on refused by the auth provider: ${error.code}`);
		const failures: Partial<Record<AuthError['code'], SsoFailure>> = {
			unavailable: 'unavailable',
			deactivated: 'deactivated',
			invalid_link: 'expired'
		};
		return new SsoRefusal(failures[error.code] ?? 'failed');
	}
	console.warn(`Single sign-on failed: ${error instanceof Error ? error.message : String(error)}`);
	return new SsoRefusal('failed');
}

export type SsoService = ReturnType<typeof createSsoService>;
