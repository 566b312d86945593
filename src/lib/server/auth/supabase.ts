import { createServerClient, type CookieOptions as SupabaseCookieOptions } from '@supabase/ssr';
import { createClient, isAuthError, isAuthRetryableFetchError, type Provider } from '@supabase/supabase-js';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import ws from 'ws';
import type { Claims } from '../db/scoped';
import { supabaseFactors } from './supabase-mfa';
import {
	AuthError,
	type AuthPort,
	type AuthSession,
	type CookieOptions,
	type ProviderSso,
	type RequestAuthContext
} from './port';

export interface SupabaseAuthOptions {
	/** Project URL (SUPABASE_URL), e.g. https://<ref>.supabase.co. */
	url: string;
	/** Public anon / publishable key: every call made on behalf of a visitor. */
	anonKey: string;
	/** Service-role / secret key: admin calls only, never combined with a visitor's session. */
	serviceRoleKey: string;
	/** Replaces global fetch for every call to Supabase (tests, instrumentation). */
	fetch?: typeof fetch;
	/** Secure cookies everywhere but plain-http localhost; defaults to true. */
	secureCookies?: boolean;
	/** Single sign-on: an OAuth/OIDC provider of the project (e.g. keycloak, azure) or a SAML domain. */
	sso?: SupabaseSso;
}

export type SupabaseSso = { provider: string } | { domain: string };

// Node 20 has no native WebSocket and supabase-js refuses to build its realtime client without one.
const realtime = {
	transport: ws as unknown as NonNullable<NonNullable<Parameters<typeof createClient>[2]>['realtime']>['transport']
};
// Nothing may be kept between calls: these clients serve many people.
const stateless = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

/** Supabase Auth (GoTrue): sessions live in cookies via @supabase/ssr, access tokens are verified against the JWKS. */
export function createSupabaseAuth(options: SupabaseAuthOptions): AuthPort {
	const url = options.url.replace(/\/+$/, '');
	const issuer = `${url}/auth/v1`;
	const global = options.fetch ? { fetch: options.fetch } : {};
	const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
		headers: { apikey: options.anonKey },
		...(options.fetch ? { [customFetch]: options.fetch } : {})
	});
	const admin = createClient(url, options.serviceRoleKey, { auth: stateless, realtime, global }).auth.admin;

	async function verifyAccessToken(token: string): Promise<Claims> {
		const { payload } = await jwtVerify(token, jwks, {
			issuer,
			audience: 'authenticated',
			algorithms: ['ES256', 'RS256']
		});
		return toClaims(payload, issuer);
	}

	return {
		kind: 'supabase',
		forRequest: (context) =>
			supabaseSession({
				context,
				url,
				anonKey: options.anonKey,
				issuer,
				global,
				secure: options.secureCookies ?? true,
				verifyAccessToken,
				sso: options.sso
			}),
		async createUser({ email, password }) {
			const { data, error } = await admin.createUser({ email, password, email_confirm: true });
			if (error) throw adminError(error);
			return data.user.id;
		},
		async setPassword(userId, password) {
			const { error } = await admin.updateUserById(userId, { password });
			if (error) throw adminError(error);
		},
		async checkPassword(email, password) {
			// A throw-away client: the check must not touch the request's cookies or any shared state.
			const probe = createClient(url, options.anonKey, { auth: stateless, realtime, global }).auth;
			const { data, error } = await probe.signInWithPassword({ email, password });
			if (error) {
				const code = signInError(error);
				if (code === 'unavailable' || code === 'throttled') throw new AuthError(code);
				return null;
			}
			// GoTrue made a real session for the check; end it so it does not linger as a usable refresh token.
			await probe.signOut({ scope: 'local' }).catch(() => undefined);
			return data.user.id;
		},
		async issueOneTimeToken({ email }) {
			// Always 'recovery': for an unknown address generate_link type 'magiclink' signs a new user up
			// instead of refusing. GoTrue keeps magic-link and recovery tokens in the same slot and
			// verifies either type against it, so the token redeems as a magic link just the same.
			const { data, error } = await admin.generateLink({ type: 'recovery', email });
			if (error) {
				if (error.code === 'user_not_found' || error.status === 404 || error.code === 'validation_failed') return null;
				throw adminError(error);
			}
			return data.properties.hashed_token;
		},
		verifyAccessToken,
		async deleteUser(userId) {
			// A hard delete: GoTrue removes the user with its identities, sessions and refresh tokens.
			const { error } = await admin.deleteUser(userId);
			if (error && error.code !== 'user_not_found' && error.status !== 404) throw adminError(error);
		}
	};
}

