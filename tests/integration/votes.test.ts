import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { runVoteJob } from '$lib/server/votes/vote.job';
import type { TestBoard, TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { boardAs } from '../factories/meetings';
import { circularInput, memoryMailer, ownerRows, setDeadline, votesAs } from '../factories/votes';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('circular resolutions on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'm1' | 'm2' | 'm3' | 'advisor' | 'guest', TestUser>;
	const mailer = memoryMailer();

	async function as(user: TestUser) {
		return { ctx: await boardAs(db, user, board), ...(await votesAs(db, user, mailer)) };
	}
	async function open(overrides: Record<string, unknown> = {}, hours?: number) {
		const office = await as(people.office);
		return office.circular.create(office.ctx, circularInput(overrides, hours));
	}
	async function cast(user: TestUser, voteId: string, choice: 'yes' | 'no' | 'abstain') {
		const me = await as(user);
		await me.circular.vote(me.ctx, voteId, choice);
	}
	async function close(voteId: string) {
		const office = await as(people.office);
		await office.circular.close(office.ctx, voteId);
		return (await office.circular.get(office.ctx, voteId)).vote;
	}
	const decisions = (voteId: string) =>
		ownerRows<{ status: string; vote_result: { yes: number } }>(
			db,
			`select status, vote_result from public.decision_entries where source = 'circular' and source_id = $1`,
			[voteId]
		);

	beforeAll(async () => {
		db = await target.open();
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			m1: 'member',
			m2: 'member',
			m3: 'member',
			advisor: 'advisor',
			guest: 'guest'
		}));
	});
	afterAll(async () => db?.close());

	it('asks all voting members by default and mails each of them', async () => {
		const before = mailer.sent.length;
		const voteId = await open();
		const office = await as(people.office);
		const page = await office.circular.get(office.ctx, voteId);
		expect(page.voters.map((v) => v.userId).sort()).toEqual(
			[people.chair.id, people.m1.id, people.m2.id, people.m3.id].sort()
		);
		expect(mailer.sent.slice(before).filter((m) => m.kind === 'vote-opened')).toHaveLength(4);
	});

	it('simple majority of votes cast adopts 2:1, majority of all members does not', async () => {
		const castRule = await open({ majority: 'cast' });
		const members = await open({ majority: 'members' });
		for (const id of [castRule, members]) {
			await cast(people.chair, id, 'yes');
			await cast(people.m1, id, 'yes');
			await cast(people.m2, id, 'no');
		}
		expect((await close(castRule)).status).toBe('adopted');
		expect((await close(members)).status).toBe('rejected');
	});

	it('fails below the minimum participation', async () => {
		const id = await open({ minParticipation: '75' });
		await cast(people.chair, id, 'yes');
		await cast(people.m1, id, 'yes');
		expect((await close(id)).status).toBe('failed');
		expect(await decisions(id)).toHaveLength(0);
	});

	it('exactly the minimum participation is enough; a majority of members needs more than half of those asked', async () => {
		const half = await open({ majority: 'members', minParticipation: '50' });
		const more = await open({ majority: 'members', minParticipation: '50' });
		const tie = await open({ majority: 'cast', minParticipation: '50' });
		const below = await open({ majority: 'cast', minParticipation: '51' });
		for (const id of [half, more, below]) {
			await cast(people.chair, id, 'yes');
			await cast(people.m1, id, 'yes');
		}
		await cast(people.m2, more, 'yes');
		await cast(people.chair, tie, 'yes');
		await cast(people.m1, tie, 'no');
		expect([
			(await close(half)).status,
			(await close(more)).status,
			(await close(tie)).status,
			(await close(below)).status
		]).toEqual(['rejected', 'adopted', 'rejected', 'failed']);
	});

	it('enough requests for discussion move the vote to a meeting', async () => {
		const id = await open({ discussionThreshold: '2' });
		const m1 = await as(people.m1);
		expect(await m1.circular.requestDiscussion(m1.ctx, id)).toBe('open');
		expect(await m1.circular.requestDiscussion(m1.ctx, id)).toBe('open');
		const m2 = await as(people.m2);
		const before = mailer.sent.length;
		expect(await m2.circular.requestDiscussion(m2.ctx, id)).toBe('moved');
		expect(
			mailer.sent.slice(before).filter((m) => m.kind === 'vote-result' && m.text.includes('in eine Sitzung verwiesen'))
		).toHaveLength(4);
		await expect(cast(people.m3, id, 'yes')).rejects.toMatchObject({ messageKey: 'votes.error.closed' });
	});

	it('one vote per member: two concurrent votes leave one row', async () => {
		const id = await open();
		await Promise.allSettled([cast(people.m1, id, 'yes'), cast(people.m1, id, 'no')]);
		const rows = await ownerRows(db, `select * from public.vote_choices where vote_id = $1 and user_id = $2`, [
			id,
			people.m1.id
		]);
		expect(rows).toHaveLength(1);
		const secret = await open({ secret: 'on' });
		const results = await Promise.allSettled([cast(people.m1, secret, 'yes'), cast(people.m1, secret, 'no')]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await ownerRows(db, `select * from public.vote_ballots where vote_id = $1`, [secret])).toHaveLength(1);
		expect(await ownerRows(db, `select * from public.vote_participation where vote_id = $1`, [secret])).toHaveLength(1);
	});

	it('a vote can change until the deadline, not after it', async () => {
		const id = await open();
		await cast(people.m1, id, 'yes');
		await cast(people.m1, id, 'no');
		const m1 = await as(people.m1);
		expect((await m1.circular.get(m1.ctx, id)).myChoice).toBe('no');
		await setDeadline(db, id, new Date(Date.now() - 1000));
		await expect(cast(people.m1, id, 'yes')).rejects.toMatchObject({ messageKey: 'votes.error.closed' });
		expect((await m1.circular.get(m1.ctx, id)).myChoice).toBe('no');
	});

	it('a secret ballot stores no choice per person and cannot be changed', async () => {
		const id = await open({ secret: 'on' });
		await cast(people.m2, id, 'no');
		await expect(cast(people.m2, id, 'yes')).rejects.toMatchObject({ messageKey: 'votes.error.alreadyVoted' });
		expect(await ownerRows(db, `select * from public.vote_choices where vote_id = $1`, [id])).toHaveLength(0);
		const columns = await ownerRows<{ column_name: string }>(
			db,
			`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'vote_ballots'`
		);
		expect(columns.map((c) => c.column_name).sort()).toEqual(['board_id', 'choice', 'id', 'vote_id']);
		const participation = await ownerRows<Record<string, unknown>>(
			db,
			`select * from public.vote_participation where vote_id = $1`,
			[id]
		);
		expect(participation).toHaveLength(1);
		expect(Object.keys(participation[0]!)).not.toContain('choice');
		const office = await as(people.office);
		const page = await office.circular.get(office.ctx, id);
		expect(page.named).toEqual([]);
		expect(page.tally).toMatchObject({ yes: null, no: null, abstain: null, voted: 1 });
	});

	it('closes when everyone has voted; the decision is logged exactly once', async () => {
		const id = await open();
		for (const user of [people.chair, people.m1, people.m2]) await cast(user, id, 'yes');
		await cast(people.m3, id, 'abstain');
		const office = await as(people.office);
		expect((await office.circular.get(office.ctx, id)).vote.status).toBe('adopted');
		await runVoteJob({ db, mailer, origin: 'http://beirat.test' });
		await expect(office.circular.close(office.ctx, id)).rejects.toMatchObject({ messageKey: 'votes.error.closed' });
		const logged = await decisions(id);
		expect(logged).toHaveLength(1);
		expect(logged[0]!.vote_result.yes).toBe(3);
		expect(mailer.sent.filter((m) => m.kind === 'vote-result' && m.text.includes(id))).toHaveLength(4);
	});

	it('carries the title and decision kind of a circular resolution into the decision log', async () => {
		const id = await open({
			title: 'Förderrichtlinie Gründungszuschuss',
			decisionKind: 'recommendation',
			motion: 'Der Beirat empfiehlt dem Rat,\ndie Richtlinie zu beschließen.'
		});
		for (const user of [people.chair, people.m1, people.m2, people.m3]) await cast(user, id, 'yes');
		const logged = await ownerRows<{ title: string; kind: string; resolution: string }>(
			db,
			`select title, kind, resolution from public.decision_entries where source = 'circular' and source_id = $1`,
			[id]
		);
		expect(logged).toEqual([
			{
				title: 'Förderrichtlinie Gründungszuschuss',
				kind: 'recommendation',
				resolution: 'Der Beirat empfiehlt dem Rat,\ndie Richtlinie zu beschließen.'
			}
		]);
		// A title is required and the kind is one of the log's kinds.
		expect(() => circularInput({ decisionKind: 'verdict' })).toThrow();
		expect(() => circularInput({ title: ' ' })).toThrow();
	});

	it('the job reminds once before the deadline and closes at the deadline', async () => {
		const id = await open({}, 12);
		await cast(people.chair, id, 'yes');
		await cast(people.m1, id, 'yes');
		const first = await runVoteJob({ db, mailer, origin: 'http://beirat.test' });
		expect(first.reminded).toBeGreaterThanOrEqual(2);
		const reminders = mailer.sent.filter((m) => m.kind === 'vote-reminder' && m.text.includes(id)).map((m) => m.to);
		expect(reminders.sort()).toEqual([people.m2.email, people.m3.email].sort());
		await runVoteJob({ db, mailer, origin: 'http://beirat.test' });
		expect(mailer.sent.filter((m) => m.kind === 'vote-reminder' && m.text.includes(id))).toHaveLength(2);
		await setDeadline(db, id, new Date(Date.now() - 1000));
		await runVoteJob({ db, mailer, origin: 'http://beirat.test' });
		const [row] = await ownerRows<{ status: string }>(db, `select status from public.votes where id = $1`, [id]);
		expect(row!.status).toBe('adopted');
		expect(await decisions(id)).toHaveLength(1);
	});

	it('refuses guests, advisors as voters and members as openers', async () => {
		const id = await open();
		const guest = await as(people.guest);
		await expect(guest.circular.list(guest.ctx)).rejects.toMatchObject({ status: 403 });
		await expect(cast(people.advisor, id, 'yes')).rejects.toMatchObject({ messageKey: 'votes.error.notAsked' });
		const m1 = await as(people.m1);
		await expect(m1.circular.create(m1.ctx, circularInput())).rejects.toMatchObject({ status: 403 });
		await expect(m1.circular.close(m1.ctx, id)).rejects.toMatchObject({ status: 403 });
	});
});
