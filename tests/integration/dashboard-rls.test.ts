import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import * as repo from '$lib/server/dashboard/dashboard.repository';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createItem } from '../factories/agenda';
import { addMeetingGuest, boardAs, createMeeting } from '../factories/meetings';
import { createPaper } from '../factories/papers';
import { recordDecision } from '../factories/decisions';
import { circularInput, votesAs } from '../factories/votes';
import { createMention, createTask } from '../factories/dashboard';
import { matrixRow, rows } from '../support/rls';
import { testDatabases } from '../support/databases';

const ACTORS = ['office', 'chair', 'member', 'member2', 'guest', 'outsider', 'anon'] as const;
type Actor = (typeof ACTORS)[number];

describe.each(testDatabases())('dashboard RLS ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<Exclude<Actor, 'anon'>, TestUser>;
	let mention: { commentId: string };
	const claims = (actor: Actor) => (actor === 'anon' ? null : claimsFor(people[actor]));

	beforeAll(async () => {
		db = await database.open();
		board = await createBoard(db);
		const other = await createBoard(db);
		people = {
			office: await addMember(db, { board, role: 'office' }),
			chair: await addMember(db, { board, role: 'chair' }),
			member: await addMember(db, { board, role: 'member' }),
			member2: await addMember(db, { board, role: 'member' }),
			guest: await addMember(db, { board, role: 'guest' }),
			outsider: await addMember(db, { board: other, role: 'member' })
		};
		const paper = await createPaper(db, { board, author: people.chair });
		mention = await createMention(db, {
			paperId: paper.id,
			author: people.chair,
			mentioned: [people.member, people.member2]
		});
	});
	afterAll(() => db.close());

	it('lets the mentioned person and the author read a mention, nobody else', async () => {
		const { outcomes, expected } = await matrixRow({
			db,
			actors: ACTORS,
			claims,
			allowed: ['chair', 'member'],
			run: (tx) =>
				rows(tx, `select 1 from public.comment_mentions where comment_id = $1 and user_id = $2`, [
					mention.commentId,
					people.member.id
				])
		});
		expect(outcomes).toEqual(expected);
	});

	it('shows a mentioned person only their own mention row of a comment, and lets them add none', async () => {
		const { outcomes, expected } = await matrixRow({
			db,
			actors: ACTORS,
			claims,
			allowed: ['chair', 'member2'],
			run: (tx) =>
				rows(tx, `select 1 from public.comment_mentions where comment_id = $1 and user_id = $2`, [
					mention.commentId,
					people.member2.id
				])
		});
		expect(outcomes).toEqual(expected);
		const insert = await matrixRow({
			db,
			actors: ACTORS,
			claims,
			allowed: ['chair'],
			run: (tx) =>
				rows(tx, `insert into public.comment_mentions (comment_id, user_id) values ($1, $2) returning 1`, [
					mention.commentId,
					people.office.id
				])
		});
		expect(insert.outcomes).toEqual(insert.expected);
	});

	it('gives a member of another board nothing of this board, even when asked for its id', async () => {
		const meeting = await createMeeting(db, { board, status: 'invited', startsAt: new Date(Date.now() + 86_400_000) });
		await createItem(db, {
			meeting: { id: meeting.id, boardId: board.id, title: 'S', startsAt: meeting.startsAt },
			isPublic: true
		});
		await createTask(db, { board, owner: people.member });
		await recordDecision(db, { board, by: people.chair });
		await (await votesAs(db, people.office)).circular.create(await boardAs(db, people.office, board), circularInput());
		const forged = [board.id];
		// One after the other: a refused statement aborts the transaction for the rest.
		const everything = async (tx: Tx) => {
			let count = (await repo.findNextMeeting(tx, forged)) ? 1 : 0;
			count += (await repo.listOpenVotes(tx, { boardIds: forged, limit: 5 })).length;
			count += (await repo.listMyTasks(tx, { boardIds: forged, officeBoardIds: forged, limit: 5 })).length;
			count += (await repo.listMentions(tx, { boardIds: forged, limit: 5 })).length;
			count += (await repo.listRecentPapers(tx, { boardIds: forged, limit: 5 })).length;
			return count + (await repo.listLatestDecisions(tx, { boardIds: forged, limit: 5 })).length;
		};
		const seen = async (actor: Actor) => {
			const result = await matrixRow({ db, actors: [actor], claims, allowed: [], run: everything });
			return result.outcomes[actor];
		};
		expect(await seen('outsider')).toBe('refused');
		expect(await seen('anon')).toBe('refused');
		// The same queries do find this board's rows for its members (the check above can fail).
		expect(await seen('member')).toBe('allowed');
	});

	it('gives a guest not invited to the meeting no meeting, and an invited guest only public items', async () => {
		const meeting = await createMeeting(db, { board, status: 'planned', startsAt: new Date(Date.now() + 3_600_000) });
		const ref = { id: meeting.id, boardId: board.id, title: 'G', startsAt: meeting.startsAt };
		await createItem(db, { meeting: ref, title: 'Öffentlich', isPublic: true });
		await createItem(db, { meeting: ref, title: 'Nichtöffentlich', isPublic: false });
		const next = (actor: Actor) =>
			matrixRow({
				db,
				actors: [actor],
				claims,
				allowed: [],
				run: async (tx) => ((await repo.findNextMeeting(tx, [board.id]))?.id === meeting.id ? 1 : 0)
			});
		expect((await next('guest')).outcomes.guest).toBe('refused');
		await addMeetingGuest(db, { meetingId: meeting.id, user: people.guest });
		expect((await next('guest')).outcomes.guest).toBe('allowed');
		const items = await matrixRow({
			db,
			actors: ['guest'],
			claims,
			allowed: [],
			run: (tx) => rows(tx, `select 1 from public.agenda_items where meeting_id = $1 and not is_public`, [meeting.id])
		});
		expect(items.outcomes.guest).toBe('refused');
	});
});
