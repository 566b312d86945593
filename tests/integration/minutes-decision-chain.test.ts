import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { canonicalText } from '$lib/server/minutes/minutes-document';
import { decisionService } from '$lib/server/services';
import { decisionCsvColumns } from '$lib/server/decisions/decision-csv-columns';
import { stateToJSON, stateToNode, updateTowards, documentSchema } from '$lib/server/documents/paper-document';
import { meetingResultSchema } from '$lib/server/votes/vote.schema';
import { Transform } from '@tiptap/pm/transform';
import { addMember, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { minutesAs, recordAttendance } from '../factories/minutes';
import { ownerRows, votesAs } from '../factories/votes';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { createHarness, ORIGIN } from '../support/app-harness';

/** Writes `text` into the paragraph right after the (only) "Beschluss" heading, as an editor would. */
function writeDecision(state: Uint8Array, text: string): Uint8Array {
	const doc = stateToNode(state);
	let pos = 0;
	for (let i = 0; i < doc.childCount; i++) {
		const node = doc.child(i);
		if (node.type.name === 'heading' && node.textContent === 'Beschluss') {
			const start = pos + node.nodeSize;
			const tr = new Transform(doc).replaceWith(
				start + 1,
				start + 1 + doc.child(i + 1).content.size,
				documentSchema().text(text)
			);
			return updateTowards(state, tr.doc);
		}
		pos += node.nodeSize;
	}
	throw new Error('no decision heading');
}

// The chain agenda item -> recorded vote -> minutes text -> approval -> decision log, in both orders.
describe.each(testDatabases())('decision from a meeting vote and its minutes on $name', (target) => {
	let db: Database;
	let hub: ReturnType<typeof createCollabServer>;
	let mailer: Awaited<ReturnType<typeof createHarness>>['mailer'];
	let board: TestBoard;
	let office: TestUser, chair: TestUser, member: TestUser;
	let voters: TestUser[];

	beforeAll(async () => {
		db = await target.open();
		mailer = (await createHarness(db)).mailer;
		hub = createCollabServer({ db, events: createHubEvents() });
		({
			board,
			people: { office, chair, member }
		} = await boardWithRoles(db, { office: 'office', chair: 'chair', member: 'member' }));
		voters = [
			chair,
			member,
			await addMember(db, { board, role: 'member' }),
			await addMember(db, { board, role: 'member' })
		];
	});
	afterAll(() => db.close());

	const minutesOf = (user: TestUser) => minutesAs(db, { user, board, hub, mailer, origin: ORIGIN });
	const decisionsOf = async (user: TestUser) => decisionService(await requestTo(db, user));

	async function meetingWithDecisionItem(title: string) {
		const meeting = await createMeeting(db, { board, title, published: true });
		const item = await createItem(db, {
			meeting,
			title: 'Gewerbegebiet Nord',
			kind: 'decision',
			description: 'Vorlage: Erschließung prüfen.'
		});
		await recordAttendance(db, { meetingId: meeting.id, boardId: board.id, present: voters, absent: [] });
		return { meeting, item };
	}
	async function recordVote(meetingId: string, itemId: string, counts: { yes: number; no: number; abstain: number }) {
		const { meeting } = await votesAs(db, office);
		const { board: ctx } = await minutesOf(office);
		return meeting.record(ctx, meetingId, meetingResultSchema.parse({ itemId, mode: 'counts', ...counts }));
	}
	async function generate(meetingId: string) {
		const { minutes, board: ctx } = await minutesOf(office);
		return minutes.create(ctx, meetingId);
	}
	async function writeAndApprove(created: { minutesId: string; paperId: string }, text: string) {
		await hub.applyUpdate(created.paperId, writeDecision(await hub.getState(created.paperId), text), office.id);
		const { minutes, board: ctx } = await minutesOf(office);
		await minutes.sendToReview(ctx, {
			minutesId: created.minutesId,
			reviewUntil: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
		});
		const approver = await minutesOf(chair);
		await approver.minutes.approve(approver.board, created.minutesId);
	}
	/** What minutes page, log, decision page and CSV say about the item's decision (as a member reads them). */
	async function everywhere(meetingId: string, itemId: string) {
		const { minutes, board: ctx } = await minutesOf(member);
		const overview = await minutes.overview(ctx, meetingId);
		const listed = overview.minutes[0]!.decisions;
		const log = await ownerRows<{
			number: string;
			revision: number;
			change: string;
			source: string;
			resolution: string;
		}>(
			db,
			`select number, revision, change, source, resolution from public.decision_entries where agenda_item_id = $1 order by revision`,
			[itemId]
		);
		const page = await (await decisionsOf(member)).get(ctx, log[0]!.number);
		const { header, row } = decisionCsvColumns('de');
		const csv = await (await decisionsOf(member)).csv(ctx, { q: 'Gewerbegebiet' }, row, header);
		return { overview, listed, log, page, csv };
	}

	it('vote recorded first: the minutes show the result, the approved text revises the vote entry', async () => {
		const { meeting, item } = await meetingWithDecisionItem('Sitzung März');
		expect(await recordVote(meeting.id, item.id, { yes: 3, no: 0, abstain: 0 })).toBe('adopted');
		const created = await generate(meeting.id);
		const result = 'Ergebnis: 3 Ja, 0 Nein, 0 Enthaltungen – angenommen';
		expect(canonicalText(stateToJSON(await hub.getState(created.paperId)))).toContain(`${result}\n### Beschluss\n`);
		const text = 'Der Beirat empfiehlt die Erschließung des Gewerbegebiets Nord in zwei Abschnitten.';
		await writeAndApprove(created, text);

		const { listed, log, page, csv } = await everywhere(meeting.id, item.id);
		expect(log.map((e) => [e.revision, e.change, e.source])).toEqual([
			[0, 'recorded', 'meeting'],
			[1, 'amended', 'minutes']
		]);
		expect(log[1]!.resolution).toBe(text);
		expect(listed).toEqual([{ itemId: item.id, text, number: log[0]!.number, result }]);
		expect(page.decision).toMatchObject({
			resolution: text,
			status: 'adopted',
			voteResult: { yes: 3, no: 0, abstain: 0 }
		});
		expect(page.minutes).toEqual([{ meetingId: meeting.id, paperId: created.paperId }]);
		expect(csv).toContain(`"${text}"`);
		expect(csv).toContain('"3 Ja, 0 Nein, 0 Enthaltungen"');

		// Approving again appends nothing.
		const approver = await minutesOf(chair);
		await approver.minutes.approve(approver.board, created.minutesId);
		expect((await everywhere(meeting.id, item.id)).log).toHaveLength(2);
	});

	it('minutes generated first, vote recorded later: the log and the minutes page carry text and result alike', async () => {
		const { meeting, item } = await meetingWithDecisionItem('Sitzung April');
		const created = await generate(meeting.id);
		expect(canonicalText(stateToJSON(await hub.getState(created.paperId)))).not.toContain('Ergebnis:');
		expect(await recordVote(meeting.id, item.id, { yes: 2, no: 1, abstain: 1 })).toBe('adopted');
		const text = 'Der Beirat beschließt die Erschließung mit Auflagen.';
		await writeAndApprove(created, text);

		const { listed, log, page, csv } = await everywhere(meeting.id, item.id);
		expect(log.map((e) => [e.revision, e.source, e.resolution])).toEqual([
			[0, 'meeting', 'Vorlage: Erschließung prüfen.'],
			[1, 'minutes', text]
		]);
		expect(listed).toEqual([
			{ itemId: item.id, text, number: log[0]!.number, result: 'Ergebnis: 2 Ja, 1 Nein, 1 Enthaltung – angenommen' }
		]);
		expect(page.decision).toMatchObject({ resolution: text, voteResult: { yes: 2, no: 1, abstain: 1 } });
		expect(page.minutes.map((m) => m.paperId)).toEqual([created.paperId]);
		expect(csv).toContain(`"${text}"`);
		expect(csv).toContain('"2 Ja, 1 Nein, 1 Enthaltung"');
	});

	it('vote recorded after approval: the result becomes a revision of the entry from the minutes, no second decision', async () => {
		const { meeting, item } = await meetingWithDecisionItem('Sitzung Mai');
		const created = await generate(meeting.id);
		const text = 'Der Beirat stimmt dem Konzept zu.';
		await writeAndApprove(created, text);
		expect(await recordVote(meeting.id, item.id, { yes: 1, no: 2, abstain: 0 })).toBe('rejected');

		const { listed, log, page, csv } = await everywhere(meeting.id, item.id);
		expect(log.map((e) => [e.revision, e.change, e.source, e.resolution])).toEqual([
			[0, 'recorded', 'minutes', text],
			[1, 'amended', 'meeting', text]
		]);
		expect(new Set(log.map((e) => e.number)).size).toBe(1);
		expect(listed).toEqual([
			{ itemId: item.id, text, number: log[0]!.number, result: 'Ergebnis: 1 Ja, 2 Nein, 0 Enthaltungen – abgelehnt' }
		]);
		expect(page.decision).toMatchObject({
			resolution: text,
			status: 'rejected',
			voteResult: { yes: 1, no: 2, abstain: 0 }
		});
		expect(csv).toContain('"1 Ja, 2 Nein, 0 Enthaltungen"');
		// Recording the result again is refused, as for any item.
		await expect(recordVote(meeting.id, item.id, { yes: 3, no: 0, abstain: 0 })).rejects.toMatchObject({ status: 409 });
	});

	it('an amendment of the minutes revises the same decision with its corrected text', async () => {
		const { meeting, item } = await meetingWithDecisionItem('Sitzung Juni');
		await recordVote(meeting.id, item.id, { yes: 4, no: 0, abstain: 0 });
		const created = await generate(meeting.id);
		await writeAndApprove(created, 'Erste Fassung.');
		const { minutes, board: ctx } = await minutesOf(office);
		const amendment = await minutes.amend(ctx, created.minutesId);
		await writeAndApprove(amendment, 'Berichtigte Fassung.');
		const { log, page } = await everywhere(meeting.id, item.id);
		expect(log.map((e) => [e.revision, e.source, e.resolution])).toEqual([
			[0, 'meeting', 'Vorlage: Erschließung prüfen.'],
			[1, 'minutes', 'Erste Fassung.'],
			[2, 'minutes', 'Berichtigte Fassung.']
		]);
		expect(page.minutes.map((m) => m.paperId)).toEqual([created.paperId, amendment.paperId]);
	});
});
