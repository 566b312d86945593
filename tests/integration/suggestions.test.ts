// Suggestions beyond the collaboration server (issue #15): the trace of decisions (history, audit trail, RLS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { withSystem } from '$lib/server/db/scoped';
import { createSuggestionService } from '$lib/server/suggestions/suggestion.service';
import { scopedDb } from '$lib/server/db/scoped';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createPaper, createTestHub, servicesFor } from '../factories/comments';
import { testDatabases } from '../support/databases';
import { createHarness } from '../support/app-harness';
import JSZip from 'jszip';
import { plainTextOf } from '$lib/server/search/paper-text-index';
import { seedDocument } from '../factories/comments';

describe.each(testDatabases())('suggestions on $name', (target) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser, commenter: TestUser, viewer: TestUser, outsider: TestUser;
	let paper: { id: string; title: string };
	let hub: ReturnType<typeof createTestHub>;

	async function as(user: TestUser) {
		const { board: context } = await servicesFor(db, {
			user,
			board,
			hub,
			mailer: (await createHarness(db)).mailer,
			origin: 'http://x'
		});
		return {
			board: context,
			service: createSuggestionService({ db: scopedDb(db, claimsFor(user)), actor: { userId: user.id } })
		};
	}
	const decided = (authorId: string, id = 's1') => ({
		id,
		kind: 'insert' as const,
		authorId,
		authorName: 'Jonas',
		text: 'gezielt ',
		section: 'Ziele'
	});

	beforeAll(async () => {
		db = await target.open();
		hub = createTestHub(db);
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
		commenter = await addMember(db, { board, role: 'advisor' });
		viewer = await addMember(db, { board, role: 'member' });
		const other = await createBoard(db);
		outsider = await addMember(db, { board: other, role: 'office' });
		paper = await createPaper(db, {
			board,
			author: office,
			visibility: 'restricted',
			access: [
				{ user: commenter, access: 'comment' },
				{ user: viewer, access: 'view' }
			]
		});
	});
	afterAll(async () => {
		await db.close();
	});

	it('records an editor’s decision in the paper’s history and the audit trail', async () => {
		const { board: context, service } = await as(office);
		await service.record(context, paper.id, { decision: 'accept', suggestions: [decided(commenter.id)] });
		const history = await service.history(context, paper.id);
		expect(history).toMatchObject([
			{
				suggestionId: 's1',
				decision: 'accepted',
				body: 'gezielt ',
				decidedBy: office.id,
				decidedByName: office.displayName
			}
		]);
		const audit = await withSystem(db, 'test-setup', (tx) =>
			tx.query<{ actor_id: string; operation: string }>(
				`select actor_id, operation from public.audit_events where table_name = 'paper_suggestion_decisions' and board_id = $1`,
				[board.id]
			)
		);
		expect(audit).toEqual([{ actor_id: office.id, operation: 'insert' }]);
	});

	it('lets a commenter record only withdrawing their own suggestion; viewers and outsiders not at all', async () => {
		const { board: context, service } = await as(commenter);
		await service.record(context, paper.id, { decision: 'reject', suggestions: [decided(commenter.id, 's2')] });
		await expect(
			service.record(context, paper.id, { decision: 'accept', suggestions: [decided(commenter.id, 's3')] })
		).rejects.toMatchObject({ status: 403 });
		await expect(
			service.record(context, paper.id, { decision: 'reject', suggestions: [decided(office.id, 's4')] })
		).rejects.toMatchObject({ status: 403 });
		const v = await as(viewer);
		await expect(
			v.service.record(v.board, paper.id, { decision: 'reject', suggestions: [decided(viewer.id, 's5')] })
		).rejects.toMatchObject({ status: 403 });
		const o = await as(outsider);
		await expect(
			o.service.record(o.board, paper.id, { decision: 'accept', suggestions: [decided(outsider.id, 's6')] })
		).rejects.toMatchObject({ status: 404 });
		// RLS agrees when the service is bypassed: a commenter cannot write someone else's decision.
		await expect(
			scopedDb(db, claimsFor(commenter)).run((tx) =>
				tx.query(
					`insert into public.paper_suggestion_decisions (board_id, paper_id, suggestion_id, kind, author_id, decision)
					 values ($1, $2, 'x', 'insert', $3, 'accepted')`,
					[board.id, paper.id, commenter.id]
				)
			)
		).rejects.toThrow();
		expect((await service.history(context, paper.id)).map((row) => row.suggestionId).sort()).toEqual(['s1', 's2']);
	});

	it('exports suggestions marked (Word revisions, CriticMarkup) or resolved, and searches accepted text only', async () => {
		const by = { id: 'e1', authorId: commenter.id, authorName: 'Jonas', createdAt: '2026-12-06T10:00:00.000Z' };
		await seedDocument(hub, {
			paperId: paper.id,
			author: office,
			doc: {
				type: 'doc',
				content: [
					{
						type: 'paragraph',
						content: [
							{ type: 'text', text: 'Wir fördern ' },
							{ type: 'text', text: 'Betriebe', marks: [{ type: 'suggestionDelete', attrs: { ...by, id: 'e2' } }] },
							{ type: 'text', text: 'Unternehmen', marks: [{ type: 'suggestionInsert', attrs: by }] },
							{ type: 'text', text: '.' }
						]
					}
				]
			}
		});
		const { exports, board: context } = await servicesFor(db, {
			user: office,
			board,
			hub,
			mailer: (await createHarness(db)).mailer,
			origin: 'http://x'
		});
		const md = async (suggestions: 'marked' | 'accepted' | 'rejected') =>
			(await exports.exportPaper(context, { paperId: paper.id, format: 'md', suggestions })).body.toString('utf8');
		expect(await md('marked')).toContain('Wir fördern {--Betriebe--}{++Unternehmen++}.');
		expect(await md('accepted')).toContain('Wir fördern Unternehmen.');
		expect(await md('rejected')).toContain('Wir fördern Betriebe.');
		const docx = await exports.exportPaper(context, { paperId: paper.id, format: 'docx', suggestions: 'marked' });
		const xml = await (await JSZip.loadAsync(docx.body)).file('word/document.xml')!.async('string');
		expect(xml).toMatch(/<w:ins [^>]*w:author="Jonas"[^>]*>.*Unternehmen/s);
		expect(xml).toMatch(/<w:del [^>]*w:author="Jonas"[^>]*>.*<w:delText[^>]*>Betriebe/s);
		const pdf = await exports.exportPaper(context, { paperId: paper.id, format: 'pdf', suggestions: 'accepted' });
		expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
		// Search: the pending insertion is not the paper's text yet; the text suggested for deletion still is.
		const text = plainTextOf(await hub.getState(paper.id));
		expect(text).toBe('Wir fördern Betriebe.');
	});
});
