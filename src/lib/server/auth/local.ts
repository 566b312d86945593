import { SignJWT, jwtVerify } from 'jose';
import { withSystem, type Claims } from '../db/scoped';
import type { Database } from '../db/types';
import { loadOrCreateSigningKeys, type SigningKeys } from './local-keys';
import * as repo from './local-auth.repository';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import {
	AuthError,
	type AuthPort,
	type AuthSession,
	type CookieJar,
	type OneTimeTokenType,
	type RequestAuthContext
} from './port';
import { randomSecret, sha256 } from './tokens';
import { raiseSession } from './two-factor.repository';
import { verifiedTokenCache } from './verified-tokens';

export const ACCESS_COOKIE = 'beirat-access';
export const REFRESH_COOKIE = 'beirat-refresh';
const ACCESS_SECONDS = 60 * 60;
const SESSION_SECONDS = 30 * 24 * 60 * 60;
/** How long a link in a mail stays valid: one lifetime for both kinds, as GoTrue has (config.toml otp_expiry). */
export const LINK_SECONDS: Record<OneTimeTokenType, number> = { magiclink: 15 * 60, recovery: 15 * 60 };

export interface LocalAuthOptions {
	db: Database;
	/** Where the signing key is kept (DATA_DIR). */
	dataDir: string;
	/** The JWT issuer: the app's origin. */
	issuer: string;
	/** Secure cookies everywhere but plain-http localhost. */
	secureCookies?: boolean;
}

/** Local auth: accounts in auth.users, ES256 access tokens shaped like Supabase's, refresh via cookie. */
export async function createLocalAuth(options: LocalAuthOptions): Promise<AuthPort> {
	const keys = await loadOrCreateSigningKeys(options.dataDir);
	const { db, issuer } = options;
	const system = <T>(fn: Parameters<typeof withSystem<T>>[2]) => withSystem(db, 'local-auth', fn);

	async function sign(
		user: { id: string; email: string },
		sessionId: string,
		aal: 'aal1' | 'aal2' = 'aal1',
		/** How the person signed in (RFC 8176-like amr method), when not password/totp. */
		method?: 'sso'
	): Promise<{ jwt: string; claims: Claims }> {
		const iat = Math.floor(Date.now() / 1000);
		const claims: Claims = {
			sub: user.id,
			email: user.email,
			role: 'authenticated',
			aud: 'authenticated',
			session_id: sessionId,
			iat,
			exp: iat + ACCESS_SECONDS,
			aal,
			amr: [{ method: method ?? (aal === 'aal2' ? 'totp' : 'password'), timestamp: iat }],
			is_anonymous: false
		};
		const jwt = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
			.setIssuer(issuer)
			.sign(keys.privateKey);
		return { jwt, claims };
	}

	const verifiedTokens = verifiedTokenCache<Claims>();

	async function verifyAccessToken(token: string): Promise<Claims> {
		const known = verifiedTokens.get(token, Math.floor(Date.now() / 1000));
		if (known) return known;
		const { payload } = await jwtVerify(token, keys.publicKey, {
			issuer,
			audience: 'authenticated',
			algorithms: ['ES256']
		});
		if (payload.role !== 'authenticated' || typeof payload.sub !== 'string' || typeof payload.session_id !== 'string') {
			throw new Error('token is not a user access token');
		}
		verifiedTokens.set(token, payload as Claims);
		return payload as Claims;
	}

	return {
		kind: 'local',
		forRequest: (context) =>
			localSession({ context, keys, system, sign, verifyAccessToken, secure: options.secureCookies ?? true }),
		async createUser({ email, password }) {
			const passwordHash = await hashPassword(password);
			try {
				return await system((tx) => repo.insertUser(tx, { email, passwordHash }));
			} catch (error) {
				if ((error as { code?: string }).code === '23505') throw new AuthError('email_taken');
				throw error;
			}
		},
		async setPassword(userId, password) {
			const passwordHash = await hashPassword(password);
			await system((tx) => repo.updatePassword(tx, userId, passwordHash));
		},
		async checkPassword(email, password) {
			const user = await system((tx) => repo.findUserByEmail(tx, email));
			if (!user) {
				await burnPasswordCheck(password);
				return null;
			}
			return (await verifyPassword(password, user.encrypted_password)) ? user.id : null;
		},
		async issueOneTimeToken({ email, type }) {
			const token = randomSecret();
			const issued = await system(async (tx) => {
				const user = await repo.findUserByEmail(tx, email);
				if (!user) return false;
				await repo.insertOneTimeToken(tx, { userId: user.id, type, tokenHash: sha256(token), email: user.email });
				return true;
			});
			return issued ? token : null;
		},
		verifyAccessToken,
		async deleteUser(userId) {
			// Sessions, refresh and one-time tokens go with the row (on delete cascade).
			await system((tx) => repo.deleteUser(tx, userId));
		}
	};
}

interface SessionDeps {
	context: RequestAuthContext;
	keys: SigningKeys;
	system: <T>(fn: (tx: import('../db/types').Tx) => Promise<T>) => Promise<T>;
	sign: (
		user: { id: string; email: string },
		sessionId: string,
		aal?: 'aal1' | 'aal2',
		method?: 'sso'
	) => Promise<{ jwt: string; claims: Claims }>;
	verifyAccessToken: (token: string) => Promise<Claims>;
	secure: boolean;
}

