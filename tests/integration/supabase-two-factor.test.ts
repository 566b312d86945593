import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthPort, type ProviderFactors } from '$lib/server/auth/port';
import { createSupabaseAuth } from '$lib/server/auth/supabase';
import { MemoryCookieJar } from '../support/cookie-jar';
import { startFakeGoTrue, type FakeGoTrue } from '../support/fake-gotrue';

// Two-factor with Supabase Auth through the adapter's MFA calls, against the fake GoTrue's HTTP contract.

const PASSWORD = 'correct horse battery';
let fake: FakeGoTrue;
let auth: AuthPort;
let counter = 0;

beforeAll(async () => {
	fake = await startFakeGoTrue();
	auth = createSupabaseAuth({ url: fake.url, anonKey: fake.anonKey, serviceRoleKey: fake.serviceRoleKey });
});
afterAll(() => fake.close());

const codeFor = (secret: string, offsetSteps = 0) =>
	new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
		timestamp: Date.now() + offsetSteps * 30_000
	});

/** A browser: each call is one request with the cookies the previous one left. */
async function browserOf(email: string) {
	let jar = new MemoryCookieJar();
	const request = () => auth.forRequest({ cookies: (jar = jar.next()), ip: '203.0.113.7', userAgent: 'vitest' });
	await request().signInWithPassword(email, PASSWORD);
	return {
		factors: (): ProviderFactors => request().factors!,
		claims: async () => (await request().getClaims())!
	};
}

async function enrolled() {
	const user = fake.addUser(`mfa${++counter}@beirat.example`, PASSWORD);
	const browser = await browserOf(user.email);
	const factor = await browser.factors().enrol({ issuer: 'Beirat', name: 'Beirat 1' });
	return { user, browser, factor };
}

describe('Supabase MFA (TOTP)', () => {
	it('enrols an unverified factor with its secret and otpauth address', async () => {
		const { browser, factor } = await enrolled();
		expect(factor.secret).toMatch(/^[A-Z2-7]+=*$/);
		expect(factor.uri).toMatch(/^otpauth:\/\/totp\//);
		expect(factor.uri).toContain(`secret=${factor.secret}`);
		expect(await browser.factors().list()).toEqual([{ id: factor.id, verified: false }]);
		expect((await browser.claims()).aal).toBe('aal1');
	});

	it('refuses a wrong code and keeps the session at aal1', async () => {
		const { browser, factor } = await enrolled();
		const wrong = codeFor(factor.secret, 10);
		expect(await browser.factors().verify(factor.id, wrong)).toBeNull();
		expect(await browser.factors().list()).toEqual([{ id: factor.id, verified: false }]);
		expect((await browser.claims()).aal).toBe('aal1');
	});

	it('verifies with a code from the secret: the factor is verified and later requests carry aal2', async () => {
		const { browser, factor } = await enrolled();
		const before = await browser.claims();
		const raised = await browser.factors().verify(factor.id, codeFor(factor.secret));
		expect(raised).toMatchObject({ aal: 'aal2', session_id: before.session_id });
		expect(await browser.factors().list()).toEqual([{ id: factor.id, verified: true }]);
		expect(await browser.claims()).toMatchObject({ aal: 'aal2', session_id: before.session_id });
	});

	it('signs in at aal1 with a verified factor and reaches aal2 with a code', async () => {
		const { user, browser, factor } = await enrolled();
		await browser.factors().verify(factor.id, codeFor(factor.secret));
		const later = await browserOf(user.email);
		expect((await later.claims()).aal).toBe('aal1');
		expect(await later.factors().list()).toEqual([{ id: factor.id, verified: true }]);
		// GoTrue refuses to remove a verified factor from an aal1 session.
		await expect(later.factors().remove(factor.id)).rejects.toThrow(/AAL2/);
		expect(await later.factors().verify(factor.id, codeFor(factor.secret))).toMatchObject({ aal: 'aal2' });
		expect((await later.claims()).aal).toBe('aal2');
	});

	it('unenrols a verified factor from an aal2 session', async () => {
		const { browser, factor } = await enrolled();
		await browser.factors().verify(factor.id, codeFor(factor.secret));
		await browser.factors().remove(factor.id);
		expect(await browser.factors().list()).toEqual([]);
		expect(fake.requests.some((r) => r.method === 'DELETE' && r.path === `/auth/v1/factors/${factor.id}`)).toBe(true);
	});
});
