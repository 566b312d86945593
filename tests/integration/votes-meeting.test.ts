import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { meetingResultSchema } from '$lib/server/votes/vote.schema';
import type { TestBoard, TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { ownerRows, votesAs } from '../factories/votes';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('meeting votes on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'm1' | 'm2' | 'm3' | 'guest', TestUser>;
	let meetingId: string;

	async function as(user: TestUser) {
		return { ctx: await boardAs(db, user, board), ...(await votesAs(db, user)) };
	}
	async function decisionItem(title: string) {
		return createItem(db, {
			meeting: { id: meetingId, boardId: board.id, title: '', startsAt: new Date() },
			title,
			kind: 'decision',
			description: `${title}: Der Beirat beschließt.`
		});
	}
	async function declareConflict(itemId: string, user: TestUser) {
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.agenda_conflicts (item_id, user_id, meeting_id, reason) values ($1, $2, $3, 'befangen')`,
				[itemId, user.id, meetingId]
			)
		);
	}

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member',
			guest: 'guest'
		}));
		meetingId = (await createMeeting(db, { board })).id;
		await db.ownerTransaction(async (tx) => {
			for (const user of [people.chair, people.m1, people.m2]) {
				await tx.query(
					`insert into public.meeting_attendance (meeting_id, user_id, board_id, present) values ($1, $2, $3, true)`,
					[meetingId, user.id, board.id]
				);
			}
		});
	});
	afterAll(async () => db?.close());

	it('lists a member with a conflict as excluded and refuses to give them a vote', async () => {
		const item = await decisionItem('Förderantrag Verein');
		await declareConflict(item.id, people.m2);
		const office = await as(people.office);
		const panel = await office.meeting.panel(office.ctx, meetingId);
		const entry = panel.items.find((i) => i.item.id === item.id)!;
		expect(entry.excluded.map((p) => p.userId)).toEqual([people.m2.id]);
		expect(entry.voters.map((p) => p.userId)).not.toContain(people.m2.id);
		const named = meetingResultSchema.parse({
			itemId: item.id,
			mode: 'named',
			named: [
				{ userId: people.chair.id, choice: 'yes' },
				{ userId: people.m2.id, choice: 'yes' }
			]
		});
		await expect(office.meeting.record(office.ctx, meetingId, named)).rejects.toMatchObject({
			messageKey: 'votes.error.conflicted'
		});
		const ok = meetingResultSchema.parse({
			itemId: item.id,
			mode: 'named',
			named: [
				{ userId: people.chair.id, choice: 'yes' },
				{ userId: people.m1.id, choice: 'no' }
			]
		});
		expect(await office.meeting.record(office.ctx, meetingId, ok)).toBe('rejected');
		const rows = await ownerRows<{ user_id: string; excluded: boolean }>(
			db,
			`select w.user_id, w.excluded from public.vote_voters w join public.votes v on v.id = w.vote_id where v.item_id = $1`,
			[item.id]
		);
		expect(rows.find((r) => r.user_id === people.m2.id)?.excluded).toBe(true);
	});

	it('records counts once and appends the decision to the log exactly once', async () => {
		const item = await decisionItem('Stellungnahme Bebauungsplan');
		const office = await as(people.office);
		const input = meetingResultSchema.parse({ itemId: item.id, mode: 'counts', yes: '2', no: '0', abstain: '1' });
		expect(await office.meeting.record(office.ctx, meetingId, input)).toBe('adopted');
		await expect(office.meeting.record(office.ctx, meetingId, input)).rejects.toMatchObject({
			messageKey: 'votes.error.alreadyRecorded'
		});
		const logged = await ownerRows<{ status: string; agenda_item_id: string }>(
			db,
			`select status, agenda_item_id from public.decision_entries where source = 'meeting' and source_id = $1`,
			[item.id]
		);
		expect(logged).toEqual([{ status: 'adopted', agenda_item_id: item.id }]);
	});

	it('refuses more votes than voting members present, and non-office recorders', async () => {
		const item = await decisionItem('Haushalt');
		const office = await as(people.office);
		const tooMany = meetingResultSchema.parse({ itemId: item.id, mode: 'counts', yes: '5', no: '0', abstain: '0' });
		await expect(office.meeting.record(office.ctx, meetingId, tooMany)).rejects.toMatchObject({
			messageKey: 'votes.error.tooMany'
		});
		const chair = await as(people.chair);
		const input = meetingResultSchema.parse({ itemId: item.id, mode: 'counts', yes: '1' });
		await expect(chair.meeting.record(chair.ctx, meetingId, input)).rejects.toMatchObject({ status: 403 });
		const guest = await as(people.guest);
		await expect(guest.meeting.panel(guest.ctx, meetingId)).rejects.toMatchObject({ status: 403 });
	});
});
