import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { addMember, createBoard, type TestUser } from '../factories';
import { createItem } from '../factories/agenda';
import { createMeeting } from '../factories/meetings';
import { createPaper } from '../factories/papers';
import { createMention, dashboardOf } from '../factories/dashboard';
import { testDatabases } from '../support/databases';
import { countingTransactions } from '../support/counting-database';

// The dashboard reads every section (next meeting with its agenda, votes, polls, tasks, mentions, papers,
// decisions) in one database transaction: each transaction costs a BEGIN, the RLS set_config and a COMMIT
// (bench/pages/README.md). Counted at the database port, no timing.

describe.each(testDatabases())('dashboard transactions ($name)', (database) => {
	let db: Database;
	let member: TestUser;
	let office: TestUser;
	let meetingTitle: string;

	beforeAll(async () => {
		db = await database.open();
		const board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
		member = await addMember(db, { board, role: 'member' });
		meetingTitle = 'Sitzung mit Tagesordnung';
		const meeting = await createMeeting(db, {
			board,
			title: meetingTitle,
			status: 'invited',
			startsAt: new Date(Date.now() + 3 * 86_400_000),
			agendaPublished: true
		});
		await createItem(db, {
			meeting: { id: meeting.id, boardId: board.id, title: meetingTitle, startsAt: meeting.startsAt },
			title: 'Begrüßung'
		});
		const paper = await createPaper(db, { board, author: office, title: 'Strategiepapier' });
		await createMention(db, { paperId: paper.id, author: office, mentioned: [member] });
	});
	afterAll(() => db.close());

	it('reads the whole page in one transaction (besides loading the person)', async () => {
		const counter = countingTransactions(db);
		const dash = await dashboardOf(counter.db, member);
		// dashboardOf loads the person first (as the request hook does), then the dashboard.
		expect(counter.transactions()).toBe(2);
		expect(dash.nextMeeting).toMatchObject({ title: meetingTitle });
		expect(dash.nextMeeting?.agenda.map((item) => item.title)).toEqual(['Begrüßung']);
		expect(dash.mentions.map((m) => m.paperTitle)).toEqual(['Strategiepapier']);
		expect(dash.papers.map((p) => p.title)).toEqual(['Strategiepapier']);
	});
});
