import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt } from 'jose';
import { ACCESS_COOKIE } from '$lib/server/auth/local';
import { createOidcClient } from '$lib/server/auth/oidc';
import { SSO_COOKIE } from '$lib/server/auth/sso.service';
import { withSystem } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { ssoService } from '$lib/server/services';
import { addMember, createBoard, createInvitation, type TestBoard } from '../factories';
import { signedOut } from '../support/app-context';
import { createHarness, ORIGIN } from '../support/app-harness';
import { testDatabases } from '../support/databases';
import { startTestProvider, type TestProvider } from '../support/oidc-provider';

// Single sign-on with local auth (#17) against a real OpenID provider in this process (oidc-provider):
// discovery, PKCE, state and nonce, issuer and audience, verified e-mail, linking only to existing accounts.

type Harness = Awaited<ReturnType<typeof createHarness>>;
const CALLBACK = `${ORIGIN}/login/sso/callback`;

describe.each(testDatabases())('single sign-on (OIDC, local auth) on $name', (target) => {
	let db: Database;
	let h: Harness;
	let board: TestBoard;
	let provider: TestProvider;
	/** Test-only change to the provider's token response (a re-signed ID token). */
	const tamper: { audience: string | null } = { audience: null };

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db);
		provider = await startTestProvider({ redirectUri: CALLBACK });
		const settings = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret };
		h.app.config = { ...h.app.config, sso: { kind: 'oidc', label: 'Stadt Hamm', ...settings } };
		h.app.oidc = createOidcClient({ ...settings, redirectUri: CALLBACK, fetch: tamperingFetch });
	});
	afterAll(async () => {
		await provider.close();
		await db.close();
	});

	/** Re-signs the ID token with the provider's own key and another audience: only the claim is wrong. */
	async function tamperingFetch(input: URL | RequestInfo, init?: RequestInit): Promise<Response> {
		const response = await fetch(input, init);
		const url = String(input instanceof Request ? input.url : input);
		if (!tamper.audience || !url.endsWith('/token') || !response.ok) return response;
		const body = (await response.json()) as { id_token: string };
		const claims = { ...decodeJwt(body.id_token), aud: tamper.audience };
		body.id_token = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
			.sign(provider.privateKey);
		return Response.json(body);
	}

	/** The browser at the provider: follows its redirects (with its cookies) until it is sent back to the app. */
	async function atProvider(location: string): Promise<URL> {
		const cookies = new Map<string, string>();
		let url = location;
		for (let step = 0; step < 10; step++) {
			if (url.startsWith(ORIGIN)) return new URL(url);
			const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
			const response = await fetch(url, { redirect: 'manual', headers: { cookie } });
			for (const line of response.headers.getSetCookie()) {
				const pair = line.split(';')[0]!;
				cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
			}
			const next = response.headers.get('location');
			if (!next) throw new Error(`the provider stopped at ${url}: ${response.status} ${await response.text()}`);
			url = new URL(next, url).href;
		}
		throw new Error('too many redirects at the provider');
	}

	/** One sign-in through the provider as `email`; the callback is kept for replays. */
	async function signInAs(email: string) {
		const browser = h.browser();
		const sso = ssoService(signedOut(h.app));
		provider.loginAs(email);
		const started = await sso.start({
			session: browser.session,
			cookies: browser.cookies,
			redirectTo: '/notifications'
		});
		if (!started.ok) throw new Error(`start refused: ${started.failure}`);
		expect(new URL(started.location).searchParams.get('code_challenge_method')).toBe('S256');
		const callback = await atProvider(started.location);
		const replay = browser.cookies.next();
		const outcome = await sso.finish({
			session: browser.session,
			cookies: browser.cookies,
			url: callback,
			params: Object.fromEntries(callback.searchParams)
		});
		return { browser, outcome, callback, replay };
	}

	it('signs a member in whose address the provider confirms, links the identity and keeps the session', async () => {
		const member = await addMember(db, { board, role: 'member' });
		const subject = provider.addAccount({ email: member.email, emailVerified: true });
		const { browser, outcome } = await signInAs(member.email);
		expect(outcome).toMatchObject({ ok: true, location: '/notifications' });
		expect(outcome.claims).toMatchObject({ sub: member.id, aal: 'aal1', amr: [{ method: 'sso' }] });
		expect(browser.cookies.get(SSO_COOKIE)).toBeUndefined();
		const next = h.auth.forRequest({ cookies: browser.cookies, ip: browser.ip });
		expect(await next.getClaims()).toMatchObject({ sub: member.id });
		const links = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ user_id: string }>(`select user_id from public.sso_identities where issuer = $1 and subject = $2`, [
				provider.issuer,
				subject
			])
		);
		expect(links).toEqual([{ user_id: member.id }]);

		// Linked now: a later change of the address at the provider still finds the account.
		provider.accounts.get(subject)!.email = `renamed-${member.email}`;
		const again = await signInAs(`renamed-${member.email}`);
		expect(again.outcome).toMatchObject({ ok: true });
		expect(again.outcome.claims?.sub).toBe(member.id);
	});

	it('refuses a replayed callback (the same state with the same flow cookie)', async () => {
		const member = await addMember(db, { board, role: 'member' });
		provider.addAccount({ email: member.email, emailVerified: true });
		const { callback, replay, outcome } = await signInAs(member.email);
		expect(outcome.ok).toBe(true);
		const attacker = h.auth.forRequest({ cookies: replay, ip: '192.0.2.9' });
		const again = await ssoService(signedOut(h.app)).finish({
			session: attacker,
			cookies: replay,
			url: callback,
			params: Object.fromEntries(callback.searchParams)
		});
		expect(again).toEqual({ ok: false, failure: 'expired' });
		expect(replay.get(ACCESS_COOKIE)).toBeUndefined();
	});

	it('refuses a callback whose state is not this browser’s, and one without the flow cookie', async () => {
		const member = await addMember(db, { board, role: 'member' });
		provider.addAccount({ email: member.email, emailVerified: true });
		const browser = h.browser();
		const sso = ssoService(signedOut(h.app));
		provider.loginAs(member.email);
		const started = await sso.start({ session: browser.session, cookies: browser.cookies, redirectTo: '/' });
		if (!started.ok) throw new Error(started.failure);
		const callback = await atProvider(started.location);
		const forged = new URL(callback);
		forged.searchParams.set('state', 'someone-elses-state-value');
		const params = Object.fromEntries(forged.searchParams);
		const stranger = h.browser();
		expect(await sso.finish({ session: stranger.session, cookies: stranger.cookies, url: callback, params })).toEqual({
			ok: false,
			failure: 'expired'
		});
		expect(await sso.finish({ session: browser.session, cookies: browser.cookies, url: forged, params })).toEqual({
			ok: false,
			failure: 'expired'
		});
		expect(browser.cookies.get(ACCESS_COOKIE)).toBeUndefined();
	});

	it('refuses an ID token for another audience, though the provider’s key signed it', async () => {
		const member = await addMember(db, { board, role: 'member' });
		provider.addAccount({ email: member.email, emailVerified: true });
		tamper.audience = 'another-application';
		try {
			const { browser, outcome } = await signInAs(member.email);
			expect(outcome).toEqual({ ok: false, failure: 'failed' });
			expect(browser.cookies.get(ACCESS_COOKIE)).toBeUndefined();
		} finally {
			tamper.audience = null;
		}
	});

	it('refuses an address the provider does not confirm, even for an existing account', async () => {
		const member = await addMember(db, { board, role: 'member' });
		provider.addAccount({ email: member.email, emailVerified: false });
		const { browser, outcome } = await signInAs(member.email);
		expect(outcome).toEqual({ ok: false, failure: 'unverified' });
		expect(browser.cookies.get(ACCESS_COOKIE)).toBeUndefined();
	});

	it('makes no account for an unknown address', async () => {
		const stranger = 'stranger@city.example';
		provider.addAccount({ email: stranger, emailVerified: true });
		expect((await signInAs(stranger)).outcome).toEqual({ ok: false, failure: 'noAccount' });
		expect(await accountsFor(stranger)).toBe(0);
	});

	it('accepts the open invitation of a person without an account: account, membership, linked identity', async () => {
		const invitee = 'invitee-sso@city.example';
		const invitation = await createInvitation(db, { board, email: invitee, role: 'deputy' });
		const subject = provider.addAccount({ email: invitee, emailVerified: true });
		const { browser, outcome, callback, replay } = await signInAs(invitee);
		expect(outcome).toMatchObject({ ok: true, location: '/notifications' });
		const userId = outcome.claims!.sub;
		expect(outcome.claims).toMatchObject({ aal: 'aal1', amr: [{ method: 'sso' }] });
		const next = h.auth.forRequest({ cookies: browser.cookies, ip: browser.ip });
		expect(await next.getClaims()).toMatchObject({ sub: userId });

		const state = await withSystem(db, 'test-setup', async (tx) => ({
			users: await tx.query<{ id: string }>(`select id from auth.users where lower(email) = $1`, [invitee]),
			memberships: await tx.query<{ role: string; active: boolean }>(
				`select role, active from public.memberships where board_id = $1 and user_id = $2`,
				[board.id, userId]
			),
			invitation: await tx.query<{ accepted: boolean }>(
				`select accepted_at is not null as accepted from public.invitations where id = $1`,
				[invitation.id]
			),
			profile: await tx.query<{ display_name: string }>(`select display_name from public.profiles where user_id = $1`, [
				userId
			]),
			links: await tx.query<{ user_id: string }>(
				`select user_id from public.sso_identities where issuer = $1 and subject = $2`,
				[provider.issuer, subject]
			)
		}));
		expect(state.users).toEqual([{ id: userId }]);
		expect(state.memberships).toEqual([{ role: 'deputy', active: true }]);
		expect(state.invitation).toEqual([{ accepted: true }]);
		expect(state.profile).toEqual([{ display_name: 'invitee-sso' }]);
		expect(state.links).toEqual([{ user_id: userId }]);
		// The account has no password anybody knows.
		expect(await h.app.auth.checkPassword(invitee, '')).toBeNull();

		// The same callback again (same state and flow cookie): refused, nothing made twice.
		const again = await ssoService(signedOut(h.app)).finish({
			session: h.auth.forRequest({ cookies: replay, ip: '192.0.2.9' }),
			cookies: replay,
			url: callback,
			params: Object.fromEntries(callback.searchParams)
		});
		expect(again).toEqual({ ok: false, failure: 'expired' });
		expect(replay.get(ACCESS_COOKIE)).toBeUndefined();
		expect(await accountsFor(invitee)).toBe(1);

		// Later sign-ins find the linked account.
		const later = await signInAs(invitee);
		expect(later.outcome.claims?.sub).toBe(userId);
	});

	it('accepts once when two callbacks of the same invitee race: one account, one membership', async () => {
		const invitee = 'racing-sso@city.example';
		await createInvitation(db, { board, email: invitee });
		provider.addAccount({ email: invitee, emailVerified: true });
		const [first, second] = await Promise.all([signInAs(invitee), signInAs(invitee)]);
		expect(first.outcome.ok && second.outcome.ok).toBe(true);
		expect(first.outcome.claims?.sub).toBe(second.outcome.claims?.sub);
		expect(await accountsFor(invitee)).toBe(1);
		const [memberships] = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ count: number }>(
				`select count(*)::int as count from public.memberships where board_id = $1 and user_id = $2`,
				[board.id, first.outcome.claims!.sub]
			)
		);
		expect(memberships?.count).toBe(1);
	});

	it('refuses an expired or revoked invitation, and consumes no invitation to another address', async () => {
		const late = 'late-sso@city.example';
		const expired = await createInvitation(db, { board, email: late });
		const revokedFor = 'revoked-sso@city.example';
		const revoked = await createInvitation(db, { board, email: revokedFor });
		const other = await createInvitation(db, { board, email: 'someone-else-sso@city.example' });
		await withSystem(db, 'test-setup', async (tx) => {
			await tx.query(`update public.invitations set expires_at = now() - interval '1 minute' where id = $1`, [
				expired.id
			]);
			await tx.query(`update public.invitations set revoked_at = now() where id = $1`, [revoked.id]);
		});
		provider.addAccount({ email: late, emailVerified: true });
		provider.addAccount({ email: revokedFor, emailVerified: true });
		expect((await signInAs(late)).outcome).toEqual({ ok: false, failure: 'invitationExpired' });
		expect((await signInAs(revokedFor)).outcome).toEqual({ ok: false, failure: 'noAccount' });

		// Verified, but for an address no invitation names: the other person's invitation stays open.
		const stranger = 'not-invited-sso@city.example';
		provider.addAccount({ email: stranger, emailVerified: true });
		expect((await signInAs(stranger)).outcome).toEqual({ ok: false, failure: 'noAccount' });
		const rows = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ id: string; accepted: boolean }>(
				`select id, accepted_at is not null as accepted from public.invitations where id = any($1) order by id`,
				[[expired.id, revoked.id, other.id]]
			)
		);
		expect(rows.every((row) => !row.accepted)).toBe(true);
		expect(await accountsFor(late)).toBe(0);
		expect(await accountsFor(revokedFor)).toBe(0);
		expect(await accountsFor(stranger)).toBe(0);
	});

	/** Accounts with this address. */
	async function accountsFor(email: string): Promise<number> {
		const [row] = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ count: number }>(`select count(*)::int as count from auth.users where lower(email) = lower($1)`, [
				email
			])
		);
		return row?.count ?? 0;
	}

	it('refuses a person whose membership ended, ending the session just made', async () => {
		const former = await addMember(db, { board, role: 'member', active: false });
		provider.addAccount({ email: former.email, emailVerified: true });
		const { browser, outcome } = await signInAs(former.email);
		expect(outcome).toEqual({ ok: false, failure: 'deactivated' });
		expect(browser.cookies.get(ACCESS_COOKIE)).toBeUndefined();
	});

	it('counts the provider’s multi-factor sign-in (amr mfa) as the second factor: the session starts at aal2', async () => {
		const chair = await addMember(db, { board, role: 'chair' });
		provider.addAccount({ email: chair.email, emailVerified: true, amr: ['pwd', 'mfa'] });
		const { outcome } = await signInAs(chair.email);
		expect(outcome.claims).toMatchObject({ sub: chair.id, aal: 'aal2' });
		const [session] = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ aal: string }>(`select aal from auth.sessions where id = $1`, [outcome.claims!.session_id])
		);
		expect(session?.aal).toBe('aal2');
	});

	it('says the provider is unavailable when discovery fails, without a session or a cookie', async () => {
		const oidc = h.app.oidc;
		h.app.oidc = createOidcClient({ issuer: 'http://127.0.0.1:9', clientId: 'x', redirectUri: CALLBACK });
		try {
			const browser = h.browser();
			const started = await ssoService(signedOut(h.app)).start({
				session: browser.session,
				cookies: browser.cookies,
				redirectTo: '/'
			});
			expect(started).toEqual({ ok: false, failure: 'unavailable' });
			expect(browser.cookies.get(SSO_COOKIE)).toBeUndefined();
		} finally {
			h.app.oidc = oidc;
		}
	});
});
