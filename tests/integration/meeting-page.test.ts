import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import {
	agendaViewService,
	attendanceService,
	meetingInvitationService,
	meetingPageService,
	meetingService
} from '$lib/server/services';
import { addMember, createBoard, createUser, type TestBoard, type TestUser } from '../factories';
import { createItem } from '../factories/agenda';
import { addMeetingGuest, boardAs, createMeeting } from '../factories/meetings';
import { requestTo } from '../support/app-context';
import { refusal } from '../support/refusal';
import { testDatabases } from '../support/databases';
import { countingTransactions } from '../support/counting-database';

// The meeting page reads the meeting, its agenda panel, the attendance and the guests in one database
// transaction (each costs a BEGIN, the RLS set_config and a COMMIT; bench/pages/README.md), with the same
// result as the four service calls it replaces. Counted at the database port, no timing.

describe.each(testDatabases())('meeting page ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let meetingId: string;
	let people: Record<'office' | 'member' | 'guest', TestUser>;

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db);
		people = {
			office: await addMember(db, { board, role: 'office' }),
			member: await addMember(db, { board, role: 'member' }),
			guest: await addMember(db, { board, role: 'guest', user: await createUser(db) })
		};
		const meeting = await createMeeting(db, { board, title: 'Sitzung', status: 'invited', agendaPublished: true });
		meetingId = meeting.id;
		const ref = { id: meeting.id, boardId: board.id, title: 'Sitzung', startsAt: meeting.startsAt };
		await createItem(db, { meeting: ref, title: 'Begrüßung' });
		await createItem(db, { meeting: ref, title: 'Personalien', isPublic: false });
		await addMeetingGuest(db, { meetingId, user: people.guest });
	});
	afterAll(() => db.close());

	it.each(['office', 'member', 'guest'] as const)(
		'gives the %s in one transaction what the separate service calls give',
		async (who) => {
			const counter = countingTransactions(db);
			const context = await boardAs(db, people[who], board);
			const request = await requestTo(counter.db, people[who]);
			const before = counter.transactions();
			const page = await meetingPageService(request).load(context, meetingId);
			expect(counter.transactions() - before).toBe(1);

			const meeting = await meetingService(request).get(context, meetingId);
			expect(page).toEqual({
				meeting,
				agenda: await agendaViewService(request).panel({ boardId: board.id, meetingId }),
				attendance: await attendanceService(request).overview(context, meetingId),
				guests: await meetingInvitationService(request).listGuests(context, meetingId)
			});
			expect(page.agenda.items.map((item) => item.title)).toEqual(
				who === 'guest' ? ['Begrüßung'] : ['Begrüßung', 'Personalien']
			);
			expect(page.attendance.office === null).toBe(who !== 'office');
			expect(page.guests.guests.length).toBe(who === 'office' ? 1 : 0);
		}
	);

	it('refuses an unknown meeting as not found', async () => {
		const context = await boardAs(db, people.member, board);
		const request = await requestTo(db, people.member);
		expect(await refusal(meetingPageService(request).load(context, randomUUID()))).toBe('error.notFound');
	});
});
