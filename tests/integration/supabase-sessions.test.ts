import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthPort } from '$lib/server/auth/port';
import { createSessionService } from '$lib/server/auth/session.service';
import { createSupabaseAuth } from '$lib/server/auth/supabase';
import type { AccessScope } from '$lib/server/collab/hub';
import { MemoryCookieJar } from '../support/cookie-jar';
import { startFakeGoTrue, type FakeGoTrue } from '../support/fake-gotrue';

// Sessions with Supabase Auth (#17): GoTrue's public API lists no sessions; "end all others" is
// POST /logout?scope=others with the session's own access token (supabase/auth internal/api/logout.go).

const PASSWORD = 'correct horse battery';
let fake: FakeGoTrue;
let auth: AuthPort;
let counter = 0;

beforeAll(async () => {
	fake = await startFakeGoTrue();
	auth = createSupabaseAuth({ url: fake.url, anonKey: fake.anonKey, serviceRoleKey: fake.serviceRoleKey });
});
afterAll(() => fake.close());

async function browserOf(email: string) {
	const jar = new MemoryCookieJar();
	const session = auth.forRequest({ cookies: jar, ip: '203.0.113.7', userAgent: 'vitest' });
	const claims = await session.signInWithPassword(email, PASSWORD);
	return { jar, session, claims };
}

describe('sessions with Supabase Auth', () => {
	it('lists none and ends none singly, and says so instead of pretending', async () => {
		const user = fake.addUser(`s${++counter}@beirat.example`, PASSWORD);
		const here = await browserOf(user.email);
		const other = await browserOf(user.email);
		const scopes: AccessScope[] = [];
		const service = createSessionService({ ...here, collab: { accessChanged: (s) => scopes.push(s) } });
		expect(await service.list()).toEqual({ listed: false });
		await expect(service.end(other.claims.session_id)).rejects.toMatchObject({
			messageKey: 'profile.sessions.error.notFound'
		});
		expect(fake.sessions.has(other.claims.session_id)).toBe(true);
		expect(scopes).toEqual([]);
	});

	it('ends all other sessions through /logout?scope=others with this session’s token; this one stays', async () => {
		const user = fake.addUser(`s${++counter}@beirat.example`, PASSWORD);
		const here = await browserOf(user.email);
		const a = await browserOf(user.email);
		const b = await browserOf(user.email);
		const stranger = await browserOf(fake.addUser(`s${++counter}@beirat.example`, PASSWORD).email);
		const scopes: AccessScope[] = [];
		fake.requests.length = 0;
		await createSessionService({ ...here, collab: { accessChanged: (s) => scopes.push(s) } }).endOthers();
		const logout = fake.requests.filter((r) => r.method === 'POST' && r.path === '/auth/v1/logout');
		expect(logout).toEqual([
			expect.objectContaining({
				query: { scope: 'others' },
				bearer: here.jar.readSession(fake.storageKey)?.access_token,
				apikey: fake.anonKey
			})
		]);
		expect(fake.sessions.has(a.claims.session_id)).toBe(false);
		expect(fake.sessions.has(b.claims.session_id)).toBe(false);
		expect(fake.sessions.has(here.claims.session_id)).toBe(true);
		expect(fake.sessions.has(stranger.claims.session_id)).toBe(true);
		// The person's other sockets close at once, whichever session opened them.
		expect(scopes).toEqual([{ userId: user.id, exceptSessionId: here.claims.session_id }]);
		// This browser keeps its cookies and stays signed in.
		expect(await auth.forRequest({ cookies: here.jar.next(), ip: '203.0.113.7' }).getClaims()).toMatchObject({
			session_id: here.claims.session_id
		});
	});

	it('an ended session cannot refresh: the other browser is signed out once its access token expires', async () => {
		// Two seconds, not one: GoTrue stamps `exp` in whole seconds and auth-js refuses a token whose `exp` is
		// this second, so a one-second token issued late in a second could expire before the refresh is verified.
		fake.state.accessTokenSeconds = 2;
		try {
			const user = fake.addUser(`s${++counter}@beirat.example`, PASSWORD);
			const here = await browserOf(user.email);
			const ended = await browserOf(user.email);
			const kept = await browserOf(fake.addUser(`s${++counter}@beirat.example`, PASSWORD).email);
			await createSessionService({ ...here, collab: { accessChanged: () => {} } }).endOthers();
			await new Promise((resolve) => setTimeout(resolve, 2_100)); // past every token issued before endOthers
			const nextOf = (browser: { jar: MemoryCookieJar }) =>
				auth.forRequest({ cookies: browser.jar.next(), ip: '203.0.113.8' }).getClaims();
			expect(await nextOf(ended)).toBeNull();
			// The same wait without an ended session: the refresh succeeds (the test can tell the two apart).
			expect(await nextOf(kept)).toMatchObject({ session_id: kept.claims.session_id });
		} finally {
			fake.state.accessTokenSeconds = 3600;
		}
	});
});
