import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import { createLiveService } from '$lib/server/live/live.service';
import { readLiveState } from '$lib/server/live/live-state';
import type { LiveState } from '$lib/types/live.types';
import { claimsFor, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { testDatabases } from '../support/databases';

// Meeting mode across app nodes (#19): every client keeps the live picture with the newest `readAt`. Two
// pictures read at the same time by two nodes must never leave the screens on a stale one: a picture whose
// reading overlapped a commit it did not see must be older than the picture announced after that commit.
// Only PostgreSQL runs transactions side by side (PGlite has one session), so only there can they overlap.

const postgres = testDatabases().find((target) => target.name === 'postgres');

describe.runIf(postgres)('live pictures read while another node commits (PostgreSQL)', () => {
	let db: Database;
	let world: Awaited<ReturnType<typeof setup>>;
	const announced: LiveState[] = [];

	const serviceFor = (user: TestUser) =>
		createLiveService({
			db: scopedDb(db, claimsFor(user)),
			actor: { userId: user.id },
			publish: (_meetingId, event) => void (event.kind === 'state' && announced.push(event.full as LiveState))
		});

	async function setup() {
		const roles = await boardWithRoles(db, { chair: 'chair', m1: 'member', m2: 'member' });
		const meeting = await createMeeting(db, { board: roles.board, published: true });
		return { ...roles, meetingId: meeting.id };
	}

	beforeAll(async () => {
		db = await postgres!.open();
		world = await setup();
		const chair = world.people.chair;
		await serviceFor(chair).start(await boardAs(db, chair, world.board), world.meetingId);
	});
	afterAll(async () => {
		await db?.close();
	});

	it('a picture that missed a check-in committed while it was read never outranks the next one', async () => {
		const m1 = world.people.m1;
		const member = serviceFor(m1);
		const board = await boardAs(db, m1, world.board);
		announced.length = 0;
		let interleaved = false;
		// Node A reads a picture; right after it read the check-ins, m1 checks in on node B (commit and
		// announcement), then node A's reading goes on.
		const slow = await db.ownerTransaction((tx) => {
			const paused: Tx = {
				exec: (text) => tx.exec(text),
				async query<T>(text: string, params?: readonly unknown[]) {
					const rows = await tx.query<T>(text, params);
					if (!interleaved && text.includes('meeting_checkins')) {
						interleaved = true;
						await member.checkIn(board, world.meetingId, { mode: 'room' });
					}
					return rows;
				}
			};
			return readLiveState(paused, { boardId: world.board.id, meetingId: world.meetingId });
		});
		expect(interleaved).toBe(true);
		expect(announced).toHaveLength(1);
		const after = announced[0]!;
		expect(after.people.find((p) => p.userId === m1.id)?.present).toBe(true);
		// The slow picture did not see the check-in (its reading had passed the check-ins) ...
		expect(slow.people.find((p) => p.userId === m1.id)?.present).toBe(false);
		// ... so every client must prefer the picture announced after the commit, whichever arrives last.
		expect(slow.readAt).toBeLessThan(after.readAt);
	});
});
