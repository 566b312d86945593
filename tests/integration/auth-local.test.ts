import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { ACCESS_COOKIE } from '$lib/server/auth/local';
import { loadOrCreateSigningKeys } from '$lib/server/auth/local-keys';
import { THROTTLE } from '$lib/server/auth/sign-in-throttle';
import { ServiceError } from '$lib/server/errors';
import type { Database } from '$lib/server/db/types';
import { withAnon, withUser, type Claims } from '$lib/server/db/scoped';
import { addMember, createBoard, type TestBoard } from '../factories';
import { testDatabases } from '../support/databases';
import { createHarness, linkIn, ORIGIN } from '../support/app-harness';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

describe.each(testDatabases())('local auth on $name', (target) => {
	let db: Database;
	let h: Harness;
	let board: TestBoard;

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db);
	});
	afterAll(async () => {
		await db.close();
	});
	beforeEach(async () => {
		await db.ownerTransaction((tx) => tx.query(`delete from public.sign_in_attempts`));
	});

	async function signedIn() {
		const person = await addMember(db, { board, role: 'member' });
		const browser = h.browser();
		await h.authService.signIn({
			session: browser.session,
			email: person.email,
			password: person.password,
			ip: browser.ip
		});
		return { person, browser };
	}

	it('signs in with the right password and keeps the session on the next request', async () => {
		const { person, browser } = await signedIn();
		expect(browser.cookies.cookies.get(ACCESS_COOKIE)?.options).toMatchObject({
			httpOnly: true,
			sameSite: 'lax',
			path: '/'
		});
		const next = h.auth.forRequest({ cookies: browser.cookies, ip: browser.ip });
		expect(await next.getClaims()).toMatchObject({
			sub: person.id,
			email: person.email,
			role: 'authenticated',
			aud: 'authenticated'
		});
	});

	it('refuses a wrong password and an unknown account with the same message', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const browser = h.browser();
		expect(
			await refusal(
				h.authService.signIn({
					session: browser.session,
					email: person.email,
					password: 'falsch-falsch',
					ip: browser.ip
				})
			)
		).toBe('auth.error.invalidCredentials');
		expect(
			await refusal(
				h.authService.signIn({
					session: browser.session,
					email: 'niemand@test.example',
					password: 'falsch-falsch',
					ip: browser.ip
				})
			)
		).toBe('auth.error.invalidCredentials');
		expect(browser.cookies.cookies.size).toBe(0);
	});

	it('refuses expired, forged and other-audience access tokens', async () => {
		const { person, browser } = await signedIn();
		const keys = await loadOrCreateSigningKeys(h.dataDir);
		const now = Math.floor(Date.now() / 1000);
		const base = { sub: person.id, email: person.email, role: 'authenticated', session_id: crypto.randomUUID() };
		const other = await generateKeyPair('ES256');
		const tokens = {
			expired: await new SignJWT({ ...base, aud: 'authenticated' })
				.setProtectedHeader({ alg: 'ES256' })
				.setIssuer(ORIGIN)
				.setIssuedAt(now - 7200)
				.setExpirationTime(now - 3600)
				.sign(keys.privateKey),
			forged: await new SignJWT({ ...base, aud: 'authenticated' })
				.setProtectedHeader({ alg: 'ES256' })
				.setIssuer(ORIGIN)
				.setExpirationTime(now + 3600)
				.sign(other.privateKey),
			otherAudience: await new SignJWT({ ...base, aud: 'somebody-else' })
				.setProtectedHeader({ alg: 'ES256' })
				.setIssuer(ORIGIN)
				.setExpirationTime(now + 3600)
				.sign(keys.privateKey)
		};
		for (const token of Object.values(tokens)) {
			await expect(h.auth.verifyAccessToken(token)).rejects.toThrow();
			const jar = h.browser();
			jar.cookies.set(ACCESS_COOKIE, token, { path: '/' });
			expect(await jar.session.getClaims()).toBeNull();
		}
		// The genuine token is accepted, so the refusals above are about the tokens.
		expect(await h.auth.verifyAccessToken(browser.cookies.get(ACCESS_COOKIE)!)).toMatchObject({ sub: person.id });
	});

	it('renews an expired access token from the refresh cookie', async () => {
		const { person, browser } = await signedIn();
		browser.cookies.delete(ACCESS_COOKIE, { path: '/' });
		const next = h.auth.forRequest({ cookies: browser.cookies, ip: browser.ip });
		expect(await next.getClaims()).toMatchObject({ sub: person.id });
		expect(browser.cookies.get(ACCESS_COOKIE)).toBeTruthy();
	});

	it('ends the session on sign-out, also for a copy of the old cookies', async () => {
		const { browser } = await signedIn();
		const stolen = h.browser();
		for (const { name, value } of browser.cookies.getAll()) stolen.cookies.set(name, value, { path: '/' });
		await browser.session.signOut();
		expect(browser.cookies.cookies.size).toBe(0);
		expect(await stolen.session.getClaims()).toBeNull();
	});

	it("leaves the session check to the request's transaction, which sees sign-out elsewhere and a ban", async () => {
		const { person, browser } = await signedIn();
		const stolen = h.browser();
		for (const { name, value } of browser.cookies.getAll()) stolen.cookies.set(name, value, { path: '/' });
		const live = async (session: typeof browser.session) => {
			const verified = await session.getRequestClaims();
			if (!verified?.sessionIsLive) throw new Error('local auth must hand over its session check');
			return withUser(db, verified.claims, verified.sessionIsLive);
		};
		expect(await live(stolen.session)).toBe(true);
		await db.ownerTransaction((tx) =>
			tx.query(`update auth.users set banned_until = now() + interval '1 hour' where id = $1`, [person.id])
		);
		expect(await live(stolen.session)).toBe(false);
		await db.ownerTransaction((tx) => tx.query(`update auth.users set banned_until = null where id = $1`, [person.id]));
		expect(await live(stolen.session)).toBe(true);
		await browser.session.signOut();
		expect(await live(stolen.session)).toBe(false);
		// The caller then signs out, which clears the copied cookies as getClaims would.
		await stolen.session.signOut();
		expect(stolen.cookies.cookies.size).toBe(0);
	});

	it("answers only for the caller's own session, and not to anon", async () => {
		const { person, browser } = await signedIn();
		const other = await signedIn();
		const verified = (await browser.session.getRequestClaims())!;
		const otherClaims = (await other.browser.session.getRequestClaims())!.claims;
		const check = (claims: Claims) =>
			withUser(db, claims, (tx) =>
				tx.query<{ live: boolean }>(`select public.request_session_is_live() as live`).then(([r]) => r!.live)
			);
		expect(await check(verified.claims)).toBe(true);
		// Someone else's live session id under one's own subject is not live.
		expect(await check({ ...verified.claims, session_id: otherClaims.session_id })).toBe(false);
		expect(await check({ ...verified.claims, session_id: 'not-a-uuid' })).toBe(false);
		expect(await check({ ...otherClaims, sub: person.id })).toBe(false);
		await expect(withAnon(db, (tx) => tx.query(`select public.request_session_is_live()`))).rejects.toThrow(
			/permission denied/
		);
	});

	it('hands over no check after a refresh, which checked the session itself', async () => {
		const { person, browser } = await signedIn();
		browser.cookies.delete(ACCESS_COOKIE, { path: '/' });
		const verified = await browser.session.getRequestClaims();
		expect(verified?.claims).toMatchObject({ sub: person.id });
		expect(verified?.sessionIsLive).toBeUndefined();
		expect(await h.browser().session.getRequestClaims()).toBeNull();
	});

	it('signs in by magic link once; a reused or expired link is refused', async () => {
		const person = await addMember(db, { board, role: 'member' });
		await h.authService.requestMagicLink({ email: person.email, locale: 'de' });
		const mail = await h.lastMail(person.email);
		expect(mail?.kind).toBe('magic-link');
		const token = decodeURIComponent(linkIn(mail!.body_text, `${ORIGIN}/login/magic/`).split('/').pop()!);
		const first = h.browser();
		expect(await h.authService.redeemMagicLink({ session: first.session, token })).toMatchObject({ sub: person.id });
		expect(await refusal(h.authService.redeemMagicLink({ session: h.browser().session, token }))).toBe(
			'auth.error.invalidLink'
		);

		await h.authService.requestMagicLink({ email: person.email, locale: 'de' });
		const late = decodeURIComponent(
			linkIn((await h.lastMail(person.email))!.body_text, `${ORIGIN}/login/magic/`)
				.split('/')
				.pop()!
		);
		await db.ownerTransaction((tx) =>
			tx.query(`update auth.one_time_tokens set created_at = created_at - interval '16 minutes' where user_id = $1`, [
				person.id
			])
		);
		expect(await refusal(h.authService.redeemMagicLink({ session: h.browser().session, token: late }))).toBe(
			'auth.error.invalidLink'
		);
	});

	it('sends nothing for an unknown address and answers the same', async () => {
		await expect(
			h.authService.requestMagicLink({ email: 'unbekannt@test.example', locale: 'de' })
		).resolves.toBeUndefined();
		expect(await h.lastMail('unbekannt@test.example')).toBeNull();
	});

	it('resets a password by link; the old password stops working', async () => {
		const person = await addMember(db, { board, role: 'member' });
		await h.authService.requestPasswordReset({ email: person.email, locale: 'en' });
		const mail = await h.lastMail(person.email);
		const token = new URL(linkIn(mail!.body_text, `${ORIGIN}/reset?token=`)).searchParams.get('token')!;
		await h.authService.resetPassword({ session: h.browser().session, token, password: 'ganz-neues-passwort' });
		const browser = h.browser();
		expect(
			await refusal(
				h.authService.signIn({
					session: browser.session,
					email: person.email,
					password: person.password,
					ip: browser.ip
				})
			)
		).toBe('auth.error.invalidCredentials');
		await expect(
			h.authService.signIn({
				session: browser.session,
				email: person.email,
				password: 'ganz-neues-passwort',
				ip: browser.ip
			})
		).resolves.toMatchObject({ sub: person.id });
	});

	/** One password attempt from `ip`; resolves to 'signed-in' or the refusal's message key. */
	async function attempt(email: string, password: string, ip: string): Promise<string> {
		return h.authService.signIn({ session: h.browser(ip).session, email, password, ip }).then(
			() => 'signed-in',
			(error: unknown) => {
				if (error instanceof ServiceError) return error.messageKey;
				throw error;
			}
		);
	}

	/** Moves this account's attempts into the past, as if the guesser had waited. */
	async function letTimePass(email: string, seconds: number) {
		await db.ownerTransaction((tx) =>
			tx.query(
				`update public.sign_in_attempts set created_at = created_at - make_interval(secs => $2) where lower(email) = lower($1)`,
				[email, seconds]
			)
		);
	}

	async function insertFailures(email: string, ips: string[], ageSeconds = 60) {
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.sign_in_attempts (email, ip, succeeded, created_at)
				 select $1, ip, false, now() - make_interval(secs => $3) from unnest($2::text[]) as ip`,
				[email, ips, ageSeconds]
			)
		);
	}

	it("a guesser's failures from one address do not stop the owner signing in from another", async () => {
		const person = await addMember(db, { board, role: 'member' });
		const attacker = '198.51.100.66';
		for (let i = 0; i < THROTTLE.freePerPair; i++)
			expect(await attempt(person.email, 'falsch-falsch', attacker)).toBe('auth.error.invalidCredentials');
		// The guesser is slowed down at once, even when the next guess is right …
		const error = await h.authService
			.signIn({ session: h.browser(attacker).session, email: person.email, password: person.password, ip: attacker })
			.catch((e) => e);
		expect(error).toMatchObject({
			status: 429,
			messageKey: 'auth.error.slowDown',
			params: { seconds: THROTTLE.firstDelaySeconds }
		});
		// … while the owner, elsewhere, signs in as usual.
		expect(await attempt(person.email, person.password, '203.0.113.9')).toBe('signed-in');
	});

	it('makes a guesser from one address wait longer after each failure, then for the window', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const attacker = '198.51.100.67';
		for (let i = 0; i < THROTTLE.freePerPair; i++) await attempt(person.email, 'falsch-falsch', attacker);
		await letTimePass(person.email, THROTTLE.firstDelaySeconds + 1);
		expect(await attempt(person.email, 'falsch-falsch', attacker)).toBe('auth.error.invalidCredentials');
		const error = await h.authService
			.signIn({ session: h.browser(attacker).session, email: person.email, password: 'falsch-falsch', ip: attacker })
			.catch((e) => e);
		expect(error).toMatchObject({ status: 429, params: { seconds: 2 * THROTTLE.firstDelaySeconds } });
		// At perPair failures the address waits until they leave the window, however long ago the last one was.
		await insertFailures(person.email, Array(THROTTLE.perPair - THROTTLE.freePerPair - 1).fill(attacker), 120);
		await letTimePass(person.email, 200);
		const locked = await h.authService
			.signIn({ session: h.browser(attacker).session, email: person.email, password: person.password, ip: attacker })
			.catch((e) => e);
		expect(locked).toMatchObject({ status: 429, messageKey: 'auth.error.throttled' });
		expect(await attempt(person.email, person.password, '203.0.113.10')).toBe('signed-in');
	});

	it('counts guesses sent in parallel against each other', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const attacker = '198.51.100.68';
		const answers = await Promise.all(
			Array.from({ length: 8 }, () => attempt(person.email, 'falsch-falsch', attacker))
		);
		expect(answers.filter((a) => a === 'auth.error.invalidCredentials')).toHaveLength(THROTTLE.freePerPair);
		expect(answers.filter((a) => a === 'auth.error.slowDown')).toHaveLength(8 - THROTTLE.freePerPair);
	});

	it('stops guessing spread over many addresses at the account ceiling; the mailed link still signs in', async () => {
		const person = await addMember(db, { board, role: 'member' });
		await insertFailures(
			person.email,
			Array.from({ length: THROTTLE.perAccount }, (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.1`)
		);
		const error = await h.authService
			.signIn({
				session: h.browser('203.0.113.11').session,
				email: person.email,
				password: person.password,
				ip: '203.0.113.11'
			})
			.catch((e) => e);
		expect(error).toMatchObject({ status: 429, messageKey: 'auth.error.throttled', params: { minutes: 14 } });
		await h.authService.requestMagicLink({ email: person.email, locale: 'de' });
		const token = decodeURIComponent(
			linkIn((await h.lastMail(person.email))!.body_text, `${ORIGIN}/login/magic/`)
				.split('/')
				.pop()!
		);
		expect(await h.authService.redeemMagicLink({ session: h.browser('203.0.113.11').session, token })).toMatchObject({
			sub: person.id
		});
	});

	it('a right password starts the address afresh; only wrong passwords count', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const ip = '198.51.100.69';
		for (let i = 0; i < THROTTLE.freePerPair - 1; i++) await attempt(person.email, 'falsch-falsch', ip);
		expect(await attempt(person.email, person.password, ip)).toBe('signed-in');
		for (let i = 0; i < THROTTLE.freePerPair; i++)
			expect(await attempt(person.email, 'falsch-falsch', ip)).toBe('auth.error.invalidCredentials');
		// A deactivated member's right password is refused for that reason, never as a failed guess.
		const former = await addMember(db, { board, role: 'member', active: false });
		for (let i = 0; i <= THROTTLE.freePerPair; i++)
			expect(await attempt(former.email, former.password, ip)).toBe('auth.error.deactivated');
		const counted = (email: string) =>
			db.ownerTransaction((tx) =>
				tx.query<{ failed: number; succeeded: number }>(
					`select count(*) filter (where not succeeded)::int as failed, count(*) filter (where succeeded)::int as succeeded from public.sign_in_attempts where lower(email) = lower($1)`,
					[email]
				)
			);
		expect(await counted(person.email)).toEqual([{ failed: 2 * THROTTLE.freePerPair - 1, succeeded: 1 }]);
		expect(await counted(former.email)).toEqual([{ failed: 0, succeeded: 0 }]);
	});

	it('throttles an address that tries many accounts', async () => {
		const ip = '203.0.113.77';
		for (let i = 0; i < THROTTLE.perIp; i++) {
			await refusal(
				h.authService.signIn({
					session: h.browser(ip).session,
					email: `raten-${i}@test.example`,
					password: 'falsch-falsch',
					ip
				})
			);
		}
		const person = await addMember(db, { board, role: 'member' });
		expect(
			await refusal(
				h.authService.signIn({ session: h.browser(ip).session, email: person.email, password: person.password, ip })
			)
		).toBe('auth.error.throttled');
		// Another address is not affected.
		await expect(
			h.authService.signIn({
				session: h.browser('203.0.113.78').session,
				email: person.email,
				password: person.password,
				ip: '203.0.113.78'
			})
		).resolves.toBeTruthy();
	});

	it('refuses a deactivated member and leaves no session behind', async () => {
		const person = await addMember(db, { board, role: 'member', active: false });
		const browser = h.browser();
		expect(
			await refusal(
				h.authService.signIn({
					session: browser.session,
					email: person.email,
					password: person.password,
					ip: browser.ip
				})
			)
		).toBe('auth.error.deactivated');
		expect(browser.cookies.cookies.size).toBe(0);
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from auth.sessions where user_id = $1`, [person.id])
		);
		expect(row!.n).toBe(0);
	});

	it('changes a password only with the current one', async () => {
		const { person, browser } = await signedIn();
		const claims = (await browser.session.getClaims())!;
		expect(
			await refusal(
				h.authService.changePassword({
					session: browser.session,
					claims,
					currentPassword: 'falsch-falsch',
					newPassword: 'noch-ein-passwort'
				})
			)
		).toBe('profile.error.currentPassword');
		await h.authService.changePassword({
			session: browser.session,
			claims,
			currentPassword: person.password,
			newPassword: 'noch-ein-passwort'
		});
		expect(await h.auth.checkPassword(person.email, 'noch-ein-passwort')).toBe(person.id);
	});
});
