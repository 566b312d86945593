import type { Claims } from '../db/scoped';
import type { Tx } from '../db/types';

export type OneTimeTokenType = 'magiclink' | 'recovery';

export type AuthErrorCode =
	| 'invalid_credentials'
	| 'invalid_link'
	| 'throttled'
	| 'deactivated'
	| 'weak_password'
	| 'email_taken'
	| 'unavailable';

/** A refusal the user can act on; `code` maps to a translated message. */
export class AuthError extends Error {
	constructor(
		readonly code: AuthErrorCode,
		/** For `throttled`: seconds until another attempt is allowed. */
		readonly retryAfterSeconds?: number
	) {
		super(code);
	}
}

/** What an adapter may do with the request's cookies (SvelteKit's `cookies` fits). */
export interface CookieJar {
	get(name: string): string | undefined;
	getAll(): { name: string; value: string }[];
	set(name: string, value: string, options: CookieOptions): void;
	delete(name: string, options: CookieOptions): void;
}

export interface CookieOptions {
	path: string;
	httpOnly?: boolean;
	secure?: boolean;
	sameSite?: 'lax' | 'strict' | 'none';
	maxAge?: number;
	expires?: Date;
	domain?: string;
}

export interface RequestAuthContext {
	cookies: CookieJar;
	/** The client's address, for session records. */
	ip: string;
	userAgent?: string;
}

/**
 * A request's verified claims. Where the adapter must still ask the database whether the session is live
 * (local auth: signed out elsewhere, deactivated), it hands that check over instead of running a
 * transaction of its own: the caller runs `sessionIsLive` in its first transaction as these claims and
 * treats false as signed out (bench/pages/README.md: one transaction less per page).
 */
export interface RequestClaims {
	claims: Claims;
	sessionIsLive?: (tx: Tx) => Promise<boolean>;
}

/** One of a person's sessions as the adapter knows it. */
export interface SessionRecord {
	id: string;
	createdAt: Date;
	lastUsedAt: Date;
	userAgent: string | null;
	ip: string | null;
}

/** A TOTP factor the provider keeps for the person (Supabase Auth's MFA). */
export interface ProviderFactor {
	id: string;
	/** False while the enrolment waits for its first code. */
	verified: boolean;
}

/** Second factors kept by the auth provider; the code check and the aal2 session are the provider's. */
export interface ProviderFactors {
	/** The person's TOTP factors, read fresh from the provider. */
	list(): Promise<ProviderFactor[]>;
	/** Enrols a new, unverified TOTP factor; its secret and otpauth:// address are returned only now. */
	enrol(input: { issuer: string; name: string }): Promise<{ id: string; secret: string; uri: string }>;
	/**
	 * Challenges the factor and verifies `code`; on success the provider verifies the factor (if new) and
	 * issues an aal2 session (cookies rewritten) whose claims are returned. Null for a wrong code.
	 */
	verify(factorId: string, code: string): Promise<Claims | null>;
	/** Removes a factor (a verified one only from an aal2 session). */
	remove(factorId: string): Promise<void>;
}

/** Single sign-on run by the auth provider (Supabase Auth: signInWithOAuth / signInWithSSO with PKCE). */
export interface ProviderSso {
	/** The provider's sign-in address; the PKCE verifier is kept in the request's cookies. */
	start(callbackUrl: string): Promise<string>;
	/** Redeems the code the provider sent back (once, with the verifier from the cookies) into a session. */
	finish(code: string): Promise<Claims>;
}

/** Auth bound to one request's cookies. */
export interface AuthSession {
	/** The verified claims of the request's session (refreshing the access token when needed), or null. */
	getClaims(): Promise<Claims | null>;
	/** Like getClaims, with any database check of the session left to the caller (see RequestClaims). */
	getRequestClaims(): Promise<RequestClaims | null>;
	/** Checks the password and starts a session (sets cookies); AuthError('invalid_credentials') otherwise. */
	signInWithPassword(email: string, password: string): Promise<Claims>;
	/** Redeems a magic-link or recovery token once and starts a session; AuthError('invalid_link') otherwise. */
	verifyOneTimeToken(token: string, type: OneTimeTokenType): Promise<Claims>;
	/** Ends the session server-side and clears the cookies. */
	signOut(): Promise<void>;
	/**
	 * Local auth: marks the session as having passed a second factor and re-issues its access token with
	 * `aal: 'aal2'` (the caller checked the factor). Absent with Supabase Auth, where GoTrue's MFA verify does it.
	 */
	raiseAssurance?(claims: Claims): Promise<Claims>;
	/**
	 * Local auth, single sign-on: starts a session for an account the caller matched to an identity the
	 * provider vouched for (sso.service). `providerMfa`: the provider says it checked several factors, and the
	 * session starts at aal2. Absent with Supabase Auth, where GoTrue runs the provider flow (`sso`).
	 */
	signInWithIdentity?(user: { id: string; email: string }, options: { providerMfa: boolean }): Promise<Claims>;
	/** Supabase Auth: sign-in through the provider configured in Supabase (OIDC/OAuth or SAML). */
	sso?: ProviderSso;
	/** Supabase Auth: its MFA API. Absent with local auth, where the app keeps the factors (two-factor.service). */
	factors?: ProviderFactors;
	/** The signed-in person's sessions, or null where the provider offers no list (Supabase Auth). */
	listSessions(claims: Claims): Promise<SessionRecord[] | null>;
	/** Ends one of the person's sessions by id; false when they have no such session or cannot end one singly. */
	endSession(claims: Claims, sessionId: string): Promise<boolean>;
	/** Ends every session of the person but this one; the ended ids, or null where the provider does not say. */
	endOtherSessions(claims: Claims): Promise<string[] | null>;
}

/** The auth port: local (embedded) or Supabase Auth. */
export interface AuthPort {
	readonly kind: 'local' | 'supabase';
	forRequest(context: RequestAuthContext): AuthSession;
	/** Creates a confirmed account (invitation acceptance); AuthError('email_taken') if it exists. */
	createUser(input: { email: string; password: string }): Promise<string>;
	/** Sets a new password without the old one (after the caller proved who they are). */
	setPassword(userId: string, password: string): Promise<void>;
	/** The account's id when the password is right, otherwise null; starts no session. */
	checkPassword(email: string, password: string): Promise<string | null>;
	/** A one-time token for a sign-in or reset link, or null when no such account exists. */
	issueOneTimeToken(input: { email: string; type: OneTimeTokenType }): Promise<string | null>;
	/** Verifies an access token (JWT) and returns its claims; throws on a bad signature, expiry or audience. */
	verifyAccessToken(token: string): Promise<Claims>;
	/** Deletes the account with its sessions and tokens (removal of a member); an unknown id is not an error. */
	deleteUser(userId: string): Promise<void>;
}

// bcrypt (GoTrue) reads at most 72 bytes, hence the upper limit.
export { PASSWORD_MIN, PASSWORD_MAX } from '$lib/password-rules';
