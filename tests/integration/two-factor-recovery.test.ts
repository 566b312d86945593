import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeAt } from '$lib/server/auth/totp';
import { createTwoFactorService } from '$lib/server/auth/two-factor.service';
import type { Database } from '$lib/server/db/types';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { MemoryCookieJar } from '../support/cookie-jar';
import { testDatabases } from '../support/databases';
import { createHarness } from '../support/app-harness';
import { refusal } from '../support/refusal';

// New recovery codes without enrolling again (#17, local auth): password and a current code from the app;
// the old codes stop working, the new ones work once.

type Harness = Awaited<ReturnType<typeof createHarness>>;

describe.each(testDatabases())('two-factor recovery codes renewed (local auth) on $name', (target) => {
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

	async function browserOf(person: TestUser) {
		const cookies = new MemoryCookieJar();
		const session = h.auth.forRequest({ cookies, ip: '192.0.2.1', userAgent: 'vitest' });
		const claims = await session.signInWithPassword(person.email, person.password);
		return createTwoFactorService({ db, auth: h.auth, session, claims, ip: '192.0.2.1', issuer: 'Beirat' });
	}

	async function enrolled() {
		const person = await addMember(db, { board, role: 'office' });
		const service = await browserOf(person);
		await service.begin();
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ secret: string }>(`select secret from public.totp_factors where user_id = $1`, [person.id])
		);
		const secret = row!.secret;
		const codes = await service.confirm(codeAt(secret, Date.now()));
		return { person, secret, codes, service };
	}

	it('needs the password and a code from the app; the old codes stop working, the new ones work once', async () => {
		const { person, secret, codes, service } = await enrolled();
		const appCode = () => codeAt(secret, Date.now() + 30_000);
		expect(await refusal(service.renewRecoveryCodes({ password: 'falsch-falsch', code: appCode() }))).toBe(
			'profile.error.currentPassword'
		);
		expect(await refusal(service.renewRecoveryCodes({ password: person.password, code: codes[0]! }))).toBe(
			'twoFactor.error.wrongCode'
		);
		expect(await refusal(service.renewRecoveryCodes({ password: person.password, code: '000000' }))).toBe(
			'twoFactor.error.wrongCode'
		);

		const renewed = await service.renewRecoveryCodes({ password: person.password, code: appCode() });
		expect(renewed).toHaveLength(10);
		expect(new Set(renewed).size).toBe(10);
		expect(renewed.some((code) => codes.includes(code))).toBe(false);
		expect(await service.status()).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
		// The factor stays: no new key, no new enrolment.
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ secret: string }>(`select secret from public.totp_factors where user_id = $1`, [person.id])
		);
		expect(row?.secret).toBe(secret);

		const old = await browserOf(person);
		expect(await refusal(old.verify(codes[1]!))).toBe('twoFactor.error.wrongCode');
		const fresh = await browserOf(person);
		await fresh.verify(renewed[0]!);
		const again = await browserOf(person);
		expect(await refusal(again.verify(renewed[0]!))).toBe('twoFactor.error.wrongCode');
		expect(await again.status()).toMatchObject({ recoveryCodesLeft: 9 });
	});

	it('is refused before enrolment', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const service = await browserOf(person);
		expect(await refusal(service.renewRecoveryCodes({ password: person.password, code: '123456' }))).toBe(
			'twoFactor.error.noEnrolment'
		);
	});
});
