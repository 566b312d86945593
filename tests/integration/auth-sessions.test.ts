import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_ACCESS_CHANGED } from '$lib/collab/protocol';
import { requestSessionIsLive } from '$lib/server/auth/local-auth.repository';
import { createSessionService } from '$lib/server/auth/session.service';
import type { AccessScope } from '$lib/server/collab/hub';
import { createTicketService } from '$lib/server/collab/ticket.service';
import { scopedDb, withUser, type Claims } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { closeCodes } from '../support/collab-frames';
import {
	connectWithTicket,
	createPaperWorld,
	startCollabNode,
	until,
	upgradeStatus,
	type PaperWorld,
	type TestClient
} from '../support/collab';
import { MemoryCookieJar } from '../support/cookie-jar';
import { testDatabases } from '../support/databases';
import { createHarness } from '../support/app-harness';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe.each(testDatabases())('sessions (local auth) on $name', (target) => {
	let db: Database;
	let h: Harness;
	let board: TestBoard;
	let world: PaperWorld;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db);
		world = await createPaperWorld(db);
	});
	afterAll(async () => {
		for (const client of clients) client.destroy();
		await db.close();
	});

	/** A browser of `person`, signed in with its own cookies, address and user agent. */
	async function browserOf(person: TestUser, ip: string, userAgent: string) {
		const cookies = new MemoryCookieJar();
		const session = h.auth.forRequest({ cookies, ip, userAgent });
		const claims = await session.signInWithPassword(person.email, person.password);
		return { cookies, session, claims, ip, userAgent };
	}

	/** What the hook decides at the browser's next request: its claims and whether its session is live. */
	async function nextRequest(browser: { cookies: MemoryCookieJar; ip: string; userAgent: string }) {
		const session = h.auth.forRequest(browser);
		const verified = await session.getRequestClaims();
		if (!verified) return false;
		return verified.sessionIsLive ? withUser(db, verified.claims, verified.sessionIsLive) : true;
	}

	function service(browser: { session: ReturnType<Harness['auth']['forRequest']>; claims: Claims }) {
		const scopes: AccessScope[] = [];
		const sessions = createSessionService({
			session: browser.session,
			claims: browser.claims,
			collab: { accessChanged: (scope) => scopes.push(scope) }
		});
		return { sessions, scopes };
	}

	it('lists the person’s sessions with device, shortened address and this device marked', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const laptop = await browserOf(person, '192.0.2.17', FIREFOX);
		const phone = await browserOf(person, '2001:db8:85a3::8a2e:370:7334', SAFARI_IPHONE);
		const stranger = await addMember(db, { board, role: 'member' });
		await browserOf(stranger, '198.51.100.1', FIREFOX);
		const list = await service(laptop).sessions.list();
		if (!list.listed) throw new Error('local auth lists sessions');
		expect(list.sessions).toHaveLength(2);
		expect(list.sessions.find((s) => s.id === laptop.claims.session_id)).toMatchObject({
			browser: 'Firefox',
			system: 'Linux',
			address: '192.0.2.x',
			current: true
		});
		expect(list.sessions.find((s) => s.id === phone.claims.session_id)).toMatchObject({
			browser: 'Safari',
			system: 'iOS',
			address: '2001:db8::…',
			current: false
		});
		for (const s of list.sessions) expect(Date.parse(s.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
	});

	it('ends another session: its next request is signed out, its refresh token no longer works', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const laptop = await browserOf(person, '192.0.2.17', FIREFOX);
		const phone = await browserOf(person, '192.0.2.18', SAFARI_IPHONE);
		expect(await nextRequest(phone)).toBe(true);
		const { sessions, scopes } = service(laptop);
		await sessions.end(phone.claims.session_id);
		expect(scopes).toEqual([{ sessionId: phone.claims.session_id }]);
		// The access token still verifies (it is cached until it expires): the database check signs it out.
		expect(await nextRequest(phone)).toBe(false);
		phone.cookies.delete('beirat-access', { path: '/' });
		expect(await nextRequest(phone)).toBe(false);
		expect(await nextRequest(laptop)).toBe(true);
	});

	it('refuses to end this session, another person’s session or an unknown one', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const other = await addMember(db, { board, role: 'member' });
		const mine = await browserOf(person, '192.0.2.1', FIREFOX);
		const theirs = await browserOf(other, '192.0.2.2', FIREFOX);
		const { sessions, scopes } = service(mine);
		expect(await refusal(sessions.end(mine.claims.session_id))).toBe('profile.sessions.error.current');
		expect(await refusal(sessions.end(theirs.claims.session_id))).toBe('profile.sessions.error.notFound');
		expect(await refusal(sessions.end(crypto.randomUUID()))).toBe('profile.sessions.error.notFound');
		expect(scopes).toEqual([]);
		expect(await nextRequest(theirs)).toBe(true);
	});

	it('ends all other sessions and keeps this one', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const here = await browserOf(person, '192.0.2.1', FIREFOX);
		const a = await browserOf(person, '192.0.2.2', FIREFOX);
		const b = await browserOf(person, '192.0.2.3', SAFARI_IPHONE);
		const { sessions, scopes } = service(here);
		await sessions.endOthers();
		expect(scopes.map((s) => s.sessionId).sort()).toEqual([a.claims.session_id, b.claims.session_id].sort());
		expect(await nextRequest(a)).toBe(false);
		expect(await nextRequest(b)).toBe(false);
		expect(await nextRequest(here)).toBe(true);
		const list = await sessions.list();
		expect(list.listed && list.sessions.map((s) => s.id)).toEqual([here.claims.session_id]);
	});

	it('a password change ends every other session of the person', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const here = await browserOf(person, '192.0.2.1', FIREFOX);
		const elsewhere = await browserOf(person, '192.0.2.2', SAFARI_IPHONE);
		await h.authService.changePassword({
			session: here.session,
			claims: here.claims,
			currentPassword: person.password,
			newPassword: 'ein-ganz-neues-passwort'
		});
		expect(await nextRequest(elsewhere)).toBe(false);
		expect(await nextRequest(here)).toBe(true);
	});

	it('records the last use at most once per five minutes', async () => {
		const person = await addMember(db, { board, role: 'member' });
		const browser = await browserOf(person, '192.0.2.1', FIREFOX);
		const lastUse = async () => {
			const [row] = await db.ownerTransaction((tx) =>
				tx.query<{ at: Date }>(`select updated_at as at from auth.sessions where id = $1`, [browser.claims.session_id])
			);
			return row!.at.getTime();
		};
		await db.ownerTransaction((tx) =>
			tx.query(`update auth.sessions set updated_at = now() - interval '10 minutes' where id = $1`, [
				browser.claims.session_id
			])
		);
		const before = await lastUse();
		expect(await withUser(db, browser.claims, requestSessionIsLive)).toBe(true);
		const touched = await lastUse();
		expect(touched - before).toBeGreaterThan(9 * 60_000);
		await db.ownerTransaction((tx) =>
			tx.query(`update auth.sessions set updated_at = now() - interval '4 minutes' where id = $1`, [
				browser.claims.session_id
			])
		);
		const recent = await lastUse();
		expect(await withUser(db, browser.claims, requestSessionIsLive)).toBe(true);
		expect(await lastUse()).toBe(recent);
	});

	it("closes the ended session's collaboration sockets at once and refuses its tickets; other sessions stay", async () => {
		const node = await startCollabNode({ db });
		try {
			const person = world.editor;
			const laptop = await browserOf(person, '192.0.2.1', FIREFOX);
			const phone = await browserOf(person, '192.0.2.2', SAFARI_IPHONE);
			const ticket = (browser: { claims: Claims }) =>
				createTicketService({
					db: scopedDb(db, browser.claims),
					systemDb: db,
					origin: 'http://127.0.0.1',
					actor: { userId: person.id, sessionId: browser.claims.session_id }
				}).issue(world.paperId);
			const onPhone = await connectWithTicket(node.base, world.paperId, (await ticket(phone)).ticket);
			const onLaptop = await connectWithTicket(node.base, world.paperId, (await ticket(laptop)).ticket);
			clients.push(onPhone, onLaptop);
			const unusedPhoneTicket = (await ticket(phone)).ticket;
			const phoneCloses = closeCodes(onPhone);
			const laptopCloses = closeCodes(onLaptop);
			await until(() => onPhone.provider.synced && onLaptop.provider.synced, 5_000, 'both clients sync');
			await createSessionService({ session: laptop.session, claims: laptop.claims, collab: node.server }).end(
				phone.claims.session_id
			);
			await until(() => phoneCloses.length > 0, 5_000, "the ended session's socket closes");
			expect(phoneCloses[0]).toBe(CLOSE_ACCESS_CHANGED);
			onPhone.destroy();
			// A ticket the ended session got before does not open a socket; the laptop's still does.
			const base = `${node.base}/collab/${world.paperId}?ticket=`;
			expect(await upgradeStatus(base + unusedPhoneTicket)).toBe(401);
			expect(await upgradeStatus(base + (await ticket(laptop)).ticket)).toBe(101);
			onLaptop.type('Weiter auf dem Laptop');
			await until(() => onLaptop.allSaved(), 5_000, 'the laptop saves on');
			expect(laptopCloses).toEqual([]);
		} finally {
			await node.close();
		}
	});
});
