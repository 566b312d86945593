import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { RequestContext } from '$lib/server/context';
import { agendaParticipationService, agendaService, agendaViewService } from '$lib/server/services';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { createItem, createMeeting, inviteGuest, type TestMeeting } from '../factories/agenda';
import { testDatabases } from '../support/databases';
import { createHarness } from '../support/app-harness';
import { requestAs } from '../support/app-context';
import { refusal } from '../support/refusal';

describe.each(testDatabases())('agenda proposals and conflicts of interest on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let board: TestBoard;
	const people = {} as Record<'office' | 'chair' | 'member' | 'member2' | 'advisor', TestUser>;

	/** One request per person (their roles do not change here), each service built from it as the app does. */
	const requests = new Map<string, RequestContext>();
	const signIn = async (user: TestUser) => void requests.set(user.id, await requestAs(h.app, user));
	function as(user: TestUser) {
		const request = requests.get(user.id)!;
		return {
			agenda: agendaService(request),
			participation: agendaParticipationService(request),
			view: agendaViewService(request)
		};
	}
	const ref = (meeting: TestMeeting) => ({ boardId: meeting.boardId, meetingId: meeting.id });

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db);
		people.office = await addMember(db, { board, role: 'office' });
		people.chair = await addMember(db, { board, role: 'chair' });
		people.member = await addMember(db, { board, role: 'member' });
		people.member2 = await addMember(db, { board, role: 'member' });
		people.advisor = await addMember(db, { board, role: 'advisor' });
		for (const user of Object.values(people)) await signIn(user);
	});
	afterAll(async () => {
		await db.close();
	});

	it('makes one proposal of a form sent twice, also at once, and refuses the token to someone else', async () => {
		const meeting = await createMeeting(db, { board });
		const formToken = randomUUID();
		const proposal = {
			title: 'Fachkräftesicherung',
			description: 'Bitte aufnehmen',
			kind: 'discussion' as const,
			formToken
		};
		const first = await as(people.member).participation.propose(ref(meeting), proposal);
		const [again, atOnce] = await Promise.all([
			as(people.member).participation.propose(ref(meeting), proposal),
			as(people.member).participation.propose(ref(meeting), proposal)
		]);
		expect([again, atOnce]).toEqual([first, first]);
		expect((await as(people.office).view.page(ref(meeting))).proposals.map((p) => p.title)).toEqual([
			'Fachkräftesicherung'
		]);
		expect(await refusal(as(people.member2).participation.propose(ref(meeting), { ...proposal, title: 'Fremd' }))).toBe(
			'form.error.tokenUsed'
		);
		const other = await as(people.member).participation.propose(ref(meeting), {
			...proposal,
			title: 'Zweiter Vorschlag',
			formToken: randomUUID()
		});
		expect(other).not.toBe(first);
	});

	it('takes proposals before the deadline; the office accepts or declines, the proposer sees the state', async () => {
		const meeting = await createMeeting(db, { board });
		const first = await as(people.member).participation.propose(ref(meeting), {
			title: 'Gewerbeflächen',
			description: 'Bitte berichten',
			kind: 'discussion'
		});
		const second = await as(people.advisor).participation.propose(ref(meeting), {
			title: 'Ausbildungsmesse',
			description: '',
			kind: 'information'
		});
		expect(
			await refusal(
				as(people.office).participation.propose(ref(meeting), { title: 'X', description: '', kind: 'information' })
			)
		).toBe('agenda.error.proposeRole');

		// Members see only their own proposals; the office and the chair see all.
		expect((await as(people.member).view.page(ref(meeting))).proposals.map((p) => p.title)).toEqual(['Gewerbeflächen']);
		expect((await as(people.member2).view.page(ref(meeting))).proposals).toEqual([]);
		expect((await as(people.chair).view.page(ref(meeting))).proposals).toHaveLength(2);

		const itemId = await as(people.office).participation.accept(ref(meeting), first);
		await as(people.office).participation.decline(ref(meeting), {
			proposalId: second,
			reason: 'Thema der AG Fachkräfte'
		});
		expect(await refusal(as(people.office).participation.accept(ref(meeting), second))).toBe(
			'agenda.error.proposalNotOpen'
		);
		expect(await refusal(as(people.member).participation.accept(ref(meeting), first))).toBe('error.forbidden');

		const mine = (await as(people.member).view.page(ref(meeting))).proposals[0]!;
		expect(mine.status).toBe('accepted');
		const declined = (await as(people.advisor).view.page(ref(meeting))).proposals[0]!;
		expect(declined).toMatchObject({ status: 'declined', declineReason: 'Thema der AG Fachkräfte' });
		const items = (await as(people.member).view.panel(ref(meeting))).items;
		expect(items.find((i) => i.id === itemId)).toMatchObject({
			title: 'Gewerbeflächen',
			presenter: people.member.displayName
		});
	});

	it('refuses proposals after the deadline, in the service and in the database', async () => {
		const meeting = await createMeeting(db, { board, startsAt: new Date(Date.now() + 3 * 86_400_000) });
		expect(
			await refusal(
				as(people.member).participation.propose(ref(meeting), { title: 'Zu spät', description: '', kind: 'discussion' })
			)
		).toBe('agenda.error.proposalsClosed');
		const direct = await scopedDb(db, claimsFor(people.member))
			.run((tx) =>
				tx.query(`insert into public.agenda_proposals (meeting_id, proposed_by, title) values ($1, $2, 'Direkt')`, [
					meeting.id,
					people.member.id
				])
			)
			.then(
				() => null,
				(e: { code?: string }) => e.code
			);
		expect(direct).toBe('42501');
		expect(
			await refusal(
				as(people.member).participation.setProposalDeadline(ref(meeting), new Date(Date.now() + 86_400_000))
			)
		).toBe('error.forbidden');
		expect(
			await refusal(
				as(people.office).participation.setProposalDeadline(ref(meeting), new Date(Date.now() + 4 * 86_400_000))
			)
		).toBe('agenda.error.deadlineAfterStart');
		await as(people.office).participation.setProposalDeadline(ref(meeting), new Date(Date.now() + 86_400_000));
		expect(
			await as(people.member).participation.propose(ref(meeting), {
				title: 'Jetzt möglich',
				description: '',
				kind: 'discussion'
			})
		).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('records conflicts of interest, shows them to the office and the chair only, and lets the member withdraw', async () => {
		const meeting = await createMeeting(db, { board });
		const item = await createItem(db, { meeting, title: 'Vergabe Gutachten', kind: 'decision' });
		await as(people.member).participation.declareConflict(ref(meeting), {
			itemId: item.id,
			reason: 'Eigenes Unternehmen bietet mit'
		});
		await as(people.advisor).participation.declareConflict(ref(meeting), { itemId: item.id, reason: null });
		expect(
			await refusal(as(people.office).participation.declareConflict(ref(meeting), { itemId: item.id, reason: null }))
		).toBe('agenda.error.conflictRole');

		const forChair = (await as(people.chair).view.panel(ref(meeting))).items[0]!;
		expect(forChair.conflicts.map((c) => [c.displayName, c.reason])).toEqual([
			[people.member.displayName, 'Eigenes Unternehmen bietet mit'],
			[people.advisor.displayName, null]
		]);
		expect((await as(people.office).view.panel(ref(meeting))).items[0]!.conflicts).toHaveLength(2);
		const forOther = (await as(people.member2).view.panel(ref(meeting))).items[0]!;
		expect(forOther.conflicts).toEqual([]);
		expect(forOther.myConflict).toBeNull();
		const own = (await as(people.member).view.panel(ref(meeting))).items[0]!;
		expect(own.myConflict?.reason).toBe('Eigenes Unternehmen bietet mit');
		expect(own.conflicts).toEqual([]);
		// RLS, not only the service: another member reads no declaration at all.
		const raw = await scopedDb(db, claimsFor(people.member2)).run((tx) =>
			tx.query(`select * from public.agenda_conflicts where meeting_id = $1`, [meeting.id])
		);
		expect(raw).toEqual([]);

		// The advisor has no vote, so only the member is excluded from voting.
		expect(await as(people.chair).participation.votingExclusions(meeting.id)).toEqual([
			{ itemId: item.id, userId: people.member.id }
		]);
		expect(await refusal(as(people.member2).participation.votingExclusions(meeting.id))).toBe('error.forbidden');

		await as(people.member).participation.withdrawConflict(ref(meeting), item.id);
		expect(await refusal(as(people.member).participation.withdrawConflict(ref(meeting), item.id))).toBe(
			'agenda.error.conflictNotFound'
		);
		expect(await as(people.office).participation.votingExclusions(meeting.id)).toEqual([]);
		expect((await as(people.member).view.panel(ref(meeting))).items[0]!.myConflict).toBeNull();
		// Someone else's declaration cannot be withdrawn by another member.
		expect(await refusal(as(people.member2).participation.withdrawConflict(ref(meeting), item.id))).toBe(
			'agenda.error.conflictNotFound'
		);
		expect((await as(people.chair).view.panel(ref(meeting))).items[0]!.conflicts.map((c) => c.displayName)).toEqual([
			people.advisor.displayName
		]);
	});

	it('does not let a guest declare a conflict or propose', async () => {
		const meeting = await createMeeting(db, { board });
		const item = await createItem(db, { meeting, title: 'Öffentlich' });
		const guest = await inviteGuest(db, { meeting });
		await signIn(guest);
		expect(
			await refusal(as(guest).participation.declareConflict(ref(meeting), { itemId: item.id, reason: null }))
		).toBe('agenda.error.conflictRole');
		expect(
			await refusal(as(guest).participation.propose(ref(meeting), { title: 'X', description: '', kind: 'discussion' }))
		).toBe('agenda.error.proposeRole');
	});
});
