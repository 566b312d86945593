import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '$lib/server/app';
import { createSupabaseAuth, type SupabaseSso } from '$lib/server/auth/supabase';
import type { Database } from '$lib/server/db/types';
import { ssoService } from '$lib/server/services';
import { addMember, createBoard, createInvitation, createUser, type TestBoard } from '../factories';
import { ORIGIN, signedOut, testApp } from '../support/app-context';
import { MemoryCookieJar } from '../support/cookie-jar';
import { testDatabases } from '../support/databases';
import { startFakeGoTrue, type FakeGoTrue } from '../support/fake-gotrue';

// Single sign-on with Supabase Auth (#17): GoTrue runs the provider flow (signInWithOAuth with keycloak,
// signInWithSSO for SAML, PKCE through the adapter's cookies), against the fake GoTrue's HTTP contract.
// Beirat still admits only accounts with an active membership.

describe.each(testDatabases())('single sign-on through Supabase Auth on $name', (target) => {
	let db: Database;
	let fake: FakeGoTrue;
	let board: TestBoard;

	beforeAll(async () => {
		db = await target.open();
		fake = await startFakeGoTrue();
		board = await createBoard(db);
	});
	afterAll(async () => {
		await fake.close();
		await db.close();
	});

	async function appWith(sso: SupabaseSso): Promise<App> {
		const auth = createSupabaseAuth({
			url: fake.url,
			anonKey: fake.anonKey,
			serviceRoleKey: fake.serviceRoleKey,
			secureCookies: false,
			sso
		});
		const app = await testApp(db, { auth });
		const kind = 'provider' in sso ? { kind: 'supabase' as const, provider: sso.provider } : null;
		app.config = {
			...app.config,
			sso: kind ? { ...kind, label: 'Keycloak' } : { kind: 'supabase-saml', label: 'Stadt', domain: 'hamm.de' }
		};
		return app;
	}

	/** A person with a Beirat account and membership, known to GoTrue under the same id. */
	async function member(role: 'member' | 'chair' = 'member', active = true) {
		const person = await addMember(db, { board, role, active });
		const goTrue = fake.addUser(person.email, person.password);
		fake.users.delete(goTrue.id);
		goTrue.id = person.id;
		fake.users.set(goTrue.id, goTrue);
		return person;
	}

	/** Start, the browser's round trip through GoTrue's /authorize, and the callback's address. */
	async function throughProvider(app: App, external: { email: string; verified: boolean }) {
		const jar = new MemoryCookieJar();
		const session = () => app.auth.forRequest({ cookies: jar, ip: '203.0.113.7', userAgent: 'vitest' });
		const started = await ssoService(signedOut(app)).start({ session: session(), cookies: jar, redirectTo: '/tasks' });
		if (!started.ok) throw new Error(`start refused: ${started.failure}`);
		fake.state.externalIdentity = external;
		const answer = await fetch(started.location, { redirect: 'manual' });
		const callback = new URL(answer.headers.get('location')!);
		expect(callback.href.startsWith(`${ORIGIN}/login/sso/callback`)).toBe(true);
		const before = jar.next();
		const finish = (cookies = jar) =>
			ssoService(signedOut(app)).finish({
				session: app.auth.forRequest({ cookies, ip: '203.0.113.7' }),
				cookies,
				url: callback,
				params: Object.fromEntries(callback.searchParams)
			});
		return { started, jar, before, finish };
	}

	it('signs a member in through keycloak with PKCE; the code redeems once', async () => {
		const app = await appWith({ provider: 'keycloak' });
		const person = await member();
		const { started, jar, before, finish } = await throughProvider(app, { email: person.email, verified: true });
		const address = new URL(started.location);
		expect(address.pathname).toBe('/auth/v1/authorize');
		expect(address.searchParams.get('provider')).toBe('keycloak');
		expect(address.searchParams.get('code_challenge')).toBeTruthy();
		const outcome = await finish();
		expect(outcome).toMatchObject({ ok: true, location: '/tasks', claims: { sub: person.id } });
		const later = app.auth.forRequest({ cookies: jar.next(), ip: '203.0.113.7' });
		expect(await later.getClaims()).toMatchObject({ sub: person.id });
		// The same callback again, with the cookies the browser had before: GoTrue's flow state is spent.
		expect(await finish(before)).toEqual({ ok: false, failure: 'expired' });
	});

	it('refuses the code without this browser’s PKCE verifier', async () => {
		const app = await appWith({ provider: 'keycloak' });
		const person = await member();
		const { jar, finish } = await throughProvider(app, { email: person.email, verified: true });
		for (const { name } of jar.getAll()) if (name.endsWith('-code-verifier')) jar.cookies.delete(name);
		expect(await finish()).toEqual({ ok: false, failure: 'expired' });
	});

	it('makes no account: GoTrue with signups disabled sends an unknown or unverified address back', async () => {
		const app = await appWith({ provider: 'keycloak' });
		const stranger = await throughProvider(app, { email: 'nobody@city.example', verified: true });
		expect(await stranger.finish()).toEqual({ ok: false, failure: 'noAccount' });
		const person = await member();
		const unverified = await throughProvider(app, { email: person.email, verified: false });
		expect(await unverified.finish()).toEqual({ ok: false, failure: 'noAccount' });
	});

	it('does not admit a GoTrue user without a membership in Beirat, and ends the session GoTrue made', async () => {
		const app = await appWith({ provider: 'keycloak' });
		const outsider = await createUser(db);
		const known = fake.addUser(outsider.email, outsider.password);
		fake.users.delete(known.id);
		known.id = outsider.id;
		fake.users.set(known.id, known);
		const { jar, finish } = await throughProvider(app, { email: outsider.email, verified: true });
		expect(await finish()).toEqual({ ok: false, failure: 'noAccount' });
		expect(await app.auth.forRequest({ cookies: jar.next(), ip: '203.0.113.7' }).getClaims()).toBeNull();

		const invited = await createUser(db);
		await createInvitation(db, { board, email: invited.email });
		const goTrue = fake.addUser(invited.email, invited.password);
		fake.users.delete(goTrue.id);
		goTrue.id = invited.id;
		fake.users.set(goTrue.id, goTrue);
		const second = await throughProvider(app, { email: invited.email, verified: true });
		expect(await second.finish()).toEqual({ ok: false, failure: 'invited' });
	});

	it('starts SAML sign-in by domain (signInWithSSO)', async () => {
		const app = await appWith({ domain: 'hamm.de' });
		const person = await member('chair');
		const { started, finish } = await throughProvider(app, { email: person.email, verified: true });
		expect(new URL(started.location).searchParams.get('provider')).toBe('sso:hamm.de');
		expect(await finish()).toMatchObject({ ok: true, claims: { sub: person.id } });
	});
});
