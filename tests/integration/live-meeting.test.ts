import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import { createLiveService } from '$lib/server/live/live.service';
import { createLiveTicketService } from '$lib/server/live/live-ticket.service';
import type { MeetingEvent } from '$lib/server/live/live-process';
import type { LiveState } from '$lib/types/live.types';
import type { LiveMessage } from '$lib/live/live-protocol';
import { claimsFor, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, inviteGuest } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { startCollabNode, until, type CollabNode } from '../support/collab';

// Meeting mode (#19): the live service under RLS, and the live channel (tickets, audiences, refusals).

interface Socket {
	messages: LiveMessage[];
	close(): void;
}

function listen(url: string): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		const messages: LiveMessage[] = [];
		ws.on('message', (raw) => messages.push(JSON.parse(String(raw)) as LiveMessage));
		ws.on('open', () => resolve({ messages, close: () => ws.close() }));
		ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade ${res.statusCode}`)));
		ws.on('error', reject);
	});
}

const lastState = (socket: Socket) => socket.messages.filter((m) => m.kind === 'state').at(-1)?.data as LiveState;

describe.each(testDatabases())('meeting mode on $name', (target) => {
	let db: Database;
	let node: CollabNode;
	let world: Awaited<ReturnType<typeof setup>>;

	async function setup() {
		const { board, other, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member',
			advisor: 'advisor',
			outsider: { role: 'member', otherBoard: true }
		});
		const meeting = { ...(await createMeeting(db, { board, published: true })), board };
		const open = await createItem(db, { meeting, title: 'Öffentlicher Punkt', isPublic: true });
		const closed = await createItem(db, { meeting, title: 'Personalangelegenheit', isPublic: false });
		const guest = await inviteGuest(db, { meeting });
		return { board, other, people, meeting, open, closed, guest };
	}

	const events: { meetingId: string; event: MeetingEvent }[] = [];
	const serviceFor = (user: TestUser) =>
		createLiveService({
			db: scopedDb(db, claimsFor(user)),
			actor: { userId: user.id },
			publish: (meetingId, event) => {
				events.push({ meetingId, event });
				node.server.live.publish(meetingId, event);
			}
		});
	const as = async (user: TestUser) => ({ service: serviceFor(user), board: await boardAs(db, user, world.board) });
	const ticket = async (user: TestUser, meetingId = world.meeting.id) =>
		createLiveTicketService({
			db: scopedDb(db, claimsFor(user)),
			systemDb: db,
			origin: node.base.replace('ws:', 'http:'),
			actor: { userId: user.id }
		}).issue(await boardAs(db, user, world.board), meetingId);

	beforeAll(async () => {
		db = await target.open();
		node = await startCollabNode({ db });
		world = await setup();
	});
	afterAll(async () => {
		await node?.close();
		await db?.close();
	});

	it('runs a meeting: items, check-ins, quorum, speakers, all idempotent', async () => {
		const { people, meeting, open, closed } = world;
		const chair = await as(people.chair);
		await chair.service.start(chair.board, meeting.id);
		await chair.service.start(chair.board, meeting.id);
		await chair.service.setItem(chair.board, meeting.id, open.id);
		await chair.service.setItem(chair.board, meeting.id, open.id);

		for (const [person, mode] of [
			[people.m1, 'room'],
			[people.m2, 'online'],
			[people.m1, 'room']
		] as const) {
			const member = await as(person);
			await member.service.checkIn(member.board, meeting.id, { mode });
		}
		let state = await chair.service.state(chair.board, meeting.id);
		expect(state.running).toBe(true);
		expect(state.currentItemId).toBe(open.id);
		expect(
			state.people
				.filter((p) => p.present)
				.map((p) => p.userId)
				.sort()
		).toEqual([people.m1.id, people.m2.id].sort());
		// chair, m1, m2, m3 vote (advisor does not): 2 of 4 present, more than half needed.
		expect(state.quorum).toMatchObject({ present: 2, total: 4, needed: 3, reached: false });

		// The office corrects: the chair is in the room after all; m2 leaves early.
		const office = await as(people.office);
		await office.service.checkIn(office.board, meeting.id, { userId: people.chair.id, mode: 'room' });
		const m2 = await as(people.m2);
		await m2.service.checkOut(m2.board, meeting.id, {});
		await m2.service.checkOut(m2.board, meeting.id, {});
		state = await chair.service.state(chair.board, meeting.id);
		expect(state.quorum).toMatchObject({ present: 2, reached: false });
		expect(state.people.find((p) => p.userId === people.m2.id)).toMatchObject({ mode: 'online', present: false });
		expect(state.people.find((p) => p.userId === people.m2.id)?.leftAt).not.toBeNull();
		// One attendance record: the check-ins reach meeting_attendance (quorum, minutes, votes read it).
		const attendance = await db.ownerTransaction((tx) =>
			tx.query<{ user_id: string; present: boolean }>(
				`select user_id, present from public.meeting_attendance where meeting_id = $1`,
				[meeting.id]
			)
		);
		expect(Object.fromEntries(attendance.map((a) => [a.user_id, a.present]))).toEqual({
			[people.m1.id]: true,
			[people.m2.id]: false,
			[people.chair.id]: true
		});

		// Speakers: m1 raises twice (one hand), m3 once; the chair moves m3 up, starts and ends turns.
		const m1 = await as(people.m1);
		await m1.service.raiseHand(m1.board, meeting.id);
		await m1.service.raiseHand(m1.board, meeting.id);
		const m3 = await as(people.m3);
		await m3.service.raiseHand(m3.board, meeting.id);
		state = await chair.service.state(chair.board, meeting.id);
		expect(state.speakers.map((s) => s.userId)).toEqual([people.m1.id, people.m3.id]);
		const [first, second] = state.speakers;
		await chair.service.turn(chair.board, meeting.id, { speakerId: second!.id, step: 'up' });
		await chair.service.turn(chair.board, meeting.id, { speakerId: second!.id, step: 'start' });
		await chair.service.turn(chair.board, meeting.id, { speakerId: first!.id, step: 'start' });
		state = await chair.service.state(chair.board, meeting.id);
		expect(state.speakers.map((s) => [s.userId, s.state])).toEqual([
			[people.m1.id, 'speaking'],
			[people.m3.id, 'done']
		]);
		// A member cannot run the list or another's hand; the own hand only while waiting.
		await expect(m3.service.turn(m3.board, meeting.id, { speakerId: first!.id, step: 'end' })).rejects.toMatchObject({
			status: 403
		});
		await chair.service.setSpeakingTime(chair.board, meeting.id, 120);

		// Moving on ends the turn and logs both item times.
		await chair.service.setItem(chair.board, meeting.id, closed.id);
		state = await chair.service.state(chair.board, meeting.id);
		expect(state.speakers).toEqual([]);
		expect(state.speakingSeconds).toBe(120);
		const times = new Map(state.itemTimes.map((t) => [t.itemId, t]));
		expect(times.get(open.id)?.startedAt).toBeTruthy();
		expect(times.get(open.id)?.endedAt).toBeTruthy();
		expect(times.get(closed.id)?.endedAt).toBeNull();
		const log = await db.ownerTransaction((tx) =>
			tx.query<{ kind: string }>(`select kind from public.meeting_live_log where meeting_id = $1 order by id`, [
				meeting.id
			])
		);
		expect(log.map((l) => l.kind)).toEqual([
			'started',
			'item_started',
			'arrived',
			'arrived',
			'arrived',
			'left',
			'item_ended',
			'item_started'
		]);
	});

	it('refuses those who may not: members run nothing, guests and other boards', async () => {
		const { people, meeting, open, guest } = world;
		const m1 = await as(people.m1);
		await expect(m1.service.setItem(m1.board, meeting.id, open.id)).rejects.toMatchObject({ status: 403 });
		await expect(m1.service.start(m1.board, meeting.id)).rejects.toMatchObject({ status: 403 });
		await expect(
			m1.service.checkIn(m1.board, meeting.id, { userId: people.m3.id, mode: 'room' })
		).rejects.toMatchObject({ status: 403 });
		const g = await as(guest);
		await expect(g.service.checkIn(g.board, meeting.id, { mode: 'room' })).rejects.toMatchObject({ status: 403 });
		await expect(g.service.raiseHand(g.board, meeting.id)).rejects.toMatchObject({ status: 403 });
		// The guest's own picture: the current item is not public, so it is hidden, and no attendance list.
		const seen = await g.service.state(g.board, meeting.id);
		expect(seen).toMatchObject({ currentItemId: null, hiddenItem: true, people: [], quorum: null, speakers: [] });
		// A member of another board: the meeting does not exist for them.
		const outsider = serviceFor(people.outsider);
		const theirs = await boardAs(db, people.outsider, world.board);
		await expect(outsider.state(theirs, meeting.id)).rejects.toMatchObject({ status: 404 });
		await expect(ticket(people.outsider)).rejects.toMatchObject({ status: 403 });
		// RLS underneath: the guest reads no speakers of the non-public item, the outsider no live row.
		const rows = await scopedDb(db, claimsFor(people.outsider)).run((tx) =>
			tx.query(`select 1 from public.meeting_live where meeting_id = $1`, [meeting.id])
		);
		expect(rows).toEqual([]);
		await expect(
			scopedDb(db, claimsFor(guest)).run((tx) =>
				tx.query(
					`insert into public.meeting_checkins (meeting_id, user_id, board_id, mode) values ($1, $2, $3, 'room')`,
					[meeting.id, guest.id, world.board.id]
				)
			)
		).rejects.toThrow();
	});

	it('sends every change at once: full members everything, guests the public cut', async () => {
		const { people, meeting, open, closed, guest } = world;
		const chair = await as(people.chair);
		await chair.service.start(chair.board, meeting.id);
		const member = await listen((await ticket(people.m1)).url);
		const visitor = await listen((await ticket(guest)).url);
		await until(() => node.server.live.listeners(meeting.id) === 2, 2_000, 'both connected');

		await chair.service.setItem(chair.board, meeting.id, open.id);
		await until(() => lastState(member)?.currentItemId === open.id, 2_000, 'member sees the item');
		await until(() => lastState(visitor)?.currentItemId === open.id, 2_000, 'guest sees the public item');
		expect(lastState(visitor).people).toEqual([]);
		expect(lastState(member).people.length).toBeGreaterThan(0);

		await chair.service.setItem(chair.board, meeting.id, closed.id);
		await until(() => lastState(member)?.currentItemId === closed.id, 2_000, 'member sees the closed item');
		await until(() => lastState(visitor)?.hiddenItem === true, 2_000, 'guest sees only that it is closed');
		expect(JSON.stringify(visitor.messages)).not.toContain(closed.id);
		member.close();
		visitor.close();
	});
});
