import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, type AuthPort } from '$lib/server/auth/port';
import { createSupabaseAuth } from '$lib/server/auth/supabase';
import { MemoryCookieJar } from '../support/cookie-jar';
import { startFakeGoTrue, type FakeGoTrue, type FakeUser } from '../support/fake-gotrue';

const PASSWORD = 'correct horse battery';

let fake: FakeGoTrue;
let auth: AuthPort;
let counter = 0;

beforeAll(async () => {
	fake = await startFakeGoTrue();
	auth = createSupabaseAuth({ url: fake.url, anonKey: fake.anonKey, serviceRoleKey: fake.serviceRoleKey });
});
afterAll(() => fake.close());
beforeEach(() => {
	fake.requests.length = 0;
	Object.assign(fake.state, { accessTokenSeconds: 3600, outage: false });
});

const newEmail = () => `person${++counter}@beirat.example`;
const request = (jar = new MemoryCookieJar(), port = auth) => ({
	jar,
	session: port.forRequest({ cookies: jar, ip: '203.0.113.7', userAgent: 'vitest' })
});
const calls = (method: string, path: string) =>
	fake.requests.filter((r) => r.method === method && r.path === `/auth/v1${path}`);

/** The AuthError code a promise rejects with; fails the test on any other outcome. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => expect.fail('expected an AuthError'),
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AuthError);
	return (error as AuthError).code;
}

async function signedIn(user: FakeUser, password = PASSWORD) {
	const first = request();
	const claims = await first.session.signInWithPassword(user.email, password);
	return { claims, jar: first.jar };
}

describe('password sign-in', () => {
	it('sets session cookies that a later request verifies locally against the JWKS', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const { claims, jar } = await signedIn(user);
		expect(claims).toMatchObject({
			sub: user.id,
			email: user.email,
			role: 'authenticated',
			aud: 'authenticated',
			aal: 'aal1'
		});
		expect(fake.sessions.has(claims.session_id)).toBe(true);
		expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
		expect(jar.readSession(fake.storageKey)).toMatchObject({ user: { id: user.id } });
		const sets = jar.writes.filter((w) => w.op === 'set');
		expect(sets.length).toBeGreaterThan(0);
		for (const { options } of sets)
			expect(options).toMatchObject({ path: '/', httpOnly: true, sameSite: 'lax', secure: true });
		expect(calls('POST', '/token')[0]).toMatchObject({ query: { grant_type: 'password' }, apikey: fake.anonKey });

		fake.requests.length = 0;
		const later = request(jar.next());
		expect(await later.session.getClaims()).toMatchObject({
			sub: user.id,
			session_id: claims.session_id,
			email: user.email
		});
		// Verified with the published key, not by asking GoTrue, and no refresh for a fresh token.
		expect(calls('GET', '/user')).toHaveLength(0);
		expect(calls('POST', '/token')).toHaveLength(0);
	});

	it('marks cookies not secure when secureCookies is false (plain-http localhost)', async () => {
		const local = createSupabaseAuth({
			url: fake.url,
			anonKey: fake.anonKey,
			serviceRoleKey: fake.serviceRoleKey,
			secureCookies: false
		});
		const user = fake.addUser(newEmail(), PASSWORD);
		const { jar, session } = request(undefined, local);
		await session.signInWithPassword(user.email, PASSWORD);
		expect(jar.writes.length).toBeGreaterThan(0);
		for (const { options } of jar.writes) expect(options.secure).toBe(false);
	});

	it('refuses a wrong password or unknown address with invalid_credentials and sets no cookies', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const wrong = request();
		expect(await codeOf(wrong.session.signInWithPassword(user.email, 'not the password'))).toBe('invalid_credentials');
		expect(await codeOf(wrong.session.signInWithPassword(newEmail(), PASSWORD))).toBe('invalid_credentials');
		expect(wrong.jar.cookies.size).toBe(0);
	});

	it('reports an outage as unavailable everywhere', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const token = await auth.issueOneTimeToken({ email: user.email, type: 'magiclink' });
		fake.state.outage = true;
		expect(await codeOf(request().session.signInWithPassword(user.email, PASSWORD))).toBe('unavailable');
		expect(await codeOf(request().session.verifyOneTimeToken(token!, 'magiclink'))).toBe('unavailable');
		expect(await codeOf(auth.checkPassword(user.email, PASSWORD))).toBe('unavailable');
		expect(await codeOf(auth.createUser({ email: newEmail(), password: PASSWORD }))).toBe('unavailable');
	});

	it('keeps the session cookies when GoTrue cannot be reached to verify a token', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const { claims, jar } = await signedIn(user);
		// A key the client has not seen yet (rotation) needs the JWKS, which is down.
		const token = await fake.forgeToken({ user, sessionId: claims.session_id, kid: 'rotated' });
		jar.writeSession(fake.storageKey, { ...jar.readSession(fake.storageKey), access_token: token });
		fake.state.outage = true;
		const during = request(jar.next());
		expect(await during.session.getClaims()).toBeNull();
		expect(during.jar.readSession(fake.storageKey)).toMatchObject({ access_token: token });
	});

	it('refreshes an expiring access token and writes the new session to the cookies', async () => {
		fake.state.accessTokenSeconds = 30; // inside supabase-js's 90-second refresh margin
		const user = fake.addUser(newEmail(), PASSWORD);
		const { claims, jar } = await signedIn(user);
		const before = jar.readSession(fake.storageKey);
		const later = request(jar.next());
		const refreshed = await later.session.getClaims();
		expect(calls('POST', '/token').filter((r) => r.query.grant_type === 'refresh_token')).toHaveLength(1);
		expect(refreshed).toMatchObject({ sub: user.id, session_id: claims.session_id });
		const after = later.jar.readSession(fake.storageKey);
		expect(after?.refresh_token).not.toBe(before?.refresh_token);
		expect(after?.access_token).not.toBe(before?.access_token);
	});
});

describe('forged and stale access tokens', () => {
	const cases = [
		{ name: 'an expired token', forge: { expiresIn: -60 } },
		{ name: 'a token signed by another key under the project kid', forge: { key: 'other' as const } },
		{ name: 'a token signed by another key with its own kid', forge: { key: 'other' as const, kid: 'attacker' } },
		{ name: 'a token for another audience', forge: { audience: 'anon' } }
	];

	for (const { name, forge } of cases) {
		it(`rejects ${name}: getClaims is null and clears the cookies, verifyAccessToken throws`, async () => {
			const user = fake.addUser(newEmail(), PASSWORD);
			const { claims, jar } = await signedIn(user);
			const token = await fake.forgeToken({ user, sessionId: claims.session_id, ...forge });
			// The cookie claims a far-off expiry so that supabase-js does not refresh and must verify the token itself.
			jar.writeSession(fake.storageKey, {
				...jar.readSession(fake.storageKey),
				access_token: token,
				expires_at: Date.now() / 1000 + 3600
			});
			const planted = request(jar.next());
			expect(await planted.session.getClaims()).toBeNull();
			expect(planted.jar.readSession(fake.storageKey)).toBeNull();
			await expect(auth.verifyAccessToken(token)).rejects.toThrow();
		});
	}

	it('verifyAccessToken accepts a genuine token and returns its claims', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const token = await fake.forgeToken({ user, sessionId: 'c0ffee00-0000-4000-8000-000000000000' });
		expect(await auth.verifyAccessToken(token)).toMatchObject({
			sub: user.id,
			email: user.email,
			session_id: 'c0ffee00-0000-4000-8000-000000000000'
		});
	});
});

describe('one-time links', () => {
	it('redeems a magic link once: it signs in, a reused token is invalid_link', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const token = await auth.issueOneTimeToken({ email: user.email, type: 'magiclink' });
		expect(token).toMatch(/^[0-9a-f]{56}$/);
		const first = request();
		const claims = await first.session.verifyOneTimeToken(token!, 'magiclink');
		expect(claims).toMatchObject({ sub: user.id, email: user.email });
		expect(await request(first.jar.next()).session.getClaims()).toMatchObject({ session_id: claims.session_id });
		expect(await codeOf(request().session.verifyOneTimeToken(token!, 'magiclink'))).toBe('invalid_link');
		expect(await codeOf(request().session.verifyOneTimeToken('0'.repeat(56), 'magiclink'))).toBe('invalid_link');
	});

	it('redeems a recovery link into a session', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const token = await auth.issueOneTimeToken({ email: user.email, type: 'recovery' });
		const { jar, session } = request();
		expect(await session.verifyOneTimeToken(token!, 'recovery')).toMatchObject({ sub: user.id });
		expect(jar.readSession(fake.storageKey)).toMatchObject({ user: { id: user.id } });
	});

	it('returns null for an unknown address and creates no account for it', async () => {
		const before = fake.users.size;
		const email = newEmail();
		expect(await auth.issueOneTimeToken({ email, type: 'magiclink' })).toBeNull();
		expect(await auth.issueOneTimeToken({ email, type: 'recovery' })).toBeNull();
		expect(fake.users.size).toBe(before);
		expect(fake.userByEmail(email)).toBeUndefined();
	});
});

describe('admin functions', () => {
	it('creates a confirmed account once; a second time is email_taken, a weak password weak_password', async () => {
		const email = newEmail();
		const id = await auth.createUser({ email, password: PASSWORD });
		expect(fake.users.get(id)?.emailConfirmedAt).not.toBeNull();
		expect((await request().session.signInWithPassword(email, PASSWORD)).sub).toBe(id);
		expect(await codeOf(auth.createUser({ email: email.toUpperCase(), password: PASSWORD }))).toBe('email_taken');
		expect(await codeOf(auth.createUser({ email: newEmail(), password: '123' }))).toBe('weak_password');
	});

	it('sets a new password: the new one signs in, the old one no longer does', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		await auth.setPassword(user.id, 'a brand new passphrase');
		expect((await request().session.signInWithPassword(user.email, 'a brand new passphrase')).sub).toBe(user.id);
		expect(await codeOf(request().session.signInWithPassword(user.email, PASSWORD))).toBe('invalid_credentials');
		expect(await codeOf(auth.setPassword(user.id, '123'))).toBe('weak_password');
	});

	it('checks a password without cookies and without leaving a session behind', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const bystander = request();
		const sessionsBefore = fake.sessions.size;
		expect(await auth.checkPassword(user.email, PASSWORD)).toBe(user.id);
		expect(await auth.checkPassword(user.email, 'wrong')).toBeNull();
		expect(await auth.checkPassword(newEmail(), PASSWORD)).toBeNull();
		expect(bystander.jar.writes).toHaveLength(0);
		expect(calls('POST', '/logout')).toHaveLength(1);
		expect(fake.sessions.size).toBe(sessionsBefore);
	});

	it('sends the service-role key only to admin endpoints and the anon key everywhere else', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		await signedIn(user);
		await auth.createUser({ email: newEmail(), password: PASSWORD });
		await auth.issueOneTimeToken({ email: user.email, type: 'recovery' });
		await auth.checkPassword(user.email, PASSWORD);
		const admin = fake.requests.filter((r) => r.path.startsWith('/auth/v1/admin/'));
		const rest = fake.requests.filter((r) => !r.path.startsWith('/auth/v1/admin/') && !r.path.endsWith('jwks.json'));
		expect(admin.length).toBe(2);
		for (const r of admin) expect(r).toMatchObject({ apikey: fake.serviceRoleKey, bearer: fake.serviceRoleKey });
		expect(rest.length).toBeGreaterThan(0);
		for (const r of rest) expect(r.apikey).toBe(fake.anonKey);
	});
});

describe('sign-out', () => {
	it('calls /logout with the session token, ends the session and clears the cookies', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const { claims, jar } = await signedIn(user);
		const accessToken = jar.readSession(fake.storageKey)?.access_token;
		const leaving = request(jar.next());
		await leaving.session.signOut();
		expect(calls('POST', '/logout')).toEqual([
			expect.objectContaining({ query: { scope: 'local' }, bearer: accessToken, apikey: fake.anonKey })
		]);
		expect(fake.sessions.has(claims.session_id)).toBe(false);
		expect(leaving.jar.cookies.size).toBe(0);
		expect(await request(leaving.jar.next()).session.getClaims()).toBeNull();
	});

	it('clears the cookies even when GoTrue is unreachable', async () => {
		const user = fake.addUser(newEmail(), PASSWORD);
		const { jar } = await signedIn(user);
		fake.state.outage = true;
		const leaving = request(jar.next());
		await leaving.session.signOut();
		expect(leaving.jar.cookies.size).toBe(0);
	});
});
