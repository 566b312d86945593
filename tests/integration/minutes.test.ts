import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { scopedDb } from '$lib/server/db/scoped';
import { stateToJSON, stateToNode, updateTowards } from '$lib/server/documents/paper-document';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, inviteGuest } from '../factories/agenda';
import { servicesFor } from '../factories/comments';
import { minutesAs, minutesDecisionEntries, recordAttendance } from '../factories/minutes';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { connectClient, startCollabNode, ticketFor, until, type CollabNode } from '../support/collab';
import { attempt, rows } from '../support/rls';
import { refusal } from '../support/refusal';
import { Transform } from '@tiptap/pm/transform';
import { documentSchema } from '$lib/server/documents/paper-document';
import { ServiceError } from '$lib/server/errors';
import { translate } from '$lib/i18n';

type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Writes `text` into the paragraph right after the heading `heading` (as an editor would). */
function writeAfter(state: Uint8Array, heading: string, text: string): Uint8Array {
	const doc = stateToNode(state);
	let pos = 0;
	for (let i = 0; i < doc.childCount; i++) {
		const node = doc.child(i);
		if (node.type.name === 'heading' && node.textContent === heading) {
			const next = doc.child(i + 1);
			const start = pos + node.nodeSize;
			const tr = new Transform(doc).replaceWith(start + 1, start + 1 + next.content.size, documentSchema().text(text));
			return updateTowards(state, tr.doc);
		}
		pos += node.nodeSize;
	}
	throw new Error(`no heading ${heading}`);
}

/** Writes `text` as the decision of section `top` ("Ö 3"): the paragraph after its "Beschluss" heading. */
function writeDecision(state: Uint8Array, top: string, text: string): Uint8Array {
	const json = stateToJSON(state);
	const content = json.content!;
	const section = content.findIndex(
		(n) => n.type === 'heading' && n.attrs?.level === 2 && n.content?.[0]?.text?.startsWith(`${top}:`)
	);
	const heading = content.findIndex(
		(n, i) => i > section && n.type === 'heading' && n.content?.[0]?.text === 'Beschluss'
	);
	if (section < 0 || heading < 0) throw new Error(`no decision heading in ${top}`);
	content[heading + 1] = { type: 'paragraph', content: [{ type: 'text', text }] };
	return updateTowards(state, documentSchema().nodeFromJSON(json));
}

/** The ServiceError a promise rejects with (its status, key and parameters), translated as a German user reads it. */
async function refusedWith(promise: Promise<unknown>) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof ServiceError)) throw error ?? new Error('expected a refusal');
	return { status: error.status, key: error.messageKey, message: translate('de', error.messageKey, error.params) };
}

const headings = (state: Uint8Array) =>
	(stateToJSON(state).content ?? [])
		.filter((n) => n.type === 'heading' && n.attrs?.level === 2)
		.map((n) => n.content?.[0]?.text);

