import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { scopedDb, withSystem, withUser } from '$lib/server/db/scoped';
import { documentSchema, updateTowards } from '$lib/server/documents/paper-document';
import type { JSONContent } from '@tiptap/core';
import type { AccessScope } from '$lib/server/collab/hub';
import { collabTicketService as ticketService, invitationService } from '$lib/server/services';
import { ServiceError } from '$lib/server/errors';
import { createRoundService } from '$lib/server/rounds/round.service';
import { openRoundSchema } from '$lib/server/rounds/round.schema';
import { runRoundJob } from '$lib/server/rounds/round.job';
import { syncRoundSuggestions } from '$lib/server/rounds/round-tracker';
import { createFileService } from '$lib/server/files/file.service';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createPaper, createTestHub, seedDocument, servicesFor } from '../factories/comments';
import { createMeeting, createItem } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { memoryMailer } from '../factories/votes';
import { createHarness, linkIn, ORIGIN } from '../support/app-harness';
import { requestAs, signedOut } from '../support/app-context';
import { testDatabases } from '../support/databases';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const DAY = 86_400_000;

describe.each(testDatabases())('consultation rounds on $name', (target) => {
	let db: Database;
	let h: Harness;
	let hub: ReturnType<typeof createTestHub>;
	let board: TestBoard, otherBoard: TestBoard;
	let office: TestUser, author: TestUser, member: TestUser, guest: TestUser, outsider: TestUser;
	let paper: { id: string; title: string }, otherPaper: { id: string; title: string };
	const mailer = memoryMailer();
	const accessChanges: AccessScope[] = [];

	async function roundsAs(user: TestUser, on: TestBoard = board) {
		const ctx = await boardAs(db, user, on);
		const request = await requestAs(h.app, user);
		const service = createRoundService({
			db: request.db,
			systemDb: db,
			hub: { getState: (id) => hub.getState(id), accessChanged: (scope) => void accessChanges.push(scope) },
			mailer,
			origin: ORIGIN,
			actor: { userId: user.id, displayName: user.displayName },
			attachFile: (b, input) =>
				createFileService({ db: request.db, storage: h.app.storage, actor: { userId: user.id } }).upload(b, input)
		});
		return { ctx, service, request };
	}
	const openInput = (overrides: Record<string, unknown> = {}, hours = 72) =>
		openRoundSchema.parse({
			question: 'Was fehlt für die Fachkräftesicherung?',
			endsAt: toBerlinLocal(new Date(Date.now() + hours * 3_600_000)),
			members: [member.id],
			contributors: '',
			formToken: randomUUID(),
			...overrides
		});
	const access = (user: TestUser, paperId: string) =>
		withSystem(db, 'test-setup', async (tx) => {
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claimsFor(user))]);
			const [row] = await tx.query<{ access: string | null }>(`select public.paper_access_of($1)::text as access`, [
				paperId
			]);
			return row!.access;
		});
	const setEnd = (roundId: string, endsAt: Date) =>
		db.ownerTransaction((tx) =>
			tx.query(`update public.paper_rounds set ends_at = $2 where id = $1`, [roundId, endsAt])
		);

	/** Makes the paper's document `doc` (a forward update, as an editor's changes would). */
	async function replaceDocument(input: { paperId: string; author: TestUser; doc: JSONContent }) {
		const state = await hub.getState(input.paperId);
		await hub.applyUpdate(
			input.paperId,
			updateTowards(state, documentSchema().nodeFromJSON(input.doc)),
			input.author.id
		);
	}

	/** Invites `email` to a new round on `paper` and accepts the invitation: the contributor signed in. */
	async function contributorOf(email: string, on = paper) {
		const office1 = await roundsAs(office);
		const { id } = await office1.service.open(office1.ctx, on.id, {
			...openInput({ contributors: email, members: [] }),
			locale: 'de'
		});
		const mail = mailer.sent.filter((m) => m.to === email).at(-1)!;
		const token = decodeURIComponent(linkIn(mail.text, `${ORIGIN}/invite/`).slice(`${ORIGIN}/invite/`.length));
		const browser = h.browser();
		const invitations = invitationService(signedOut(h.app));
		// The invitation page leads to the round's page, once the invitation is accepted.
		expect(await invitations.landingAfterAccept(token)).toBeNull();
		const claims = await invitations.accept({
			token,
			displayName: `Beteiligt ${email}`,
			password: 'Sehr-geheimes-Passwort-1',
			locale: 'de',
			session: browser.session
		});
		expect(await invitations.landingAfterAccept(token)).toBe(`/b/${board.slug}/papers/${on.id}/rounds/${id}`);
		return { roundId: id, user: { id: claims.sub, email, displayName: `Beteiligt ${email}` } as TestUser };
	}

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		hub = createTestHub(db);
		board = await createBoard(db);
		otherBoard = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
		author = await addMember(db, { board, role: 'member' });
		member = await addMember(db, { board, role: 'member' });
		guest = await addMember(db, { board, role: 'guest' });
		outsider = await addMember(db, { board: otherBoard, role: 'member' });
		paper = await createPaper(db, { board, author, title: 'Strategiepapier Fachkräfte' });
		otherPaper = await createPaper(db, { board, author, title: 'Haushalt' });
		await seedDocument(hub, {
			paperId: paper.id,
			author,
			doc: {
				type: 'doc',
				content: [
					{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausbildung' }] },
					{ type: 'paragraph', content: [{ type: 'text', text: 'Die Ausbildung im Handwerk stärken.' }] },
					{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Zuwanderung' }] },
					{ type: 'paragraph', content: [{ type: 'text', text: 'Anerkennung beschleunigen.' }] }
				]
			}
		});
	});
	afterAll(async () => {
		await hub?.close();
		await db?.close();
	});

	it('the office opens a round once per form; members and invited contributors get a mail', async () => {
		const { ctx, service } = await roundsAs(office);
		const input = { ...openInput({ contributors: 'amt32@stadt.example\nAMT32@stadt.example' }), locale: 'de' as const };
		const before = mailer.sent.length;
		const first = await service.open(ctx, paper.id, input);
		const again = await service.open(ctx, paper.id, input);
		expect(again).toEqual({ id: first.id, created: false });
		const sent = mailer.sent.slice(before);
		expect(sent.map((m) => [m.to, m.kind]).sort()).toEqual(
			[
				[member.email, 'round-opened'],
				['amt32@stadt.example', 'round-invitation']
			].sort()
		);
		expect(sent.find((m) => m.kind === 'round-invitation')!.text).toContain(`${ORIGIN}/invite/`);
		const list = await service.list(ctx, paper.id);
		expect(list.rounds.filter((r) => r.id === first.id)).toHaveLength(1);
	});

	it('refuses opening to a member, a guest, another board and a past deadline', async () => {
		for (const user of [author, member, guest]) {
			const { ctx, service } = await roundsAs(user);
			expect(await refusal(service.open(ctx, paper.id, { ...openInput(), locale: 'de' }))).toBe(403);
		}
		const stranger = await roundsAs(outsider);
		expect(await refusal(stranger.service.list(stranger.ctx, paper.id))).toBe(404);
		const { ctx, service } = await roundsAs(office);
		expect(await refusal(service.open(ctx, paper.id, { ...openInput({}, -1), locale: 'de' }))).toBe(400);
	});

	it('a contributor comments on this paper only, and sees nothing else of the board', async () => {
		const { roundId, user } = await contributorOf('jobcenter@stadt.example');
		expect(await access(user, paper.id)).toBe('comment');
		expect(await access(user, otherPaper.id)).toBeNull();
		const me = await servicesFor(db, { user, board, hub, mailer, origin: ORIGIN });
		expect(me.board.role).toBe('guest');
		await me.comments.createThread(me.board, {
			paperId: paper.id,
			from: 1,
			to: 11,
			quote: 'Ausbildung',
			body: 'Bitte die Berufsschulen nennen.'
		});
		expect(await refusal(me.comments.list(me.board, otherPaper.id))).toBe(404);
		// Of the board it sees its own membership and this paper, nothing else (RLS).
		const seen = await (
			await requestAs(h.app, user)
		).db.run(async (tx) => ({
			memberships: (await tx.query(`select 1 from public.memberships where board_id = $1`, [board.id])).length,
			papers: (await tx.query<{ id: string }>(`select id from public.papers where board_id = $1`, [board.id])).map(
				(p) => p.id
			),
			meetings: (await tx.query(`select 1 from public.meetings where board_id = $1`, [board.id])).length,
			files: (await tx.query(`select 1 from public.files where board_id = $1`, [board.id])).length
		}));
		expect(seen).toEqual({ memberships: 1, papers: [paper.id], meetings: 0, files: 0 });
		// The round page: the question only, not the board's list of who said what.
		const mine = await roundsAs(user);
		const page = await mine.service.page(mine.ctx, { paperId: paper.id, roundId, filter: all });
		expect(page.contributorView).toBe(true);
		// The office sees the contribution in its section.
		const o = await roundsAs(office);
		const full = await o.service.page(o.ctx, { paperId: paper.id, roundId, filter: all });
		if (full.contributorView) throw new Error('office sees the full page');
		expect(full.participants).toEqual([expect.objectContaining({ userId: user.id, kind: 'contributor', comments: 1 })]);
		expect(full.sections.map((s) => s.title)).toEqual(['Ausbildung']);
		expect(full.sections[0]!.entries[0]).toMatchObject({ kind: 'comment', state: 'open', authorId: user.id });
	});

	it('refuses a contributor of another paper and of another board', async () => {
		const { roundId, user } = await contributorOf('kammer@ihk.example', otherPaper);
		expect(await access(user, paper.id)).toBeNull();
		const mine = await roundsAs(user);
		const rounds = await (await roundsAs(office)).service.list((await roundsAs(office)).ctx, paper.id);
		expect(
			await refusal(mine.service.page(mine.ctx, { paperId: paper.id, roundId: rounds.rounds[0]!.id, filter: all }))
		).toBe(404);
		expect(await refusal(mine.service.page(mine.ctx, { paperId: paper.id, roundId, filter: all }))).toBe(404);
		expect((await mine.service.page(mine.ctx, { paperId: otherPaper.id, roundId, filter: all })).contributorView).toBe(
			true
		);
		// Another board's round: its contributor is nobody here.
		const foreignOffice = await addMember(db, { board: otherBoard, role: 'office' });
		const foreignPaper = await createPaper(db, { board: otherBoard, author: foreignOffice });
		const foreign = await roundsAs(foreignOffice, otherBoard);
		await foreign.service.open(foreign.ctx, foreignPaper.id, {
			...openInput({ contributors: 'fremd@example.org', members: [] }),
			locale: 'de'
		});
		const stranger = await roundsAs(outsider);
		expect(await refusal(stranger.service.page(stranger.ctx, { paperId: otherPaper.id, roundId, filter: all }))).toBe(
			404
		);
		// The other board's contributor has no access to this board's papers.
		const foreignRounds = await foreign.service.list(foreign.ctx, foreignPaper.id);
		expect(
			await refusal(
				mine.service.page(mine.ctx, { paperId: foreignPaper.id, roundId: foreignRounds.rounds[0]!.id, filter: all })
			)
		).toBe(404);
	});

	it('ends a contributor’s access at the deadline, in the database and on the collaboration server', async () => {
		const { roundId, user } = await contributorOf('amt61@stadt.example');
		const request = await requestAs(h.app, user);
		expect((await ticketService(request).issue(paper.id)).access).toBe('comment');
		await setEnd(roundId, new Date(Date.now() - 1000));
		expect(await access(user, paper.id)).toBeNull();
		expect(await refusal(ticketService(request).issue(paper.id))).toBe(404);
		const me = await servicesFor(db, { user, board, hub, mailer, origin: ORIGIN });
		expect(
			await refusal(
				me.comments.createThread(me.board, { paperId: paper.id, from: 1, to: 11, quote: 'Ausbildung', body: 'Zu spät' })
			)
		).toBeGreaterThanOrEqual(403);
		const closed: AccessScope[] = [];
		const fakeHub = { accessChanged: (scope: AccessScope) => void closed.push(scope) };
		await runRoundJob({ db, mailer, origin: ORIGIN, hub: fakeHub });
		expect(closed).toContainEqual({ paperId: paper.id, userId: user.id });
		const count = closed.length;
		await runRoundJob({ db, mailer, origin: ORIGIN, hub: fakeHub });
		expect(closed).toHaveLength(count);
	});

	it('closing a round ends its contributors’ access and closes their sockets', async () => {
		const { roundId, user } = await contributorOf('amt20@stadt.example');
		expect(await access(user, paper.id)).toBe('comment');
		const o = await roundsAs(office);
		await o.service.close(o.ctx, { paperId: paper.id, roundId, summary: 'Danke.' });
		expect(await access(user, paper.id)).toBeNull();
		expect(accessChanges).toContainEqual({ paperId: paper.id, userId: user.id });
		// The round page still tells them it has ended (the mail's link), without the paper's title or text.
		const mine = await roundsAs(user);
		const page = await mine.service.page(mine.ctx, { paperId: paper.id, roundId, filter: all });
		expect(page).toMatchObject({ contributorView: true, round: { id: roundId, isOpen: false, paperTitle: '' } });
		expect(page.round.closedAt).not.toBeNull();
		expect(page).not.toHaveProperty('sections');
		// Still nobody else's round, and never under another paper's address.
		expect(await refusal(mine.service.page(mine.ctx, { paperId: otherPaper.id, roundId, filter: all }))).toBe(404);
		const stranger = await roundsAs(await addMember(db, { board, role: 'guest' }));
		expect(await refusal(stranger.service.page(stranger.ctx, { paperId: paper.id, roundId, filter: all }))).toBe(404);
	});

	it('reminds everyone asked once, two days before the end (controlled clock)', async () => {
		const { roundId, user } = await contributorOf('amt80@stadt.example');
		const endsAt = new Date(Date.now() + 5 * DAY);
		await setEnd(roundId, endsAt);
		const hubless = { accessChanged: () => {} };
		const reminders = () => mailer.sent.filter((m) => m.kind === 'round-reminder' && m.to === user.email).length;
		await runRoundJob({ db, mailer, origin: ORIGIN, hub: hubless, now: new Date(endsAt.getTime() - 3 * DAY) });
		expect(reminders()).toBe(0);
		await runRoundJob({ db, mailer, origin: ORIGIN, hub: hubless, now: new Date(endsAt.getTime() - 2 * DAY + 60_000) });
		expect(reminders()).toBe(1);
		await runRoundJob({ db, mailer, origin: ORIGIN, hub: hubless, now: new Date(endsAt.getTime() - DAY) });
		expect(reminders()).toBe(1);
	});

	it('tracks suggestions, closes with a summary, exports it and attaches the PDF to an agenda item', async () => {
		const o = await roundsAs(office);
		const { id: roundId } = await o.service.open(o.ctx, paper.id, { ...openInput(), locale: 'de' });
		await replaceDocument({
			paperId: paper.id,
			author: member,
			doc: {
				type: 'doc',
				content: [
					{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausbildung' }] },
					{
						type: 'paragraph',
						content: [
							{ type: 'text', text: 'Die Ausbildung im Handwerk stärken.' },
							{
								type: 'text',
								text: ' Und in der Pflege.',
								marks: [
									{
										type: 'suggestionInsert',
										attrs: { id: 's1', authorId: member.id, authorName: 'M', createdAt: new Date().toISOString() }
									}
								]
							}
						]
					}
				]
			}
		});
		await syncRoundSuggestions({ db, hub, paperId: paper.id });
		let page = await o.service.page(o.ctx, { paperId: paper.id, roundId, filter: all });
		if (page.contributorView) throw new Error('office sees the full page');
		const suggestion = page.sections.flatMap((s) => s.entries).find((e) => e.kind === 'suggestion');
		expect(suggestion).toMatchObject({ id: 's1', state: 'open', change: 'insert' });
		// Rejected: the text leaves the document.
		await replaceDocument({
			paperId: paper.id,
			author,
			doc: {
				type: 'doc',
				content: [
					{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausbildung' }] },
					{ type: 'paragraph', content: [{ type: 'text', text: 'Die Ausbildung im Handwerk stärken.' }] }
				]
			}
		});
		await syncRoundSuggestions({ db, hub, paperId: paper.id });
		page = await o.service.page(o.ctx, {
			paperId: paper.id,
			roundId,
			filter: { kind: 'suggestion', state: 'rejected', person: '' }
		});
		if (page.contributorView) throw new Error('office sees the full page');
		expect(page.sections.flatMap((s) => s.entries).map((e) => e.id)).toEqual(['s1']);

		// The recorded decision wins over the guess: s2 suggests text the paper has elsewhere already, so
		// the guess calls its rejection an acceptance; the author's decision says rejected.
		const suggestionMark = (id: string) => ({
			type: 'suggestionInsert',
			attrs: { id, authorId: member.id, authorName: 'M', createdAt: new Date().toISOString() }
		});
		const base = [
			{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausbildung' }] },
			{ type: 'paragraph', content: [{ type: 'text', text: 'Die Ausbildung im Handwerk stärken.' }] }
		];
		await replaceDocument({
			paperId: paper.id,
			author: member,
			doc: {
				type: 'doc',
				content: [
					...base,
					{ type: 'paragraph', content: [{ type: 'text', text: 'im Handwerk', marks: [suggestionMark('s2')] }] }
				]
			}
		});
		await syncRoundSuggestions({ db, hub, paperId: paper.id });
		await replaceDocument({ paperId: paper.id, author, doc: { type: 'doc', content: base } });
		await syncRoundSuggestions({ db, hub, paperId: paper.id });
		const s2State = async () => {
			const view = await o.service.page(o.ctx, { paperId: paper.id, roundId, filter: all });
			if (view.contributorView) throw new Error('office sees the full page');
			return view.sections.flatMap((s) => s.entries).find((e) => e.id === 's2')?.state;
		};
		const ledger = () =>
			withSystem(db, 'paper-rounds', (tx) =>
				tx.query<{ state: string }>(
					`select state from public.paper_round_suggestions where round_id = $1 and suggestion_id = 's2'`,
					[roundId]
				)
			);
		expect(await s2State()).toBe('accepted');
		// The decision as the suggestions panel records it (RLS: an editor of the paper).
		await withUser(db, claimsFor(author), (tx) =>
			tx.query(
				`insert into public.paper_suggestion_decisions
				   (board_id, paper_id, suggestion_id, kind, author_id, author_name, body, decision)
				 values ($1, $2, 's2', 'insert', $3, 'M', 'im Handwerk', 'rejected')`,
				[board.id, paper.id, member.id]
			)
		);
		// The page shows it at once; the tracker's next pass takes it over into the ledger.
		expect(await s2State()).toBe('rejected');
		expect((await ledger())[0]?.state).toBe('accepted');
		await syncRoundSuggestions({ db, hub, paperId: paper.id });
		expect((await ledger())[0]?.state).toBe('rejected');
		expect(await s2State()).toBe('rejected');

		// A member may not close; the office may, once.
		const m = await roundsAs(member);
		expect(await refusal(m.service.close(m.ctx, { paperId: paper.id, roundId, summary: 'x' }))).toBe(403);
		await o.service.close(o.ctx, {
			paperId: paper.id,
			roundId,
			summary: 'Die Kammern wollen die Pflege genannt haben.'
		});
		expect(await refusal(o.service.close(o.ctx, { paperId: paper.id, roundId, summary: 'nochmal' }))).toBe(409);

		const pdf = await o.service.summaryFile(o.ctx, { paperId: paper.id, roundId, format: 'pdf', locale: 'de' });
		expect(Buffer.from(pdf.body.slice(0, 5)).toString()).toBe('%PDF-');
		const docx = await o.service.summaryFile(o.ctx, { paperId: paper.id, roundId, format: 'docx', locale: 'en' });
		expect(Buffer.from(docx.body.slice(0, 2)).toString()).toBe('PK');

		const meeting = await createMeeting(db, { board });
		const item = await createItem(db, { meeting, title: 'Strategiepapier beschließen' });
		const formToken = randomUUID();
		const first = await o.service.attachSummary(o.ctx, {
			paperId: paper.id,
			roundId,
			agendaItemId: item.id,
			locale: 'de',
			formToken
		});
		const again = await o.service.attachSummary(o.ctx, {
			paperId: paper.id,
			roundId,
			agendaItemId: item.id,
			locale: 'de',
			formToken
		});
		expect(again.id).toBe(first.id);
		const files = await db.ownerTransaction((tx) =>
			tx.query<{ name: string }>(`select name from public.files where agenda_item_id = $1`, [item.id])
		);
		expect(files).toHaveLength(1);
		expect(files[0]!.name).toMatch(/\.pdf$/);
		expect(
			await refusal(m.service.attachSummary(m.ctx, { paperId: paper.id, roundId, agendaItemId: item.id, locale: 'de' }))
		).toBe(403);
	});

	it('keeps rounds away from the signed-out and from other boards under RLS', async () => {
		const rows = await scopedDb(db, null)
			.run((tx) => tx.query(`select 1 from public.paper_rounds`))
			.then(
				() => 'allowed',
				() => 'refused'
			);
		expect(rows).toBe('refused');
		const seen = await (
			await roundsAs(outsider)
		).request.db.run((tx) => tx.query(`select id from public.paper_rounds where board_id = $1`, [board.id]));
		expect(seen).toEqual([]);
		const asGuest = await (
			await roundsAs(guest)
		).request.db.run((tx) => tx.query(`select id from public.paper_rounds where board_id = $1`, [board.id]));
		expect(asGuest).toEqual([]);
	});
});

const all = { kind: 'all', state: 'all', person: '' } as const;

/** The status of the ServiceError a promise rejects with; fails when it does not reject. */
async function refusal(promise: Promise<unknown>): Promise<number> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (error instanceof ServiceError) return error.status;
	throw error ?? new Error('expected a refusal');
}
