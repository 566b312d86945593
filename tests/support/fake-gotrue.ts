import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { Secret, TOTP } from 'otpauth';

/*
 * A small in-memory stand-in for Supabase Auth (GoTrue) behind the API gateway, for the endpoints the
 * Supabase adapter calls. Shapes follow supabase/auth (internal/api: token.go, verify.go, mail.go,
 * admin.go, logout.go, mfa.go, errors.go): error bodies depend on X-Supabase-Api-Version, magic links for an
 * unknown address sign a new user up, magic-link and recovery tokens share one slot per user; TOTP factors
 * are enrolled unverified, verified through a challenge (which raises the session to aal2), and enrolling
 * or removing a factor once one is verified needs an aal2 session. Single sign-on (external.go, sso.go,
 * token.go PKCE grant): /authorize and /sso start a flow with the browser's code challenge; the external
 * provider's answer is what `state.externalIdentity` says, linked to the user with that verified address
 * (signups disabled: an unknown or unverified address goes back with an error); the code redeems once.
 */

export interface FakeFactor {
	id: string;
	friendlyName: string;
	status: 'unverified' | 'verified';
	secret: string;
	createdAt: string;
}

export interface FakeUser {
	id: string;
	email: string;
	password: string;
	emailConfirmedAt: string | null;
	/** sha224(email + otp), like crypto.GenerateTokenHash. */
	recoveryToken?: string;
	recoverySentAt?: number;
	bannedUntil?: number;
	createdAt: string;
	factors: FakeFactor[];
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	apikey?: string;
	bearer?: string;
}

export interface ForgeOptions {
	user: FakeUser;
	sessionId?: string;
	/** 'other' signs with a key the project does not publish. */
	key?: 'project' | 'other';
	/** Header kid; defaults to the project key's kid even for the other key. */
	kid?: string;
	audience?: string;
	/** Negative for an already expired token. */
	expiresIn?: number;
	aal?: 'aal1' | 'aal2';
}

const OTP_EXPIRY_SECONDS = 3600;
const MIN_PASSWORD = 6;

export type FakeGoTrue = Awaited<ReturnType<typeof startFakeGoTrue>>;

