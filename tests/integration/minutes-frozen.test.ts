import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { translate } from '$lib/i18n';
import { libraryQuerySchema } from '$lib/server/papers/paper.schema';
import type { TestBoard, TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { minutesAs } from '../factories/minutes';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { ticketFor } from '../support/collab';

// Approved minutes: asked first while comments are open; afterwards their paper says it is approved.
describe.each(testDatabases())('approving minutes on $name', (target) => {
	let db: Database;
	let hub: ReturnType<typeof createCollabServer>;
	let mailer: Awaited<ReturnType<typeof createHarness>>['mailer'];
	let board: TestBoard;
	let office: TestUser, chair: TestUser, member: TestUser;

	beforeAll(async () => {
		db = await target.open();
		mailer = (await createHarness(db)).mailer;
		hub = createCollabServer({ db, events: createHubEvents() });
		({
			board,
			people: { office, chair, member }
		} = await boardWithRoles(db, { office: 'office', chair: 'chair', member: 'member' }));
	});
	afterAll(() => db.close());

	const as = (user: TestUser) => minutesAs(db, { user, board, hub, mailer, origin: ORIGIN });

	async function minutesInReview() {
		const meeting = await createMeeting(db, { board, title: 'Sitzung Oktober', published: true });
		await createItem(db, { meeting, title: 'Bericht' });
		const { minutes, board: ctx } = await as(office);
		const created = await minutes.create(ctx, meeting.id);
		await minutes.sendToReview(ctx, {
			minutesId: created.minutesId,
			reviewUntil: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
		});
		return { meeting, ...created };
	}
	const openThread = (paperId: string) =>
		db.ownerTransaction((tx) =>
			tx.query(`insert into public.comment_threads (paper_id, quote, created_by) values ($1, 'Bericht', $2)`, [
				paperId,
				member.id
			])
		);

	it('asks first while comment threads are open, and approves once confirmed', async () => {
		const m = await minutesInReview();
		await openThread(m.paperId);
		await openThread(m.paperId);
		const { minutes, board: ctx } = await as(chair);
		const refused = await minutes.approve(ctx, m.minutesId).then(
			() => null,
			(e: { status: number; messageKey: string; params: Record<string, number> }) => e
		);
		expect(refused).toMatchObject({ status: 409, messageKey: 'minutes.error.openThreads', params: { count: 2 } });
		expect(translate('de', 'minutes.error.openThreads', refused!.params)).toContain('Anzahl: 2');
		const overview = await minutes.overview(ctx, m.meeting.id);
		expect(overview.minutes[0]).toMatchObject({ status: 'review', frozenAt: null, openThreads: 2 });
		expect((await minutes.approve(ctx, m.minutesId, { withOpenThreads: true })).sha256).toMatch(/^[0-9a-f]{64}$/);
		expect((await minutes.overview(ctx, m.meeting.id)).minutes[0]).toMatchObject({
			status: 'approved',
			openThreads: 0
		});
	});

	it('approves without asking when every thread is resolved', async () => {
		const m = await minutesInReview();
		await openThread(m.paperId);
		await db.ownerTransaction((tx) =>
			tx.query(`update public.comment_threads set resolved_at = now(), resolved_by = $2 where paper_id = $1`, [
				m.paperId,
				chair.id
			])
		);
		const { minutes, board: ctx } = await as(chair);
		expect((await minutes.approve(ctx, m.minutesId)).sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('shows approved minutes as approved, not as a draft, in the library and on the paper', async () => {
		const m = await minutesInReview();
		const { papers, board: memberCtx } = await as(member);
		const before = (await papers.list(memberCtx, libraryQuerySchema.parse({}))).papers.find((p) => p.id === m.paperId);
		expect(before).toMatchObject({ status: 'draft', minutesState: null });
		expect(
			(await papers.list(memberCtx, libraryQuerySchema.parse({ status: 'draft' }))).papers.map((p) => p.id)
		).toContain(m.paperId);
		expect(await ticketFor(db, office, m.paperId)).toMatchObject({ access: 'edit', frozen: false });
		const { minutes, board: ctx } = await as(chair);
		await minutes.approve(ctx, m.minutesId);
		const listed = (await papers.list(memberCtx, libraryQuerySchema.parse({}))).papers.find((p) => p.id === m.paperId);
		expect(listed).toMatchObject({ minutesState: 'approved' });
		const drafts = (await papers.list(memberCtx, libraryQuerySchema.parse({ status: 'draft' }))).papers.map(
			(p) => p.id
		);
		expect(drafts).not.toContain(m.paperId);
		expect(await papers.get(memberCtx, m.paperId)).toMatchObject({ minutesState: 'approved' });
		// The editor learns it from its next ticket, to tell why late edits were refused.
		expect(await ticketFor(db, office, m.paperId)).toMatchObject({ access: 'view', frozen: true });
		expect(translate('de', 'papers.status.minutesApproved')).toBe('Genehmigt – festgeschrieben');
		await minutes.publish(ctx, m.minutesId);
		expect(await papers.get(memberCtx, m.paperId)).toMatchObject({ minutesState: 'published' });
	});
});
