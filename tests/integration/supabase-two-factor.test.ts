import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthPort, type ProviderFactors } from '$lib/server/auth/port';
import { createSupabaseAuth } from '$lib/server/auth/supabase';
import { createSupabaseTwoFactorService } from '$lib/server/auth/supabase-two-factor.service';
import { twoFactorGate } from '$lib/server/auth/two-factor-gate';
import { twoFactorState } from '$lib/server/auth/two-factor.repository';
import { withUser, type Claims } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { testDatabases } from '../support/databases';
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

/** The enrolment cookie of one browser. */
function memoryPending() {
	let value: string | undefined;
	return { get: () => value, set: (v: string) => void (value = v), clear: () => void (value = undefined) };
}

async function serviceFor(email: string) {
	let jar = new MemoryCookieJar();
	const pending = memoryPending();
	const request = () => auth.forRequest({ cookies: (jar = jar.next()), ip: '203.0.113.7', userAgent: 'vitest' });
	await request().signInWithPassword(email, PASSWORD);
	const service = async () => {
		const session = request();
		const claims = (await session.getClaims())!;
		return createSupabaseTwoFactorService({ auth, factors: session.factors!, claims, pending, issuer: 'Beirat' });
	};
	const aal = async () => (await request().getClaims())!.aal;
	return { service, aal, pending };
}

describe('two-factor service and gate with Supabase Auth', () => {
	it('enrols through the page flow: key shown until the first code, no recovery codes, then aal2', async () => {
		const user = fake.addUser(`svc${++counter}@beirat.example`, PASSWORD);
		const browser = await serviceFor(user.email);
		expect(await (await browser.service()).status()).toEqual({ enrolled: false, pending: null, recoveryCodesLeft: 0 });
		await (await browser.service()).begin();
		const status = await (await browser.service()).status();
		expect(status.pending?.qr).toContain('<svg');
		const secret = status.pending!.key.replace(/ /g, '');
		await expect((await browser.service()).confirm(codeFor(secret, 10))).rejects.toMatchObject({
			status: 400,
			message: 'twoFactor.error.wrongCode'
		});
		// A wrong code keeps the enrolment (and its key) for another try.
		expect((await (await browser.service()).status()).pending?.key).toBe(status.pending!.key);
		expect(await (await browser.service()).confirm(codeFor(secret))).toEqual([]);
		expect(browser.pending.get()).toBeUndefined();
		expect(await (await browser.service()).status()).toMatchObject({ enrolled: true, pending: null });
		expect(await browser.aal()).toBe('aal2');
	});

	it('a later aal1 sign-in reaches aal2 only with a right code after verify, and disables with password and code', async () => {
		const user = fake.addUser(`svc${++counter}@beirat.example`, PASSWORD);
		const first = await serviceFor(user.email);
		await (await first.service()).begin();
		const secret = (await (await first.service()).status()).pending!.key.replace(/ /g, '');
		await (await first.service()).confirm(codeFor(secret));

		const later = await serviceFor(user.email);
		expect(await later.aal()).toBe('aal1');
		await expect((await later.service()).verify(codeFor(secret, 10))).rejects.toMatchObject({ status: 400 });
		expect(await later.aal()).toBe('aal1');
		await (await later.service()).verify(codeFor(secret));
		expect(await later.aal()).toBe('aal2');

		const disable = async (password: string, code: string, required = false) =>
			(await later.service()).disable({ password, code, required });
		await expect(disable(PASSWORD, codeFor(secret), true)).rejects.toMatchObject({ status: 409 });
		await expect(disable('wrong password', codeFor(secret))).rejects.toMatchObject({ status: 400 });
		await expect(disable(PASSWORD, codeFor(secret, 10))).rejects.toMatchObject({
			message: 'twoFactor.error.wrongCode'
		});
		expect(fake.userByEmail(user.email)!.factors).toHaveLength(1);
		await disable(PASSWORD, codeFor(secret));
		expect(fake.userByEmail(user.email)!.factors).toEqual([]);
		expect((await (await later.service()).status()).enrolled).toBe(false);
	});
});

// The request gate reads GoTrue's factors from auth.mfa_factors in the request's transaction (as GoTrue
// writes them in a Supabase database); here the rows are written as GoTrue would.
describe.each(testDatabases())('two-factor gate with Supabase Auth factors on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	beforeAll(async () => {
		db = await target.open();
		board = await createBoard(db);
		await db.ownerTransaction((tx) =>
			tx.query(`update public.boards set require_two_factor = true where id = $1`, [board.id])
		);
	});
	afterAll(() => db.close());

	const factorRow = (user: TestUser, status: 'unverified' | 'verified') =>
		db.ownerTransaction((tx) =>
			tx.query(
				`insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status) values ($1, $2, $3, 'totp', $4)`,
				[randomUUID(), user.id, `Beirat ${status}`, status]
			)
		);
	const gateOf = async (user: TestUser, aal: 'aal1' | 'aal2') => {
		const claims: Claims = { ...claimsFor(user), aal };
		return twoFactorGate(await withUser(db, claims, twoFactorState), aal);
	};

	it('holds an aal1 session with a verified factor at the code and lets aal2 through', async () => {
		const office = await addMember(db, { board, role: 'office' });
		const member = await addMember(db, { board, role: 'member' });
		expect(await gateOf(office, 'aal1')).toBe('enrol');
		expect(await gateOf(member, 'aal1')).toBeNull();
		await factorRow(office, 'unverified');
		await factorRow(member, 'unverified');
		expect(await gateOf(office, 'aal1')).toBe('enrol');
		expect(await gateOf(member, 'aal1')).toBeNull();
		await factorRow(office, 'verified');
		await factorRow(member, 'verified');
		expect(await gateOf(office, 'aal1')).toBe('verify');
		expect(await gateOf(member, 'aal1')).toBe('verify');
		expect(await gateOf(office, 'aal2')).toBeNull();
		expect(await gateOf(member, 'aal2')).toBeNull();
	});

	it("answers only for the caller's own factors", async () => {
		const other = await addMember(db, { board, role: 'member' });
		const me = await addMember(db, { board, role: 'member' });
		await factorRow(other, 'verified');
		expect(await withUser(db, { ...claimsFor(me), aal: 'aal1' }, twoFactorState)).toEqual({
			enrolled: false,
			required: false
		});
	});
});