describe.each(testDatabases())('minutes on $name', (target) => {
	let db: Database;
	let h: Harness;
	let node: CollabNode;
	let hub: ReturnType<typeof createCollabServer>;
	let board: TestBoard;
	let office: TestUser, chair: TestUser, member: TestUser, advisor: TestUser, guest: TestUser, outsider: TestUser;
	let meeting: Awaited<ReturnType<typeof createMeeting>>;
	let items: { id: string; title: string }[];

	const as = (user: TestUser) => minutesAs(db, { user, board, hub, mailer: h.mailer, origin: ORIGIN });

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		hub = createCollabServer({ db, events: createHubEvents() });
		node = await startCollabNode({ db }, hub);
		({
			board,
			people: { office, chair, member, advisor }
		} = await boardWithRoles(db, { office: 'office', chair: 'chair', member: 'member', advisor: 'advisor' }));
		outsider = await addMember(db, { board: await createBoard(db), role: 'office' });
		meeting = await createMeeting(db, { board, title: 'Sitzung Mai', published: true });
		guest = await inviteGuest(db, { meeting });
		items = [
			await createItem(db, { meeting, title: 'Eröffnung' }),
			await createItem(db, { meeting, title: 'Gewerbegebiet Nord', kind: 'decision' }),
			await createItem(db, { meeting, title: 'Grundstücksverhandlung', kind: 'decision', isPublic: false }),
			await createItem(db, { meeting, title: 'Detail', isSubItem: true }),
			await createItem(db, { meeting, title: 'Verschiedenes' })
		];
		await recordAttendance(db, {
			meetingId: meeting.id,
			boardId: board.id,
			present: [office, chair, member],
			absent: [advisor]
		});
	});
	afterAll(async () => {
		await node?.close();
		await db.close();
	});

	let minutesId: string;
	let paperId: string;

	it("generates the minutes from the agenda: every item in meeting order with the agenda's numbers, with attendance", async () => {
		const { minutes, board: ctx } = await as(office);
		({ minutesId, paperId } = await minutes.create(ctx, meeting.id));
		const state = await hub.getState(paperId);
		// Public part first, then the non-public part, each numbered on its own; the public "Detail"
		// stays in the public part, under the public item before it.
		expect(headings(state)).toEqual([
			'Anwesenheit',
			'Ö 1: Eröffnung',
			'Ö 2: Gewerbegebiet Nord',
			'Ö 2.1: Detail',
			'Ö 3: Verschiedenes',
			'N 1: Grundstücksverhandlung'
		]);
		const text = JSON.stringify(stateToJSON(state));
		expect(text).toContain(
			`Anwesend: ${[office, chair, member]
				.map((u) => u.displayName)
				.sort()
				.join(', ')}`
		);
		expect(text).toContain(`Abwesend: ${advisor.displayName}`);
		expect(await refusal(minutes.create(ctx, meeting.id))).toBe('minutes.error.exists');
	});

	it('lets members comment but not edit, chair edit, and keeps drafts from guests and other boards', async () => {
		expect((await ticketFor(db, member, paperId)).access).toBe('comment');
		expect((await ticketFor(db, chair, paperId)).access).toBe('edit');
		expect((await ticketFor(db, office, paperId)).access).toBe('edit');
		expect(await refusal(ticketFor(db, guest, paperId))).toBe('collab.error.noAccess');
		for (const user of [guest, outsider]) {
			expect(
				await attempt(db, claimsFor(user), (tx) => rows(tx, `select 1 from public.minutes where id = $1`, [minutesId]))
			).toBe('refused');
			expect(
				await attempt(db, claimsFor(user), (tx) =>
					rows(tx, `select 1 from public.minutes_sections where minutes_id = $1`, [minutesId])
				)
			).toBe('refused');
		}
		expect(await attempt(db, null, (tx) => rows(tx, `select 1 from public.minutes`))).toBe('refused');
		const { minutes: guestMinutes, board: guestBoard } = await as(guest);
		expect(await guestMinutes.publicView(guestBoard, meeting.id)).toEqual([]);
		const { minutes: outsiderMinutes, board: outsiderBoard } = await as(outsider);
		expect(await refusal(outsiderMinutes.approve(outsiderBoard, minutesId))).toBe('error.forbidden');
		expect(await refusal(outsiderMinutes.create(outsiderBoard, meeting.id))).toBe('error.forbidden');
	});

	it('sends the minutes to review with a mail to the members', async () => {
		const { minutes, board: ctx } = await as(office);
		const until = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
		const { minutes: memberMinutes, board: memberBoard } = await as(member);
		expect(await refusal(memberMinutes.sendToReview(memberBoard, { minutesId, reviewUntil: until }))).toBe(
			'error.forbidden'
		);
		expect(await refusal(memberMinutes.approve(memberBoard, minutesId))).toBe('error.forbidden');
		await minutes.sendToReview(ctx, { minutesId, reviewUntil: until });
		const mail = await h.lastMail(member.email);
		expect(mail?.kind).toBe('minutes-review');
		expect(mail?.body_text).toContain(`${ORIGIN}/b/${board.slug}/papers/${paperId}`);
	});

	it('approval freezes the text, stores its SHA-256 and appends decisions once', async () => {
		let state = await hub.getState(paperId);
		state = writeAfter(state, 'Beschluss', 'Der Beirat empfiehlt die Erschließung.');
		await hub.applyUpdate(paperId, state, office.id);
		// The non-public item's decision is the second "Beschluss" heading: write it via the whole doc.
		const json = stateToJSON(await hub.getState(paperId));
		const content = json.content!;
		const secondDecision = content.findIndex(
			(n, i) =>
				i > content.findIndex((m) => m.content?.[0]?.text === 'N 1: Grundstücksverhandlung') &&
				n.content?.[0]?.text === 'Beschluss'
		);
		content[secondDecision + 1] = {
			type: 'paragraph',
			content: [{ type: 'text', text: 'Vertraulicher Kaufpreis 1,2 Mio.' }]
		};
		await hub.applyUpdate(
			paperId,
			updateTowards(await hub.getState(paperId), documentSchema().nodeFromJSON(json)),
			office.id
		);

		const editor = await connectClient(db, node, office, paperId);
		const { minutes, board: ctx } = await as(chair);
		const { sha256 } = await minutes.approve(ctx, minutesId);
		await until(() => !editor.provider.wsconnected || editor.provider.shouldConnect === false, 5_000, 'editor closed');
		editor.destroy();

		// Collaboration server: every ticket is now read-only.
		expect((await ticketFor(db, office, paperId)).access).toBe('view');
		expect((await ticketFor(db, chair, paperId)).access).toBe('view');
		const late = await connectClient(db, node, office, paperId);
		late.type('Nachträgliche Änderung');
		await new Promise((r) => setTimeout(r, 300));
		late.destroy();
		expect(JSON.stringify(stateToJSON(await hub.getState(paperId)))).not.toContain('Nachträgliche Änderung');

		// API: paper writes are refused, the final record cannot be rewritten.
		const { papers, board: officeCtx } = await as(office);
		expect(await refusal(papers.rename(officeCtx, { paperId, title: 'Anders', tags: [] }))).toBe('error.forbidden');
		const { versions, board: versionsCtx } = await servicesFor(db, {
			user: office,
			board,
			hub,
			mailer: h.mailer,
			origin: ORIGIN
		});
		expect(await refusal(versions.createNamed(versionsCtx, { paperId, name: 'Nachher' }))).toBe('error.forbidden');
		expect(
			await attempt(db, claimsFor(office), (tx) =>
				rows(tx, `update public.minutes set final_text = 'x' where id = $1 returning id`, [minutesId])
			)
		).toBe('refused');

		const [stored] = await db.ownerTransaction((tx) =>
			tx.query<{ final_text: string; final_sha256: string }>(
				`select final_text, final_sha256 from public.minutes where id = $1`,
				[minutesId]
			)
		);
		expect(stored!.final_sha256).toBe(sha256);
		expect(createHash('sha256').update(stored!.final_text, 'utf8').digest('hex')).toBe(sha256);
		expect(stored!.final_text).toContain('Der Beirat empfiehlt die Erschließung.');

		await minutes.approve(ctx, minutesId);
		const entries = await minutesDecisionEntries(db, board.id);
		expect(entries.map((e) => e.resolution)).toEqual([
			'Der Beirat empfiehlt die Erschließung.',
			'Vertraulicher Kaufpreis 1,2 Mio.'
		]);
		expect(entries[0]!.source_id).toBe(`${minutesId}:${items[1]!.id}`);
		expect(entries[0]!.paper_ids).toEqual([paperId]);
	});

	it('publishes only public sections to guests', async () => {
		const { minutes: guestMinutes, board: guestBoard } = await as(guest);
		expect(await guestMinutes.publicView(guestBoard, meeting.id)).toEqual([]);
		const { minutes, board: ctx } = await as(chair);
		await minutes.publish(ctx, minutesId);
		const [copy] = await guestMinutes.publicView(guestBoard, meeting.id);
		const text = JSON.stringify(copy!.content);
		expect(text).toContain('Ö 2: Gewerbegebiet Nord');
		expect(text).toContain('Ö 3: Verschiedenes');
		expect(text).not.toContain('Grundstücksverhandlung');
		expect(text).not.toContain('Kaufpreis');
		expect(text).not.toContain('N 1');
		expect(text).toContain('Ö 2.1: Detail');
		expect(
			await attempt(db, claimsFor(guest), (tx) => rows(tx, `select 1 from public.minutes where id = $1`, [minutesId]))
		).toBe('refused');
		expect(
			await attempt(db, claimsFor(outsider), (tx) =>
				rows(tx, `select 1 from public.minutes_public_copies where minutes_id = $1`, [minutesId])
			)
		).toBe('refused');
	});

	it('corrects approved minutes only through a linked amendment', async () => {
		const { minutes, board: ctx } = await as(office);
		const amendment = await minutes.amend(ctx, minutesId);
		const overview = await minutes.overview(ctx, meeting.id);
		const entry = overview.minutes.find((m) => m.id === amendment.minutesId);
		expect(entry?.amendsId).toBe(minutesId);
		expect(entry?.status).toBe('draft');
		expect((await ticketFor(db, office, amendment.paperId)).access).toBe('edit');
		expect(await refusal(minutes.amend(ctx, amendment.minutesId))).toBe('minutes.error.notApproved');
	});

	it('approves through the board decision on the approval item of a later meeting', async () => {
		const earlier = await createMeeting(db, {
			board,
			title: 'Sitzung Juli',
			startsAt: new Date(Date.now() + 40 * 86_400_000)
		});
		await createItem(db, { meeting: earlier, title: 'Bericht' });
		const later = await createMeeting(db, {
			board,
			title: 'Sitzung August',
			startsAt: new Date(Date.now() + 70 * 86_400_000)
		});
		const approvalItem = await createItem(db, {
			meeting: later,
			title: 'Genehmigung des Protokolls',
			kind: 'decision'
		});
		const { minutes, board: ctx } = await as(office);
		const created = await minutes.create(ctx, earlier.id);
		await minutes.sendToReview(ctx, {
			minutesId: created.minutesId,
			reviewUntil: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
		});
		const input = { minutesId: created.minutesId, itemId: approvalItem.id };
		expect(await refusal(minutes.approveByMeeting(ctx, input))).toBe('minutes.error.noBoardDecision');
		const { minutes: memberMinutes, board: memberCtx } = await as(member);
		expect(await refusal(memberMinutes.approveByMeeting(memberCtx, input))).toBe('error.forbidden');
		await scopedDb(db, claimsFor(chair)).run((tx) =>
			import('$lib/server/decisions/decision.repository').then(({ appendDecision }) =>
				appendDecision(tx, {
					boardId: board.id,
					title: 'Protokoll Juli genehmigt',
					resolution: 'Genehmigt',
					meetingId: later.id,
					agendaItemId: approvalItem.id,
					kind: 'resolution',
					voteResult: { yes: 5 },
					status: 'adopted',
					source: 'meeting',
					sourceId: approvalItem.id,
					isPublic: true
				})
			)
		);
		const { sha256 } = await minutes.approveByMeeting(ctx, input);
		expect(sha256).toMatch(/^[0-9a-f]{64}$/);
		expect((await ticketFor(db, office, created.paperId)).access).toBe('view');
	});

	it('makes the minutes text of a decision the meeting vote already recorded a revision of that entry', async () => {
		const other = await createMeeting(db, { board, title: 'Sitzung Juni', published: true });
		const item = await createItem(db, { meeting: other, title: 'Radweg', kind: 'decision' });
		await scopedDb(db, claimsFor(chair)).run((tx) =>
			import('$lib/server/decisions/decision.repository').then(({ appendDecision }) =>
				appendDecision(tx, {
					boardId: board.id,
					title: 'Radweg',
					resolution: 'Per Abstimmung',
					meetingId: other.id,
					agendaItemId: item.id,
					kind: 'resolution',
					voteResult: { yes: 3 },
					status: 'adopted',
					source: 'meeting',
					sourceId: item.id,
					isPublic: true
				})
			)
		);
		const { minutes, board: ctx } = await as(office);
		const created = await minutes.create(ctx, other.id);
		await hub.applyUpdate(
			created.paperId,
			writeAfter(await hub.getState(created.paperId), 'Beschluss', 'Aus dem Protokoll'),
			office.id
		);
		await minutes.sendToReview(ctx, {
			minutesId: created.minutesId,
			reviewUntil: new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10)
		});
		const { minutes: chairMinutes, board: chairCtx } = await as(chair);
		await chairMinutes.approve(chairCtx, created.minutesId);
		const entries = await db.ownerTransaction((tx) =>
			tx.query<{ revision: number; source: string; resolution: string }>(
				`select revision, source, resolution from public.decision_entries where agenda_item_id = $1 order by revision`,
				[item.id]
			)
		);
		expect(entries).toEqual([
			{ revision: 0, source: 'meeting', resolution: 'Per Abstimmung' },
			{ revision: 1, source: 'minutes', resolution: 'Aus dem Protokoll' }
		]);
	});
	it('ends the review at midnight in Berlin, in winter and in summer time', async () => {
		const m = await createMeeting(db, { board, title: 'Sitzung Prüffrist', published: true });
		const { minutes, board: ctx } = await as(office);
		const { minutesId: id } = await minutes.create(ctx, m.id);
		const reviewUntil = async () =>
			(
				await db.ownerTransaction((tx) =>
					tx.query<{ at: string }>(
						`select to_char(review_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at from public.minutes where id = $1`,
						[id]
					)
				)
			)[0]!.at;
		const year = new Date().getUTCFullYear() + 1;
		await minutes.sendToReview(ctx, { minutesId: id, reviewUntil: `${year}-01-15` });
		expect(await reviewUntil()).toBe(`${year}-01-15T22:59:59Z`);
		await minutes.sendToReview(ctx, { minutesId: id, reviewUntil: `${year}-07-15` });
		expect(await reviewUntil()).toBe(`${year}-07-15T21:59:59Z`);
	});

	describe('a decision item without decision text', () => {
		const frozenAt = async (id: string) =>
			(
				await db.ownerTransaction((tx) =>
					tx.query<{ frozen_at: Date | null }>(`select frozen_at from public.minutes where id = $1`, [id])
				)
			)[0]!.frozen_at;
		const inReview = async (title: string, kinds: { title: string; kind: string }[]) => {
			const m = await createMeeting(db, { board, title, published: true });
			const created = [];
			for (const item of kinds) created.push(await createItem(db, { meeting: m, ...item }));
			const { minutes, board: ctx } = await as(office);
			const made = await minutes.create(ctx, m.id);
			await minutes.sendToReview(ctx, {
				minutesId: made.minutesId,
				reviewUntil: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
			});
			return { meeting: m, items: created, ...made };
		};
		const write = async (paper: string, top: string, text: string) =>
			hub.applyUpdate(paper, writeDecision(await hub.getState(paper), top, text), office.id);

		it('refuses approval naming the items, before freezing anything, until every decision has its text', async () => {
			const m = await inReview('Sitzung September', [
				{ title: 'Bericht', kind: 'information' },
				{ title: 'Haushalt 2027', kind: 'decision' },
				{ title: 'Radverkehr', kind: 'decision' }
			]);
			const { minutes, board: ctx } = await as(chair);
			expect(await refusedWith(minutes.approve(ctx, m.minutesId))).toEqual({
				status: 409,
				key: 'minutes.error.noDecisionTexts',
				message:
					'Ö 2, Ö 3 haben noch keinen Beschlusstext unter „Beschluss“. Bitte ergänzen Sie die Texte im Protokoll oder genehmigen Sie ausdrücklich ohne Beschlusstext.'
			});
			// Nothing frozen: the office can still write the missing text.
			expect(await frozenAt(m.minutesId)).toBeNull();
			expect((await ticketFor(db, office, m.paperId)).access).toBe('edit');

			await write(m.paperId, 'Ö 2', 'Der Haushalt 2027 wird beschlossen.');
			const refused = await refusedWith(minutes.approve(ctx, m.minutesId));
			expect(refused.message).toMatch(/^Ö 3 hat noch keinen Beschlusstext unter „Beschluss“\./);
			expect(await frozenAt(m.minutesId)).toBeNull();

			await write(m.paperId, 'Ö 3', 'Der Radweg wird geplant.');
			const { sha256 } = await minutes.approve(ctx, m.minutesId);
			expect(sha256).toMatch(/^[0-9a-f]{64}$/);
			const overview = await minutes.overview(ctx, m.meeting.id);
			expect(overview.minutes[0]!.decisions.map((d) => d.text).sort()).toEqual([
				'Der Haushalt 2027 wird beschlossen.',
				'Der Radweg wird geplant.'
			]);
			const logged = (await minutesDecisionEntries(db, board.id)).map((e) => e.source_id);
			expect(logged).toEqual(expect.arrayContaining(m.items.slice(1).map((item) => `${m.minutesId}:${item.id}`)));
		});

		it('approves with the explicit confirmation, logs nothing for the empty decision, and a retry stays the same', async () => {
			const m = await inReview('Sitzung Oktober', [{ title: 'Vertagter Antrag', kind: 'decision' }]);
			const { minutes, board: ctx } = await as(chair);
			expect((await refusedWith(minutes.approve(ctx, m.minutesId))).message).toMatch(
				/^Ö 1 hat noch keinen Beschlusstext/
			);
			const { sha256 } = await minutes.approve(ctx, m.minutesId, { withoutDecisionText: true });
			expect(await frozenAt(m.minutesId)).not.toBeNull();
			const overview = await minutes.overview(ctx, m.meeting.id);
			expect(overview.minutes[0]!.status).toBe('approved');
			expect(overview.minutes[0]!.decisions).toEqual([]);
			expect(
				(await minutesDecisionEntries(db, board.id)).some((e) => e.source_id === `${m.minutesId}:${m.items[0]!.id}`)
			).toBe(false);
			// Approved once: a repeated call (without the confirmation) checks nothing again and stores nothing new.
			expect((await minutes.approve(ctx, m.minutesId)).sha256).toBe(sha256);
		});

		it('needs no text for a decision a meeting vote already recorded', async () => {
			const m = await inReview('Sitzung November', [{ title: 'Per Abstimmung', kind: 'decision' }]);
			await scopedDb(db, claimsFor(chair)).run((tx) =>
				import('$lib/server/decisions/decision.repository').then(({ appendDecision }) =>
					appendDecision(tx, {
						boardId: board.id,
						title: 'Per Abstimmung',
						resolution: 'Angenommen',
						meetingId: m.meeting.id,
						agendaItemId: m.items[0]!.id,
						kind: 'resolution',
						voteResult: { yes: 4 },
						status: 'adopted',
						source: 'meeting',
						sourceId: m.items[0]!.id,
						isPublic: true
					})
				)
			);
			const { minutes, board: ctx } = await as(chair);
			expect((await minutes.approve(ctx, m.minutesId)).sha256).toMatch(/^[0-9a-f]{64}$/);
		});
	});
});
