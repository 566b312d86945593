import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import { createLiveTicketService } from '$lib/server/live/live-ticket.service';
import type { LiveMessage } from '$lib/live/live-protocol';
import { claimsFor, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createMeeting, inviteGuest } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { createPaper, startCollabNode, ticketFor, until, upgradeStatus, type CollabNode } from '../support/collab';

// The meetings' live channel (#19): tickets only for people who see the meeting, one audience per
// ticket (guests get the public payload only), refusals at the upgrade, and fan-out across nodes.

interface Listener {
	messages: LiveMessage[];
	closeCode: Promise<number>;
	close(): void;
}

function listen(url: string): Promise<Listener> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		const messages: LiveMessage[] = [];
		const closeCode = new Promise<number>((done) => ws.on('close', (code) => done(code)));
		ws.on('message', (raw) => messages.push(JSON.parse(String(raw)) as LiveMessage));
		ws.on('open', () => resolve({ messages, closeCode, close: () => ws.close() }));
		ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade ${res.statusCode}`)));
		ws.on('error', reject);
	});
}

async function world(db: Database) {
	const { board, people } = await boardWithRoles(db, {
		office: 'office',
		member: 'member',
		outsider: { role: 'member', otherBoard: true }
	});
	const meeting = { ...(await createMeeting(db, { board })), board };
	const guest = await inviteGuest(db, { meeting });
	const uninvited = await inviteGuest(db, { meeting: { ...(await createMeeting(db, { board })), board } });
	return { board, meeting, people: { ...people, guest, uninvited } };
}

async function ticket(
	db: Database,
	base: string,
	user: TestUser,
	board: { id: string; slug: string; name: string },
	meetingId: string
) {
	return createLiveTicketService({
		db: scopedDb(db, claimsFor(user)),
		systemDb: db,
		origin: base.replace('ws:', 'http:'),
		actor: { userId: user.id }
	}).issue(await boardAs(db, user, board), meetingId);
}

describe.each(testDatabases())('live channel on $name', (target) => {
	let db: Database;
	let node: CollabNode;
	let w: Awaited<ReturnType<typeof world>>;
	const issue = (user: TestUser, meetingId = w.meeting.id) => ticket(db, node.base, user, w.board, meetingId);

	beforeAll(async () => {
		db = await target.open();
		node = await startCollabNode({ db });
		w = await world(db);
	});
	afterAll(async () => {
		await node?.close();
		await db?.close();
	});

	it('gives tickets only to people who see the meeting', async () => {
		expect((await issue(w.people.member)).url).toContain(`/collab/live/${w.meeting.id}?ticket=`);
		expect((await issue(w.people.guest)).url).toContain('ticket=');
		// A guest of another meeting, and a member of another board: the meeting does not exist for them.
		await expect(issue(w.people.uninvited)).rejects.toMatchObject({ status: 404 });
		await expect(issue(w.people.outsider)).rejects.toMatchObject({ status: 403 });
	});

	it('sends full members the full payload and guests the public one or nothing', async () => {
		const member = await listen((await issue(w.people.member)).url);
		const guest = await listen((await issue(w.people.guest)).url);
		await until(() => node.server.live.listeners(w.meeting.id) === 2, 2_000, 'both connected');
		node.server.live.publish(w.meeting.id, { kind: 'state', full: { secret: 'N 1' } });
		node.server.live.publish(w.meeting.id, { kind: 'state', full: { item: 'Ö 1' }, public: { item: 'Ö 1' } });
		await until(() => member.messages.length === 2 && guest.messages.length === 1, 2_000, 'delivered');
		expect(member.messages.map((m) => m.data)).toEqual([{ secret: 'N 1' }, { item: 'Ö 1' }]);
		expect(guest.messages.map((m) => m.data)).toEqual([{ item: 'Ö 1' }]);
		member.close();
		guest.close();
	});

	it('refuses upgrades without a valid, unused ticket for that meeting, and closes on access changes', async () => {
		const base = `${node.base}/collab/live/${w.meeting.id}`;
		expect(await upgradeStatus(base)).toBe(401);
		expect(await upgradeStatus(`${base}?ticket=nonsense`)).toBe(401);
		const other = await createMeeting(db, { board: w.board });
		const { ticket: forOther } = await issue(w.people.member, other.id);
		expect(await upgradeStatus(`${base}?ticket=${forOther}`)).toBe(403);
		const paperId = await createPaper(db, { board: w.board, author: w.people.office });
		const paper = await ticketFor(db, w.people.office, paperId);
		expect(await upgradeStatus(`${base}?ticket=${paper.ticket}`)).toBe(401);
		const once = await issue(w.people.member);
		expect(await upgradeStatus(once.url)).toBe(101);
		expect(await upgradeStatus(once.url)).toBe(401);
		// A role change (or removal) closes the board's live sockets; the client asks for a new ticket.
		const socket = await listen((await issue(w.people.member)).url);
		const before = await issue(w.people.member);
		node.server.accessChanged({ boardId: w.board.id });
		expect(await socket.closeCode).toBe(4403);
		// A ticket issued before the change no longer opens a socket.
		expect(await upgradeStatus(before.url)).toBe(401);
	});
});

const redisUrl = process.env.REDIS_URL;
describe.skipIf(!redisUrl).each(testDatabases())('live channel across two nodes with Redis on $name', (target) => {
	let db: Database;
	let nodes: CollabNode[];
	let w: Awaited<ReturnType<typeof world>>;

	beforeAll(async () => {
		db = await target.open();
		nodes = [await startCollabNode({ db, redisUrl }), await startCollabNode({ db, redisUrl })];
		w = await world(db);
	});
	afterAll(async () => {
		for (const node of nodes ?? []) await node.close();
		await db?.close();
	});

	it('delivers an event published on one node to sockets on both, each once', async () => {
		const [a, b] = nodes as [CollabNode, CollabNode];
		const onA = await listen((await ticket(db, a.base, w.people.member, w.board, w.meeting.id)).url);
		const onB = await listen((await ticket(db, b.base, w.people.member, w.board, w.meeting.id)).url);
		const guestOnB = await listen((await ticket(db, b.base, w.people.guest, w.board, w.meeting.id)).url);
		a.server.live.publish(w.meeting.id, { kind: 'state', full: { n: 1 }, public: { n: 0 } });
		await until(
			() => onA.messages.length === 1 && onB.messages.length === 1 && guestOnB.messages.length === 1,
			2_000,
			'fan-out'
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect([onA, onB].map((l) => l.messages.map((m) => m.data))).toEqual([[{ n: 1 }], [{ n: 1 }]]);
		expect(guestOnB.messages.map((m) => m.data)).toEqual([{ n: 0 }]);
		for (const l of [onA, onB, guestOnB]) l.close();
	});
});