function localSession(deps: SessionDeps): AuthSession {
	const { context, system, sign, verifyAccessToken } = deps;
	const { cookies } = context;
	const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secure };

	function setCookies(jar: CookieJar, access: string, refresh?: string) {
		jar.set(ACCESS_COOKIE, access, { ...cookieOptions, maxAge: ACCESS_SECONDS });
		if (refresh) jar.set(REFRESH_COOKIE, refresh, { ...cookieOptions, maxAge: SESSION_SECONDS });
	}

	function clearCookies() {
		cookies.delete(ACCESS_COOKIE, cookieOptions);
		cookies.delete(REFRESH_COOKIE, cookieOptions);
	}

	async function start(user: { id: string; email: string }, method?: 'sso'): Promise<Claims> {
		const sessionId = crypto.randomUUID();
		const secret = randomSecret();
		await system((tx) =>
			repo.insertSession(tx, {
				id: sessionId,
				userId: user.id,
				refreshTokenHash: sha256(secret),
				lifetimeSeconds: SESSION_SECONDS,
				userAgent: context.userAgent?.slice(0, 500),
				ip: context.ip
			})
		);
		const { jwt, claims } = await sign(user, sessionId, 'aal1', method);
		setCookies(cookies, jwt, `${sessionId}.${secret}`);
		return claims;
	}

	/** The access cookie's claims if its signature and expiry verify; the session itself is not checked. */
	async function verifiedAccessClaims(): Promise<Claims | null> {
		const token = cookies.get(ACCESS_COOKIE);
		return token ? verifyAccessToken(token).catch(() => null) : null;
	}

	async function fromAccessCookie(): Promise<Claims | null> {
		const claims = await verifiedAccessClaims();
		if (!claims) return null;
		// Checked on every request so that sign-out elsewhere and deactivation take effect at once.
		return (await system((tx) => repo.sessionIsLive(tx, claims.session_id, claims.sub))) ? claims : null;
	}

	async function fromRefreshCookie(): Promise<Claims | null> {
		const [sessionId, secret] = (cookies.get(REFRESH_COOKIE) ?? '').split('.');
		if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) return null;
		const user = await system((tx) => repo.refreshSession(tx, sessionId, sha256(secret)));
		if (!user) return null;
		const { jwt, claims } = await sign(user, sessionId, user.aal === 'aal2' ? 'aal2' : 'aal1');
		setCookies(cookies, jwt);
		return claims;
	}

	return {
		async getClaims() {
			const claims = (await fromAccessCookie()) ?? (await fromRefreshCookie());
			if (!claims && (cookies.get(ACCESS_COOKIE) || cookies.get(REFRESH_COOKIE))) clearCookies();
			return claims;
		},
		async getRequestClaims() {
			// The session check travels with the request's first transaction; when it fails, the caller
			// signs out, which checks again here and clears the cookies as getClaims would have.
			const claims = await verifiedAccessClaims();
			if (claims) return { claims, sessionIsLive: repo.requestSessionIsLive };
			// A refresh checks the session itself.
			const refreshed = await fromRefreshCookie();
			if (!refreshed && (cookies.get(ACCESS_COOKIE) || cookies.get(REFRESH_COOKIE))) clearCookies();
			return refreshed ? { claims: refreshed } : null;
		},
		async signInWithPassword(email, password) {
			const user = await system((tx) => repo.findUserByEmail(tx, email));
			if (!user) {
				await burnPasswordCheck(password);
				throw new AuthError('invalid_credentials');
			}
			if (!(await verifyPassword(password, user.encrypted_password))) throw new AuthError('invalid_credentials');
			return start(user);
		},
		async verifyOneTimeToken(token, type) {
			const user = await system((tx) =>
				repo.consumeOneTimeToken(tx, { tokenHash: sha256(token), type, maxAgeSeconds: LINK_SECONDS[type] })
			);
			if (!user) throw new AuthError('invalid_link');
			return start(user);
		},
		async signInWithIdentity(user, { providerMfa }) {
			const claims = await start(user, 'sso');
			if (!providerMfa) return claims;
			// The provider's own second factor counts: the session starts at aal2 (kept across refreshes).
			if (!(await system((tx) => raiseSession(tx, claims.session_id, claims.sub))))
				throw new AuthError('invalid_credentials');
			const { jwt, claims: raised } = await sign(user, claims.session_id, 'aal2', 'sso');
			setCookies(cookies, jwt);
			return raised;
		},
		async signOut() {
			// Only a session the cookies prove to own is ended.
			const claims = (await fromAccessCookie()) ?? (await fromRefreshCookie());
			if (claims) await system((tx) => repo.deleteSession(tx, claims.session_id));
			clearCookies();
		},
		async raiseAssurance(claims) {
			const raised = await system((tx) => raiseSession(tx, claims.session_id, claims.sub));
			if (!raised) throw new AuthError('invalid_credentials');
			const { jwt, claims: next } = await sign({ id: claims.sub, email: claims.email }, claims.session_id, 'aal2');
			setCookies(cookies, jwt);
			return next;
		},
		listSessions: (claims) => system((tx) => repo.listSessions(tx, claims.sub)),
		endSession: (claims, sessionId) => system((tx) => repo.deleteSessionOf(tx, claims.sub, sessionId)),
		endOtherSessions: (claims) => system((tx) => repo.deleteOtherSessions(tx, claims.sub, claims.session_id))
	};
}
