import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_COOKIE } from '$lib/server/auth/local';
import { codeAt } from '$lib/server/auth/totp';
import { twoFactorState } from '$lib/server/auth/two-factor.repository';
import { createTwoFactorService } from '$lib/server/auth/two-factor.service';
import { withUser, type Claims } from '$lib/server/db/scoped';
import { appendDecision } from '$lib/server/decisions/decision.repository';
import { publishDecision } from '$lib/server/publication/publication.repository';
import type { Database } from '$lib/server/db/types';
import { addMember, claimsFor, createBoard, makeAdmin, type TestBoard, type TestUser } from '../factories';
import { MemoryCookieJar } from '../support/cookie-jar';
import { testDatabases } from '../support/databases';
import { createHarness } from '../support/app-harness';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

describe.each(testDatabases())('two-factor sign-in (local auth) on $name', (target) => {
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
		const context = { cookies, ip: '192.0.2.1', userAgent: 'vitest' };
		const session = h.auth.forRequest(context);
		const claims = await session.signInWithPassword(person.email, person.password);
		const service = createTwoFactorService({
			db,
			auth: h.auth,
			session,
			claims,
			ip: context.ip,
			issuer: 'Beirat'
		});
		/** The claims the browser's next request carries (from the access cookie, or refreshed). */
		const next = () => h.auth.forRequest({ ...context, cookies: cookies.next() }).getClaims();
		return { cookies, session, claims, service, next };
	}

	async function secretOf(person: TestUser): Promise<string> {
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ secret: string }>(`select secret from public.totp_factors where user_id = $1`, [person.id])
		);
		return row!.secret;
	}

	/** A person with a confirmed factor; the recovery codes and the step used at confirmation. */
	async function enrolled() {
		const person = await addMember(db, { board, role: 'office' });
		const browser = await browserOf(person);
		await browser.service.begin();
		const secret = await secretOf(person);
		const codes = await browser.service.confirm(codeAt(secret, Date.now()));
		return { person, secret, codes, browser };
	}

	it('enrols with a QR code and key, confirms with a code, gives ten recovery codes and raises the session', async () => {
		const person = await addMember(db, { board, role: 'office' });
		const browser = await browserOf(person);
		expect(await browser.service.status()).toEqual({ enrolled: false, pending: null, recoveryCodesLeft: 0 });
		await browser.service.begin();
		const status = await browser.service.status();
		const secret = await secretOf(person);
		expect(status.pending?.key.replace(/ /g, '')).toBe(secret);
		expect(status.pending?.qr).toMatch(/^<svg/);
		expect(await refusal(browser.service.confirm('000000'))).toBe('twoFactor.error.wrongCode');
		const codes = await browser.service.confirm(codeAt(secret, Date.now()));
		expect(codes).toHaveLength(10);
		expect(await browser.service.status()).toMatchObject({ enrolled: true, pending: null, recoveryCodesLeft: 10 });
		expect(await browser.next()).toMatchObject({ aal: 'aal2', session_id: browser.claims.session_id });
		const [stored] = await db.ownerTransaction((tx) =>
			tx.query<{ hashes: string[] }>(
				`select array_agg(code_hash) as hashes from public.mfa_recovery_codes where user_id = $1`,
				[person.id]
			)
		);
		for (const code of codes) expect(stored!.hashes).not.toContain(code);
		expect(await refusal(browser.service.begin())).toBe('twoFactor.error.alreadyEnrolled');
	});

	it('asks for the code after the password: aal1 until verified, aal2 after, kept across a refresh', async () => {
		const { person, secret } = await enrolled();
		const browser = await browserOf(person);
		expect(browser.claims.aal).toBe('aal1');
		expect(await withUser(db, browser.claims, twoFactorState)).toEqual({ enrolled: true, required: false });
		await browser.service.verify(codeAt(secret, Date.now() + 30_000));
		expect(await browser.next()).toMatchObject({ aal: 'aal2' });
		browser.cookies.delete(ACCESS_COOKIE, { path: '/' });
		expect(await browser.next()).toMatchObject({ aal: 'aal2' });
	});

	it('refuses a replayed code, a code outside the window and a wrong one', async () => {
		const { person, secret } = await enrolled();
		const browser = await browserOf(person);
		// The code used at enrolment (same step) is spent; so is any older step.
		expect(await refusal(browser.service.verify(codeAt(secret, Date.now())))).toBe('twoFactor.error.wrongCode');
		expect(await refusal(browser.service.verify(codeAt(secret, Date.now() + 90_000)))).toBe(
			'twoFactor.error.wrongCode'
		);
		expect(await refusal(browser.service.verify('123456'))).toBe('twoFactor.error.wrongCode');
		expect(await browser.next()).toMatchObject({ aal: 'aal1' });
		// Wrong codes count like wrong passwords: a guesser has to wait, even with the right code.
		const fresh = codeAt(secret, Date.now() + 30_000);
		expect(await refusal(browser.service.verify(fresh))).toBe('auth.error.slowDown');
		await db.ownerTransaction((tx) => tx.query(`delete from public.sign_in_attempts`));
		await browser.service.verify(fresh);
		const other = await browserOf(person);
		expect(await refusal(other.service.verify(fresh))).toBe('twoFactor.error.wrongCode');
	});

	it('accepts each recovery code once', async () => {
		const { person, codes } = await enrolled();
		const first = await browserOf(person);
		await first.service.verify(codes[0]!.toUpperCase());
		expect(await first.next()).toMatchObject({ aal: 'aal2' });
		const second = await browserOf(person);
		expect(await refusal(second.service.verify(codes[0]!))).toBe('twoFactor.error.wrongCode');
		expect(await second.service.status()).toMatchObject({ recoveryCodesLeft: 9 });
	});

	it('turns off only with the password and a code, and not where it is required', async () => {
		const { person, secret, browser } = await enrolled();
		const code = () => codeAt(secret, Date.now() + 30_000);
		expect(await refusal(browser.service.disable({ password: 'falsch-falsch', code: code(), required: false }))).toBe(
			'profile.error.currentPassword'
		);
		expect(await refusal(browser.service.disable({ password: person.password, code: code(), required: true }))).toBe(
			'twoFactor.error.required'
		);
		expect(await refusal(browser.service.disable({ password: person.password, code: '000000', required: false }))).toBe(
			'twoFactor.error.wrongCode'
		);
		await browser.service.disable({ password: person.password, code: code(), required: false });
		expect(await browser.service.status()).toEqual({ enrolled: false, pending: null, recoveryCodesLeft: 0 });
	});

	it('says who must enrol: office and chair of a board that requires it, admins where the platform does', async () => {
		const strict = await createBoard(db);
		await db.ownerTransaction((tx) =>
			tx.query(`update public.boards set require_two_factor = true where id = $1`, [strict.id])
		);
		const state = (user: TestUser) => withUser(db, claimsFor(user), twoFactorState);
		const chair = await addMember(db, { board: strict, role: 'chair' });
		const office = await addMember(db, { board: strict, role: 'office' });
		const member = await addMember(db, { board: strict, role: 'member' });
		const elsewhere = await addMember(db, { board, role: 'office' });
		const admin = await makeAdmin(db);
		expect(await state(chair)).toEqual({ enrolled: false, required: true });
		expect(await state(office)).toEqual({ enrolled: false, required: true });
		expect(await state(member)).toEqual({ enrolled: false, required: false });
		expect(await state(elsewhere)).toEqual({ enrolled: false, required: false });
		expect(await state(admin)).toEqual({ enrolled: false, required: false });
		await db.ownerTransaction((tx) => tx.query(`update public.platform_settings set require_two_factor = true`));
		try {
			expect(await state(elsewhere)).toEqual({ enrolled: false, required: true });
			expect(await state(admin)).toEqual({ enrolled: false, required: true });
			expect(await state(member)).toEqual({ enrolled: false, required: false });
		} finally {
			await db.ownerTransaction((tx) => tx.query(`update public.platform_settings set require_two_factor = false`));
		}
	});

	it('refuses writes to members and invitations in the database without aal2 where required', async () => {
		const strict = await createBoard(db);
		await db.ownerTransaction((tx) =>
			tx.query(`update public.boards set require_two_factor = true where id = $1`, [strict.id])
		);
		const office = await addMember(db, { board: strict, role: 'office' });
		const member = await addMember(db, { board: strict, role: 'member' });
		const lax = await addMember(db, { board, role: 'office' });
		const laxMember = await addMember(db, { board, role: 'member' });
		const aal = (user: TestUser, level: 'aal1' | 'aal2'): Claims => ({ ...claimsFor(user), aal: level });
		const setRole = (claims: Claims, boardId: string, userId: string) =>
			withUser(db, claims, (tx) =>
				tx.query(`update public.memberships set role = 'advisor' where board_id = $1 and user_id = $2 returning id`, [
					boardId,
					userId
				])
			);
		const invite = (claims: Claims, boardId: string) =>
			withUser(db, claims, (tx) =>
				tx.query(
					`insert into public.invitations (board_id, email, role, token_hash, invited_by, expires_at)
					 values ($1, $2, 'member', md5(random()::text), $3, now() + interval '1 day')`,
					[boardId, `neu-${Date.now()}-${Math.random()}@beirat.example`, claims.sub]
				)
			);
		expect(await setRole(aal(office, 'aal1'), strict.id, member.id)).toHaveLength(0);
		await expect(invite(aal(office, 'aal1'), strict.id)).rejects.toMatchObject({ code: '42501' });
		expect(await setRole(aal(office, 'aal2'), strict.id, member.id)).toHaveLength(1);
		await invite(aal(office, 'aal2'), strict.id);
		// A board that does not require it: aal1 is enough.
		expect(await setRole(aal(lax, 'aal1'), board.id, laxMember.id)).toHaveLength(1);
		await db.ownerTransaction((tx) => tx.query(`update public.platform_settings set require_two_factor = true`));
		try {
			expect(await setRole(aal(lax, 'aal1'), board.id, laxMember.id)).toHaveLength(0);
		} finally {
			await db.ownerTransaction((tx) => tx.query(`update public.platform_settings set require_two_factor = false`));
		}
	});

	it('the office switches the board requirement; turning it off and publication need aal2 while it holds', async () => {
		const strict = await createBoard(db);
		const office = await addMember(db, { board: strict, role: 'office' });
		const chair = await addMember(db, { board: strict, role: 'chair' });
		const call = (user: TestUser, level: 'aal1' | 'aal2', sql: string, params: unknown[]) =>
			withUser(
				db,
				{ ...claimsFor(user), aal: level },
				async (tx) => (await tx.query<{ ok: boolean }>(sql, params))[0]!.ok
			);
		const setBoard = `select public.set_board_two_factor($1, $2) as ok`;
		expect(await call(chair, 'aal2', setBoard, [strict.id, true])).toBe(false);
		expect(await call(office, 'aal1', setBoard, [strict.id, true])).toBe(true);
		expect(await call(office, 'aal1', setBoard, [strict.id, false])).toBe(false);
		expect(await call(office, 'aal1', `select public.set_board_public($1, true) as ok`, [strict.id])).toBe(false);
		expect(await call(office, 'aal2', `select public.set_board_public($1, false) as ok`, [strict.id])).toBe(true);
		expect(await call(office, 'aal2', setBoard, [strict.id, false])).toBe(true);
		const admin = await makeAdmin(db);
		const setPlatform = `select public.set_platform_two_factor($1) as ok`;
		expect(await call(office, 'aal2', setPlatform, [true])).toBe(false);
		expect(await call(admin, 'aal1', setPlatform, [true])).toBe(true);
		try {
			expect(await call(admin, 'aal1', setPlatform, [false])).toBe(false);
		} finally {
			expect(await call(admin, 'aal2', setPlatform, [false])).toBe(true);
		}
	});

	it('refuses the decision log, publication and removal of a person without aal2 where required', async () => {
		const strict = await createBoard(db);
		await db.ownerTransaction((tx) =>
			tx.query(`update public.boards set require_two_factor = true where id = $1`, [strict.id])
		);
		const office = await addMember(db, { board: strict, role: 'office' });
		const aal = (user: TestUser, level: 'aal1' | 'aal2'): Claims => ({ ...claimsFor(user), aal: level });
		const record = (level: 'aal1' | 'aal2') =>
			withUser(db, aal(office, level), (tx) =>
				appendDecision(tx, {
					boardId: strict.id,
					title: 'Beschluss mit zweitem Faktor',
					resolution: 'Der Beirat beschließt.',
					kind: 'resolution',
					voteResult: { yes: 5, no: 0, abstain: 0 },
					status: 'adopted',
					source: 'manual',
					isPublic: true
				})
			);
		await expect(record('aal1')).rejects.toThrow(/second factor required/);
		const { number } = await record('aal2');
		const publish = (level: 'aal1' | 'aal2') =>
			withUser(db, aal(office, level), (tx) => publishDecision(tx, { boardId: strict.id, number, userId: office.id }));
		await expect(publish('aal1')).rejects.toThrow(/second factor required/);
		await publish('aal2');
		const admin = await makeAdmin(db);
		const person = await addMember(db, { board, role: 'member' });
		const remove = (level: 'aal1' | 'aal2') =>
			withUser(db, aal(admin, level), (tx) => tx.query(`select public.remove_member($1)`, [person.id]));
		await db.ownerTransaction((tx) => tx.query(`update public.platform_settings set require_two_factor = true`));
		try {
			await expect(remove('aal1')).rejects.toThrow(/second factor/);
			await remove('aal2');
		} finally {
			await db.ownerTransaction((tx) => tx.query(`update public.platform_settings set require_two_factor = false`));
		}
	});
});