/** Starts the fake on 127.0.0.1 (port 0); `url` is the project URL to give the adapter. */
export async function startFakeGoTrue() {
	const project = await generateKeyPair('ES256', { extractable: true });
	const other = await generateKeyPair('ES256', { extractable: true });
	const kid = randomUUID();
	const publicJwk: JWK = {
		...(await exportJWK(project.publicKey)),
		kid,
		alg: 'ES256',
		use: 'sig',
		key_ops: ['verify'],
		ext: true
	};
	const users = new Map<string, FakeUser>();
	const sessions = new Map<string, { userId: string; aal: 'aal1' | 'aal2' }>();
	const challenges = new Map<string, { factorId: string; expiresAt: number }>();
	const refreshTokens = new Map<string, { sessionId: string; revoked: boolean }>();
	const requests: LoggedRequest[] = [];
	const keys = { anon: `anon-${randomUUID()}`, serviceRole: `service-${randomUUID()}` };
	const state: {
		accessTokenSeconds: number;
		outage: boolean;
		/** Who the external provider (Keycloak, Entra ID, a SAML IdP) says signed in at the next /authorize. */
		externalIdentity: { email: string; verified: boolean } | null;
	} = { accessTokenSeconds: 3600, outage: false, externalIdentity: null };
	/** PKCE flows by auth code (GoTrue's flow_state): the challenge and the user it signs in, used once. */
	const flows = new Map<string, { challenge: string; method: string; userId: string }>();
	let url = '';

	const issuer = () => `${url}/auth/v1`;
	const byEmail = (email: string) => [...users.values()].find((u) => u.email === email.trim().toLowerCase());

	async function sign(input: ForgeOptions & { amr?: string }): Promise<string> {
		const now = Math.floor(Date.now() / 1000);
		const claims = {
			email: input.user.email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: {},
			role: 'authenticated',
			aal: input.aal ?? 'aal1',
			amr: [{ method: input.amr ?? 'password', timestamp: now }],
			session_id: input.sessionId ?? randomUUID(),
			is_anonymous: false
		};
		return new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: input.kid ?? kid, typ: 'JWT' })
			.setIssuer(issuer())
			.setSubject(input.user.id)
			.setAudience(input.audience ?? 'authenticated')
			.setIssuedAt(now)
			.setExpirationTime(now + (input.expiresIn ?? state.accessTokenSeconds))
			.sign((input.key === 'other' ? other : project).privateKey as CryptoKey);
	}

	async function issueSession(user: FakeUser, amr: string, sessionId: string = randomUUID()) {
		const aal = sessions.get(sessionId)?.aal ?? 'aal1';
		sessions.set(sessionId, { userId: user.id, aal });
		const refresh = randomBytes(9).toString('base64url');
		refreshTokens.set(refresh, { sessionId, revoked: false });
		const expiresIn = state.accessTokenSeconds;
		return {
			access_token: await sign({ user, sessionId, amr, expiresIn, aal }),
			token_type: 'bearer',
			expires_in: expiresIn,
			expires_at: Math.floor(Date.now() / 1000) + expiresIn,
			refresh_token: refresh,
			user: userJson(user),
			weak_password: null
		};
	}

	/** The user and session behind a bearer token, or an error already sent. */
	async function authenticate(ctx: Ctx): Promise<{ user: FakeUser; sessionId: string; aal: 'aal1' | 'aal2' } | null> {
		if (!ctx.bearer) return (ctx.fail(401, 'no_authorization', 'This endpoint requires a valid Bearer token'), null);
		const payload = await jwtVerify(ctx.bearer, project.publicKey, {
			issuer: issuer(),
			audience: 'authenticated'
		}).then(
			(r) => r.payload,
			() => null
		);
		if (!payload) return (ctx.fail(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature'), null);
		const sessionId = String(payload.session_id);
		const user = users.get(String(payload.sub));
		if (!user || !sessions.has(sessionId))
			return (ctx.fail(403, 'session_not_found', 'Session from session_id claim in JWT does not exist'), null);
		return { user, sessionId, aal: payload.aal === 'aal2' ? 'aal2' : 'aal1' };
	}

	/** The caller's factor named in the path, or an error already sent. */
	async function ownFactor(ctx: Ctx) {
		const who = await authenticate(ctx);
		if (!who) return null;
		const factor = who.user.factors.find((f) => f.id === ctx.params.id);
		if (!factor) return (ctx.fail(404, 'mfa_factor_not_found', 'Factor not found'), null);
		return { ...who, factor };
	}

	/** GoTrue refuses to change factors from an aal1 session once a factor is verified. */
	function needsAal2(ctx: Ctx, who: { user: FakeUser; aal: string }): boolean {
		if (who.aal === 'aal2' || !who.user.factors.some((f) => f.status === 'verified')) return false;
		ctx.fail(403, 'insufficient_aal', 'AAL2 required to enroll a new factor');
		return true;
	}

	/**
	 * The browser at /authorize: GoTrue would send it to the external provider and take it back at /callback;
	 * the fake does both at once and sends it to `redirect_to` with a code, or with an error.
	 */
	function externalSignIn(ctx: Ctx, query: Record<string, string>): void {
		const back = new URL(query.redirect_to ?? url);
		const identity = state.externalIdentity;
		const user = identity?.verified ? byEmail(identity.email) : undefined;
		if (!user) {
			back.searchParams.set('error', 'access_denied');
			back.searchParams.set('error_code', 'signup_disabled');
			back.searchParams.set('error_description', 'Signups not allowed for this instance');
		} else {
			const code = randomUUID();
			const method = (query.code_challenge_method ?? '').toLowerCase();
			flows.set(code, { challenge: query.code_challenge ?? '', method, userId: user.id });
			back.searchParams.set('code', code);
		}
		ctx.redirect(back.href);
	}

	const routes: Record<string, (ctx: Ctx) => Promise<void> | void> = {
		'GET /auth/v1/.well-known/jwks.json': (ctx) => ctx.send(200, { keys: [publicJwk] }),
		'POST /auth/v1/token': async (ctx) => {
			if (ctx.query.grant_type === 'password') {
				const user = byEmail(String(ctx.body.email ?? ''));
				if (!user || user.password !== ctx.body.password)
					return ctx.fail(400, 'invalid_credentials', 'Invalid login credentials');
				if (user.bannedUntil && user.bannedUntil > Date.now()) return ctx.fail(400, 'user_banned', 'User is banned');
				if (!user.emailConfirmedAt) return ctx.fail(400, 'email_not_confirmed', 'Email not confirmed');
				return ctx.send(200, await issueSession(user, 'password'));
			}
			if (ctx.query.grant_type === 'pkce') {
				const code = String(ctx.body.auth_code ?? '');
				const flow = flows.get(code);
				if (!flow) return ctx.fail(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
				flows.delete(code);
				const verifier = String(ctx.body.code_verifier ?? '');
				const computed = flow.method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
				if (computed !== flow.challenge)
					return ctx.fail(403, 'bad_code_verifier', 'code challenge does not match previously saved code verifier');
				return ctx.send(200, await issueSession(users.get(flow.userId)!, 'oauth'));
			}
			if (ctx.query.grant_type === 'refresh_token') {
				const entry = refreshTokens.get(String(ctx.body.refresh_token ?? ''));
				const session = entry && sessions.get(entry.sessionId);
				if (!entry || !session)
					return ctx.fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
				if (entry.revoked) return ctx.fail(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
				entry.revoked = true;
				return ctx.send(200, await issueSession(users.get(session.userId)!, 'password', entry.sessionId));
			}
			ctx.fail(400, 'validation_failed', 'unsupported_grant_type');
		},
		'GET /auth/v1/authorize': (ctx) => externalSignIn(ctx, ctx.query),
		'POST /auth/v1/sso': (ctx) => {
			// SAML: GoTrue answers with the IdP's address; the fake's IdP is its own /authorize.
			const { domain, redirect_to: redirectTo, code_challenge: challenge } = ctx.body as Record<string, string>;
			if (!domain) return ctx.fail(400, 'validation_failed', 'Only one of provider_id or domain supported');
			const query = new URLSearchParams({
				provider: `sso:${domain}`,
				redirect_to: redirectTo ?? '',
				code_challenge: challenge ?? '',
				code_challenge_method: String(ctx.body.code_challenge_method ?? '')
			});
			ctx.send(200, { url: `${issuer()}/authorize?${query}` });
		},
		'POST /auth/v1/verify': async (ctx) => {
			const { type, token_hash: hash } = ctx.body as { type?: string; token_hash?: string };
			if (type !== 'magiclink' && type !== 'recovery')
				return ctx.fail(400, 'validation_failed', 'Invalid email verification type');
			const user = [...users.values()].find((u) => hash && u.recoveryToken === hash);
			if (!user) return ctx.fail(403, 'otp_expired', 'Email link is invalid or has expired');
			if ((user.recoverySentAt ?? 0) + OTP_EXPIRY_SECONDS * 1000 < Date.now())
				return ctx.fail(403, 'otp_expired', 'Email link is invalid or has expired');
			user.recoveryToken = undefined;
			user.emailConfirmedAt ??= new Date().toISOString();
			ctx.send(200, await issueSession(user, 'otp'));
		},
		'POST /auth/v1/logout': async (ctx) => {
			const who = await authenticate(ctx);
			if (!who) return;
			const scope = ctx.query.scope ?? 'global';
			for (const [id, session] of sessions) {
				const mine = session.userId === who.user.id;
				if (
					(scope === 'local' && id === who.sessionId) ||
					(scope === 'global' && mine) ||
					(scope === 'others' && mine && id !== who.sessionId)
				)
					sessions.delete(id);
			}
			ctx.send(204);
		},
		'POST /auth/v1/factors': async (ctx) => {
			const who = await authenticate(ctx);
			if (!who || needsAal2(ctx, who)) return;
			if (ctx.body.factor_type !== 'totp') return ctx.fail(400, 'validation_failed', 'Invalid factor type');
			const friendlyName = String(ctx.body.friendly_name ?? '');
			if (friendlyName && who.user.factors.some((f) => f.friendlyName === friendlyName))
				return ctx.fail(422, 'mfa_factor_name_conflict', 'A factor with this friendly name already exists');
			const factor: FakeFactor = {
				id: randomUUID(),
				friendlyName,
				status: 'unverified',
				secret: new Secret({ size: 20 }).base32,
				createdAt: new Date().toISOString()
			};
			who.user.factors.push(factor);
			const uri = totp(factor.secret, who.user.email, String(ctx.body.issuer ?? new URL(url).host)).toString();
			ctx.send(200, {
				id: factor.id,
				type: 'totp',
				friendly_name: friendlyName,
				totp: { qr_code: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', secret: factor.secret, uri }
			});
		},
		'POST /auth/v1/factors/:id/challenge': async (ctx) => {
			const own = await ownFactor(ctx);
			if (!own) return;
			const id = randomUUID();
			const expiresAt = Math.floor(Date.now() / 1000) + 300;
			challenges.set(id, { factorId: own.factor.id, expiresAt });
			ctx.send(200, { id, type: 'totp', expires_at: expiresAt });
		},
		'POST /auth/v1/factors/:id/verify': async (ctx) => {
			const own = await ownFactor(ctx);
			if (!own) return;
			const challenge = challenges.get(String(ctx.body.challenge_id ?? ''));
			if (!challenge || challenge.factorId !== own.factor.id)
				return ctx.fail(404, 'mfa_challenge_not_found', 'MFA factor with the provided challenge ID not found');
			if (challenge.expiresAt < Date.now() / 1000)
				return ctx.fail(422, 'mfa_challenge_expired', 'MFA challenge has expired, verify against another challenge');
			const code = String(ctx.body.code ?? '');
			if (totp(own.factor.secret).validate({ token: code, window: 1 }) === null)
				return ctx.fail(422, 'mfa_verification_failed', 'Invalid TOTP code entered');
			challenges.delete(String(ctx.body.challenge_id));
			own.factor.status = 'verified';
			sessions.set(own.sessionId, { userId: own.user.id, aal: 'aal2' });
			ctx.send(200, await issueSession(own.user, 'totp', own.sessionId));
		},
		'DELETE /auth/v1/factors/:id': async (ctx) => {
			const own = await ownFactor(ctx);
			if (!own) return;
			if (own.factor.status === 'verified' && own.aal !== 'aal2')
				return ctx.fail(403, 'insufficient_aal', 'AAL2 required to unenroll verified factor');
			own.user.factors = own.user.factors.filter((f) => f.id !== own.factor.id);
			ctx.send(200, { id: own.factor.id });
		},
		'GET /auth/v1/user': async (ctx) => {
			const who = await authenticate(ctx);
			if (who) ctx.send(200, userJson(who.user));
		},
		'POST /auth/v1/admin/users': (ctx) => {
			if (!ctx.admin()) return;
			const email = String(ctx.body.email ?? '')
				.trim()
				.toLowerCase();
			const password = String(ctx.body.password ?? '');
			if (!/^[^@\s]+@[^@\s]+$/.test(email))
				return ctx.fail(400, 'validation_failed', 'Unable to validate email address: invalid format');
			if (byEmail(email))
				return ctx.fail(422, 'email_exists', 'A user with this email address has already been registered');
			if (password.length < MIN_PASSWORD) return weakPassword(ctx);
			const user = newUser(email, password, ctx.body.email_confirm === true);
			users.set(user.id, user);
			ctx.send(200, userJson(user));
		},
		'PUT /auth/v1/admin/users/:id': (ctx) => {
			if (!ctx.admin()) return;
			const user = users.get(ctx.params.id ?? '');
			if (!user) return ctx.fail(404, 'user_not_found', 'User not found');
			if (typeof ctx.body.password === 'string') {
				if (ctx.body.password.length < MIN_PASSWORD) return weakPassword(ctx);
				user.password = ctx.body.password;
			}
			ctx.send(200, userJson(user));
		},
		'DELETE /auth/v1/admin/users/:id': (ctx) => {
			if (!ctx.admin()) return;
			const user = users.get(ctx.params.id ?? '');
			if (!user) return ctx.fail(404, 'user_not_found', 'User not found');
			users.delete(user.id);
			// GoTrue deletes the user's sessions and refresh tokens with the user (cascade).
			for (const [id, session] of sessions) if (session.userId === user.id) sessions.delete(id);
			ctx.send(200, userJson(user));
		},
		'POST /auth/v1/admin/generate_link': (ctx) => {
			if (!ctx.admin()) return;
			let type = String(ctx.body.type ?? '');
			const email = String(ctx.body.email ?? '')
				.trim()
				.toLowerCase();
			let user = byEmail(email);
			if (!user && type === 'recovery') return ctx.fail(404, 'user_not_found', 'User with this email not found');
			if (!user && type === 'magiclink') {
				// GoTrue signs an unknown address up instead of refusing (mail.go adminGenerateLink).
				type = 'signup';
				user = newUser(email, randomBytes(32).toString('hex'), false);
				users.set(user.id, user);
			}
			if (!user || !['magiclink', 'recovery', 'signup'].includes(type))
				return ctx.fail(400, 'validation_failed', `Invalid email action link type requested: ${type}`);
			const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
			const hashed = createHash('sha224')
				.update(email + otp)
				.digest('hex');
			if (type !== 'signup') Object.assign(user, { recoveryToken: hashed, recoverySentAt: Date.now() });
			const action = `${issuer()}/verify?token=${hashed}&type=${type}&redirect_to=${encodeURIComponent(url)}`;
			ctx.send(200, {
				...userJson(user),
				action_link: action,
				email_otp: otp,
				hashed_token: hashed,
				verification_type: type,
				redirect_to: url
			});
		}
	};

	const server = createServer((req, res) => {
		handle({ req, res, routes, requests, keys, outage: state.outage }).catch((error) => {
			res.writeHead(500).end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		anonKey: keys.anon,
		serviceRoleKey: keys.serviceRole,
		/** The adapter's cookie name for this URL (supabase-js: sb-<first host label>-auth-token). */
		storageKey: `sb-${new URL(url).hostname.split('.')[0]}-auth-token`,
		users,
		sessions,
		requests,
		state,
		/** Adds a confirmed user directly, as the dashboard would. */
		addUser(email: string, password: string): FakeUser {
			const user = newUser(email, password, true);
			users.set(user.id, user);
			return user;
		},
		forgeToken: (options: ForgeOptions) => sign(options),
		userByEmail: byEmail,
		close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))
	};
}

function totp(secret: string, label = '', issuer = 'fake'): TOTP {
	return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

function weakPassword(ctx: Ctx): void {
	ctx.fail(422, 'weak_password', `Password should be at least ${MIN_PASSWORD} characters.`, {
		weak_password: { reasons: ['length'] }
	});
}

function newUser(email: string, password: string, confirmed: boolean): FakeUser {
	const now = new Date().toISOString();
	return {
		id: randomUUID(),
		email: email.trim().toLowerCase(),
		password,
		emailConfirmedAt: confirmed ? now : null,
		createdAt: now,
		factors: []
	};
}

function userJson(user: FakeUser) {
	return {
		id: user.id,
		aud: 'authenticated',
		role: 'authenticated',
		email: user.email,
		email_confirmed_at: user.emailConfirmedAt,
		phone: '',
		confirmed_at: user.emailConfirmedAt,
		app_metadata: { provider: 'email', providers: ['email'] },
		user_metadata: {},
		identities: [],
		factors: user.factors.map((f) => ({
			id: f.id,
			friendly_name: f.friendlyName,
			factor_type: 'totp',
			status: f.status,
			created_at: f.createdAt,
			updated_at: f.createdAt
		})),
		created_at: user.createdAt,
		updated_at: user.createdAt,
		is_anonymous: false
	};
}

interface Ctx {
	query: Record<string, string>;
	params: Record<string, string>;
	body: Record<string, unknown>;
	bearer?: string;
	send(status: number, body?: unknown): void;
	redirect(location: string): void;
	fail(status: number, code: string, message: string, extra?: Record<string, unknown>): void;
	/** True for the service-role key; otherwise answers 403 not_admin. */
	admin(): boolean;
}

interface HandleInput {
	req: IncomingMessage;
	res: ServerResponse;
	routes: Record<string, (ctx: Ctx) => Promise<void> | void>;
	requests: LoggedRequest[];
	keys: { anon: string; serviceRole: string };
	outage: boolean;
}

async function handle({ req, res, routes, requests, keys, outage }: HandleInput): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://fake');
	const apikey = header(req, 'apikey');
	const bearer = header(req, 'authorization')?.replace(/^Bearer /i, '');
	const query = Object.fromEntries(url.searchParams);
	requests.push({ method: req.method ?? 'GET', path: url.pathname, query, apikey, bearer });
	const json = (status: number, body?: unknown, extra: Record<string, string> = {}) => {
		if (body === undefined) return void res.writeHead(status, extra).end();
		res.writeHead(status, { 'content-type': 'application/json', ...extra }).end(JSON.stringify(body));
	};
	if (outage) return json(503, { message: 'upstream unavailable' });
	// The gateway in front of GoTrue: every route but the JWKS and the browser's /authorize needs a project key.
	const openRoute = url.pathname.endsWith('/.well-known/jwks.json') || url.pathname === '/auth/v1/authorize';
	if (!openRoute && apikey !== keys.anon && apikey !== keys.serviceRole) {
		return json(401, { message: apikey ? 'Invalid API key' : 'No API key found in request' });
	}
	const versioned = (header(req, 'x-supabase-api-version') ?? '') >= '2024-01-01';
	const ctx: Ctx = {
		query,
		params: {},
		body: await readJson(req),
		bearer,
		send: (status, body) => json(status, body),
		redirect: (location) => json(302, undefined, { location }),
		fail: (status, code, message, extra = {}) =>
			versioned
				? json(status, { code, message, ...extra }, { 'x-supabase-api-version': '2024-01-01' })
				: json(status, { code: status, error_code: code, msg: message, ...extra }),
		admin: () => bearer === keys.serviceRole || (ctx.fail(403, 'not_admin', 'User not allowed'), false)
	};
	const userRoute = /^\/auth\/v1\/admin\/users\/([^/]+)$/.exec(url.pathname);
	const factorRoute = /^\/auth\/v1\/factors\/([^/]+)(\/challenge|\/verify)?$/.exec(url.pathname);
	const id = userRoute?.[1] ?? factorRoute?.[1];
	if (id) ctx.params.id = id;
	const path = userRoute
		? '/auth/v1/admin/users/:id'
		: factorRoute
			? `/auth/v1/factors/:id${factorRoute[2] ?? ''}`
			: url.pathname;
	const route = routes[`${req.method} ${path}`];
	if (!route) return ctx.fail(404, 'not_found', 'Not found');
	await route(ctx);
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