interface SessionDeps {
	context: RequestAuthContext;
	url: string;
	anonKey: string;
	issuer: string;
	global: { fetch?: typeof fetch };
	secure: boolean;
	verifyAccessToken: (token: string) => Promise<Claims>;
	sso?: SupabaseSso;
}

function supabaseSession(deps: SessionDeps): AuthSession {
	const { cookies, userAgent } = deps.context;
	const storageKey = `sb-${new URL(deps.url).hostname.split('.')[0]}-auth-token`;
	const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secure };
	const supabase = createServerClient(deps.url, deps.anonKey, {
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (list) => {
				for (const { name, value, options } of list) {
					if (value) cookies.set(name, value, toJarOptions(options));
					else cookies.delete(name, toJarOptions(options));
				}
			}
		},
		cookieOptions: { name: storageKey, ...cookieOptions },
		realtime,
		// GoTrue records the user agent with the session; the client's address is not forwarded
		// because GoTrue only trusts a forwarding header it was configured for.
		global: { ...deps.global, headers: userAgent ? { 'User-Agent': userAgent } : {} }
	});

	function clearCookies(): void {
		for (const { name } of cookies.getAll()) {
			if (name === storageKey || name.startsWith(`${storageKey}.`) || name.startsWith(`${storageKey}-`))
				cookies.delete(name, cookieOptions);
		}
	}

	/** Claims of a session GoTrue just issued; a token that does not verify means a misconfigured URL or key. */
	async function claimsOfNewSession(accessToken: string): Promise<Claims> {
		try {
			return await deps.verifyAccessToken(accessToken);
		} catch (error) {
			clearCookies();
			throw new Error('Supabase Auth issued an access token that does not verify (check SUPABASE_URL)', {
				cause: error
			});
		}
	}

	async function getClaims(): Promise<Claims | null> {
		try {
			// Refreshes an expiring session (writing the cookies) and verifies the JWT against the JWKS.
			const { data, error } = await supabase.auth.getClaims();
			if (error) throw error;
			return data ? toClaims(data.claims, deps.issuer) : null;
		} catch (error) {
			// An outage is not a verdict on the session: keep the cookies for when GoTrue is back.
			if (!isUnavailable(error)) clearCookies();
			return null;
		}
	}

	/** GoTrue runs the provider flow (PKCE: @supabase/ssr keeps the verifier in a cookie until the callback). */
	function providerSso(sso: SupabaseSso): ProviderSso {
		return {
			async start(callbackUrl) {
				const { data, error } =
					'provider' in sso
						? await supabase.auth.signInWithOAuth({
								provider: sso.provider as Provider,
								options: { redirectTo: callbackUrl, skipBrowserRedirect: true }
							})
						: await supabase.auth.signInWithSSO({ domain: sso.domain, options: { redirectTo: callbackUrl } });
				if (error || !data?.url) throw new AuthError(isUnavailable(error) ? 'unavailable' : 'invalid_credentials');
				return data.url;
			},
			async finish(code) {
				// The code is redeemed once, with this browser's verifier; GoTrue refuses a replay.
				const { data, error } = await supabase.auth.exchangeCodeForSession(code);
				if (error || !data.session) throw new AuthError(isUnavailable(error) ? 'unavailable' : 'invalid_link');
				return claimsOfNewSession(data.session.access_token);
			}
		};
	}

	return {
		getClaims,
		async getRequestClaims() {
			// GoTrue's own check is the verdict; nothing is left for the database.
			const claims = await getClaims();
			return claims ? { claims } : null;
		},
		factors: supabaseFactors({ auth: supabase.auth, verifyAccessToken: deps.verifyAccessToken, isUnavailable }),
		sso: deps.sso && providerSso(deps.sso),
		async signInWithPassword(email, password) {
			const { data, error } = await supabase.auth.signInWithPassword({ email, password });
			if (error) throw new AuthError(signInError(error));
			return claimsOfNewSession(data.session.access_token);
		},
		async verifyOneTimeToken(token, type) {
			const { data, error } = await supabase.auth.verifyOtp({ token_hash: token, type });
			if (error) throw new AuthError(isUnavailable(error) ? 'unavailable' : 'invalid_link');
			if (!data.session) throw new AuthError('invalid_link');
			return claimsOfNewSession(data.session.access_token);
		},
		async signOut() {
			// Revokes the session's refresh token at GoTrue; issued access tokens stay valid until they expire.
			await supabase.auth.signOut({ scope: 'local' }).catch(() => undefined);
			// auth-js keeps the cookies when /logout fails: the person asked to leave, so clear them anyway.
			clearCookies();
		},
		// GoTrue's public API lists no sessions and ends none singly (only the admin database could).
		listSessions: async () => null,
		endSession: async () => false,
		async endOtherSessions() {
			// POST /logout?scope=others with this session's access token: GoTrue revokes the refresh tokens
			// of every other session; their access tokens stay valid until they expire.
			const { error } = await supabase.auth.signOut({ scope: 'others' });
			if (error) throw new AuthError(isUnavailable(error) ? 'unavailable' : 'invalid_credentials');
			return null;
		}
	};
}

