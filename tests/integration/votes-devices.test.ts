import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { canonicalText } from '$lib/server/minutes/minutes-document';
import { stateToJSON } from '$lib/server/documents/paper-document';
import { chainEntries } from '$lib/server/decisions/decision.repository';
import { verifyChain } from '$lib/server/decisions/decision-verify';
import { deviceVoteService, meetingVoteService } from '$lib/server/services';
import { meetingResultSchema } from '$lib/server/votes/vote.schema';
import type { DeviceVoteEvent } from '$lib/types/device-vote.types';
import { createDeviceVoteService } from '$lib/server/votes/device-vote.service';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { minutesAs, recordAttendance } from '../factories/minutes';
import { ownerRows } from '../factories/votes';
import { testDatabases } from '../support/databases';
import { appOf, requestTo, signedOut } from '../support/app-context';
import { createHarness, ORIGIN } from '../support/app-harness';

// Votes in the meeting on people's own devices (#19): who may vote, one vote per person in the database, no
// tally of a secret vote before the close, and the result in the item, the minutes and the decision log.
describe.each(testDatabases())('votes on devices in a meeting on $name', (target) => {
	let db: Database;
	let hub: ReturnType<typeof createCollabServer>;
	let mailer: Awaited<ReturnType<typeof createHarness>>['mailer'];
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'm1' | 'm2' | 'm3' | 'absent' | 'advisor' | 'guest' | 'outsider', TestUser>;

	beforeAll(async () => {
		db = await target.open();
		mailer = (await createHarness(db)).mailer;
		hub = createCollabServer({ db, events: createHubEvents() });
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member',
			absent: 'member',
			advisor: 'advisor',
			guest: 'guest',
			outsider: { role: 'member', otherBoard: true }
		}));
	});
	afterAll(async () => db?.close());

	async function as(user: TestUser) {
		return { ctx: await boardAs(db, user, board), votes: deviceVoteService(await requestTo(db, user)) };
	}
	/** A meeting with one decision item, chair and m1–m3 present, `absent` recorded absent, m3 conflicted. */
	async function meetingWithItem(title: string) {
		const meeting = await createMeeting(db, { board, title, published: true });
		const item = await createItem(db, {
			meeting,
			title: 'Förderprogramm Innenstadt',
			kind: 'decision',
			description: 'Der Beirat empfiehlt das Förderprogramm.'
		});
		await recordAttendance(db, {
			meetingId: meeting.id,
			boardId: board.id,
			present: [people.chair, people.m1, people.m2, people.m3],
			absent: [people.absent]
		});
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.agenda_conflicts (item_id, user_id, meeting_id, reason) values ($1, $2, $3, 'Gesellschafter')`,
				[item.id, people.m3.id, meeting.id]
			)
		);
		return { meeting, item };
	}
	async function open(meetingId: string, itemId: string, secret: boolean) {
		const chair = await as(people.chair);
		return chair.votes.open(chair.ctx, meetingId, { itemId, secret });
	}
	async function cast(user: TestUser, meetingId: string, voteId: string, choice: 'yes' | 'no' | 'abstain') {
		const { ctx, votes } = await as(user);
		return votes.cast(ctx, meetingId, { voteId, choice });
	}
	async function close(meetingId: string, voteId: string) {
		const chair = await as(people.chair);
		return chair.votes.close(chair.ctx, meetingId, { voteId });
	}

	it('gives one vote per person: a second secret ballot is refused, a named vote is changed, not doubled', async () => {
		const { meeting, item } = await meetingWithItem('Sitzung Januar');
		const voteId = await open(meeting.id, item.id, true);
		expect(await open(meeting.id, item.id, true)).toBe(voteId); // a repeated form opens nothing new
		await cast(people.m1, meeting.id, voteId, 'yes');
		await expect(cast(people.m1, meeting.id, voteId, 'no')).rejects.toMatchObject({
			status: 409,
			messageKey: 'votes.error.alreadyVoted'
		});
		// Past the service too: the database's key refuses the second ballot.
		await expect(
			scopedDb(db, claimsFor(people.m1)).run((tx) => tx.query(`select public.cast_meeting_vote($1, 'no')`, [voteId]))
		).rejects.toMatchObject({ code: '23505' });
		const ballots = await ownerRows<{ n: number }>(
			db,
			`select count(*)::int as n from public.vote_ballots where vote_id = $1`,
			[voteId]
		);
		expect(ballots).toEqual([{ n: 1 }]);
		await close(meeting.id, voteId);

		const item2 = await createItem(db, { meeting, title: 'Zweiter Punkt', kind: 'decision' });
		const named = await open(meeting.id, item2.id, false);
		await cast(people.m1, meeting.id, named, 'yes');
		await cast(people.m1, meeting.id, named, 'no');
		const rows = await ownerRows<{ choice: string }>(db, `select choice from public.vote_choices where vote_id = $1`, [
			named
		]);
		expect(rows).toEqual([{ choice: 'no' }]);
		expect(await close(meeting.id, named)).toMatchObject({ yes: 0, no: 1, abstain: 0, voted: 1 });
	});

	it('refuses the absent, the conflicted, advisor, guest, another board and the signed-out', async () => {
		const { meeting, item } = await meetingWithItem('Sitzung Februar');
		const voteId = await open(meeting.id, item.id, false);
		await expect(cast(people.absent, meeting.id, voteId, 'yes')).rejects.toMatchObject({
			messageKey: 'votes.live.error.notPresent'
		});
		await expect(cast(people.m3, meeting.id, voteId, 'yes')).rejects.toMatchObject({
			messageKey: 'votes.error.conflicted'
		});
		await expect(cast(people.advisor, meeting.id, voteId, 'yes')).rejects.toMatchObject({ status: 403 });
		await expect(cast(people.guest, meeting.id, voteId, 'yes')).rejects.toMatchObject({ status: 403 });
		const outsider = await as(people.outsider);
		await expect(outsider.votes.state(outsider.ctx, meeting.id)).rejects.toMatchObject({ status: 403 });
		// The database refuses them on its own, whatever the app asks.
		const direct = (user: TestUser) =>
			scopedDb(db, claimsFor(user)).run((tx) =>
				tx.query<{ r: string }>(`select public.cast_meeting_vote($1, 'yes') as r`, [voteId])
			);
		expect(await direct(people.absent)).toEqual([{ r: 'notPresent' }]);
		expect(await direct(people.m3)).toEqual([{ r: 'conflicted' }]);
		expect(await direct(people.advisor)).toEqual([{ r: 'notVoting' }]);
		await expect(direct(people.guest)).rejects.toMatchObject({ code: 'P0002' });
		await expect(direct(people.outsider)).rejects.toMatchObject({ code: 'P0002' });
		await expect(
			scopedDb(db, null).run((tx) => tx.query(`select public.cast_meeting_vote($1, 'yes')`, [voteId]))
		).rejects.toMatchObject({ code: '42501' });
		const app = await appOf(db);
		expect(() => deviceVoteService(signedOut(app))).toThrow();
		// Members and advisors neither open nor close; the office does.
		const m1 = await as(people.m1);
		await expect(m1.votes.close(m1.ctx, meeting.id, { voteId })).rejects.toMatchObject({ status: 403 });
		await expect(
			scopedDb(db, claimsFor(people.m1)).run((tx) => tx.query(`select * from public.close_meeting_vote($1)`, [voteId]))
		).rejects.toMatchObject({ code: '42501' });
		const office = await as(people.office);
		expect(await office.votes.close(office.ctx, meeting.id, { voteId })).toMatchObject({ voted: 0, eligible: 3 });
		const ballots = await ownerRows<{ n: number }>(
			db,
			`select count(*)::int as n from public.vote_participation where vote_id = $1`,
			[voteId]
		);
		expect(ballots).toEqual([{ n: 0 }]);
	});

	it('shows turnout but no tally of a secret vote before the close, to anyone, and the state says who may vote', async () => {
		const { meeting, item } = await meetingWithItem('Sitzung März');
		const voteId = await open(meeting.id, item.id, true);
		await cast(people.m1, meeting.id, voteId, 'yes');
		await cast(people.m2, meeting.id, voteId, 'no');
		for (const user of [people.chair, people.office, people.m1]) {
			const { ctx, votes } = await as(user);
			const state = await votes.state(ctx, meeting.id);
			expect(state.current).toMatchObject({ voteId, secret: true, voted: 2, eligible: 3 });
			expect(state.items.find((i) => i.itemId === item.id)).toMatchObject({ yes: null, no: null, abstain: null });
			const tally = await scopedDb(db, claimsFor(user)).run((tx) =>
				tx.query(`select yes, no, abstain, voted from public.vote_tally($1)`, [voteId])
			);
			expect(tally).toEqual([{ yes: null, no: null, abstain: null, voted: 2 }]);
			const rows = await scopedDb(db, claimsFor(user)).run((tx) =>
				tx.query(`select * from public.vote_choices where vote_id = $1`, [voteId])
			);
			expect(rows).toEqual([]);
		}
		await expect(
			scopedDb(db, claimsFor(people.chair)).run((tx) => tx.query(`select * from public.vote_ballots`))
		).rejects.toMatchObject({ code: '42501' });
		const mine = async (user: TestUser) => {
			const { ctx, votes } = await as(user);
			return (await votes.state(ctx, meeting.id)).current!.me;
		};
		expect(await mine(people.m1)).toEqual({ state: 'voted', choice: null });
		expect(await mine(people.chair)).toEqual({ state: 'canVote', choice: null });
		expect(await mine(people.m3)).toEqual({ state: 'conflicted', choice: null });
		expect(await mine(people.absent)).toEqual({ state: 'notPresent', choice: null });
		expect(await mine(people.advisor)).toEqual({ state: 'notVoting', choice: null });
		const chair = await as(people.chair);
		expect((await chair.votes.state(chair.ctx, meeting.id)).current!.excluded).toEqual([people.m3.displayName]);
		// Another vote cannot be opened while this one runs.
		const other = await createItem(db, { meeting, title: 'Noch ein Punkt', kind: 'decision' });
		await expect(open(meeting.id, other.id, false)).rejects.toMatchObject({
			messageKey: 'votes.live.error.anotherOpen'
		});
		expect(await close(meeting.id, voteId)).toMatchObject({ status: 'rejected', yes: 1, no: 1, voted: 2 });
		expect(await close(meeting.id, voteId)).toBeNull(); // closing again is a no-op
		await expect(cast(people.chair, meeting.id, voteId, 'yes')).rejects.toMatchObject({
			messageKey: 'votes.error.closed'
		});
	});

	it('puts the result into the item, the minutes and the decision log with the same numbers; the chain verifies', async () => {
		const { meeting, item } = await meetingWithItem('Sitzung April');
		const events: DeviceVoteEvent[] = [];
		const request = await requestTo(db, people.chair);
		const chairVotes = createDeviceVoteService({
			db: request.db,
			publish: async (meetingId, event) => void (meetingId === meeting.id && events.push(event))
		});
		const ctx = await boardAs(db, people.chair, board);
		const voteId = await chairVotes.open(ctx, meeting.id, { itemId: item.id, secret: true });
		await chairVotes.cast(ctx, meeting.id, { voteId, choice: 'yes' });
		await cast(people.m1, meeting.id, voteId, 'yes');
		await cast(people.m2, meeting.id, voteId, 'abstain');
		const closed = await chairVotes.close(ctx, meeting.id, { voteId });
		expect(closed).toEqual({ status: 'adopted', yes: 2, no: 0, abstain: 1, voted: 3, eligible: 3 });
		expect(events.map((e) => e.change)).toEqual(['opened', 'cast', 'closed']);
		expect(JSON.stringify(events)).not.toMatch(/yes|abstain/);

		// The item.
		const state = await chairVotes.state(ctx, meeting.id);
		expect(state.current).toBeNull();
		expect(state.latest).toMatchObject({
			itemId: item.id,
			status: 'adopted',
			yes: 2,
			no: 0,
			abstain: 1,
			onDevices: true
		});
		// The office's show-of-hands form sees the item as decided.
		const office = await as(people.office);
		await expect(
			meetingVoteService(await requestTo(db, people.office)).record(
				office.ctx,
				meeting.id,
				meetingResultSchema.parse({ itemId: item.id, mode: 'counts', yes: '1' })
			)
		).rejects.toMatchObject({ messageKey: 'votes.error.alreadyRecorded' });
		// The decision log, and its chain.
		const log = await ownerRows<{ status: string; vote_result: unknown; source: string; recorded_by: string }>(
			db,
			`select status, vote_result, source, recorded_by from public.decision_entries where agenda_item_id = $1`,
			[item.id]
		);
		expect(log).toEqual([
			{ status: 'adopted', vote_result: { yes: 2, no: 0, abstain: 1 }, source: 'meeting', recorded_by: people.chair.id }
		]);
		const verdict = await withSystem(db, 'decision-verify', (tx) => chainEntries(tx, board.id)).then(verifyChain);
		expect(verdict.ok).toBe(true);
		// The minutes draft.
		const { minutes, board: officeCtx } = await minutesAs(db, {
			user: people.office,
			board,
			hub,
			mailer,
			origin: ORIGIN
		});
		const created = await minutes.create(officeCtx, meeting.id);
		expect(canonicalText(stateToJSON(await hub.getState(created.paperId)))).toContain(
			'Ergebnis: 2 Ja, 0 Nein, 1 Enthaltung – angenommen'
		);
	});
});