/** Our Claims from a verified payload; also rejects what getClaims() does not check (issuer, audience, role). */
function toClaims(payload: Record<string, unknown>, issuer: string): Claims {
	const { sub, email, session_id: sessionId, exp, role, aud, iss } = payload;
	const audiences = Array.isArray(aud) ? aud : [aud];
	if (iss !== issuer || !audiences.includes('authenticated') || role !== 'authenticated') {
		throw new Error('token is not an access token of this project');
	}
	if (
		typeof sub !== 'string' ||
		typeof email !== 'string' ||
		typeof sessionId !== 'string' ||
		typeof exp !== 'number'
	) {
		throw new Error('token lacks user claims');
	}
	return { ...payload, sub, email, role: 'authenticated', aud: 'authenticated', session_id: sessionId, exp };
}

function toJarOptions(options: SupabaseCookieOptions): CookieOptions {
	const sameSite =
		options.sameSite === true
			? 'strict'
			: typeof options.sameSite === 'string'
				? options.sameSite.toLowerCase()
				: undefined;
	return {
		path: options.path ?? '/',
		httpOnly: options.httpOnly,
		secure: options.secure,
		sameSite: sameSite as CookieOptions['sameSite'],
		maxAge: options.maxAge,
		expires: options.expires,
		domain: options.domain
	};
}

/** Network errors and 5xx: nothing the person can fix. */
function isUnavailable(error: unknown): boolean {
	if (isAuthRetryableFetchError(error)) return true;
	const status = isAuthError(error) ? error.status : undefined;
	return typeof status === 'number' && status >= 500;
}

function signInError(error: unknown): 'invalid_credentials' | 'deactivated' | 'throttled' | 'unavailable' {
	if (!isAuthError(error) || isUnavailable(error)) return 'unavailable';
	if (error.code === 'user_banned') return 'deactivated';
	if (error.status === 429) return 'throttled';
	// Only answers that really are about the credentials may count as a failed attempt.
	if (error.status === 400 || error.status === 422) return 'invalid_credentials';
	return 'unavailable';
}

function adminError(error: unknown): Error {
	if (!isAuthError(error)) return error instanceof Error ? error : new Error(String(error));
	if (error.code === 'email_exists' || (error.status === 422 && /already (been )?registered/i.test(error.message))) {
		return new AuthError('email_taken');
	}
	if (error.code === 'weak_password') return new AuthError('weak_password');
	if (isUnavailable(error)) return new AuthError('unavailable');
	return new Error(`Supabase Auth admin call failed: ${error.message}`, { cause: error });
}
