import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { findBoardForCurrentUser } from '$lib/server/boards/board.repository';
import { invitationService, memberService } from '$lib/server/services';
import type { BoardContext } from '$lib/server/boards/policy';
import { addMember, createBoard, createUser, makeAdmin, type TestBoard, type TestUser } from '../factories';
import { testDatabases } from '../support/databases';
import { createHarness, linkIn, ORIGIN } from '../support/app-harness';
import { requestAs, signedOut } from '../support/app-context';
import { refusal } from '../support/refusal';

type Harness = Awaited<ReturnType<typeof createHarness>>;

describe.each(testDatabases())('members and invitations on $name', (target) => {
	let db: Database;
	let h: Harness;
	let board: TestBoard;
	let office: TestUser;

	/** The member service as `user` sees it (built as the app does; a platform admin acts as one), with the board resolved under their RLS. */
	async function as(user: TestUser) {
		const request = await requestAs(h.app, user);
		const context = (await request.db.run((tx) => findBoardForCurrentUser(tx, board.slug))) as BoardContext | null;
		return { service: memberService(request), board: context };
	}

	async function invitationToken(email: string) {
		const mail = await h.lastMail(email);
		return decodeURIComponent(linkIn(mail!.body_text, `${ORIGIN}/invite/`).split('/').pop()!);
	}

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		board = await createBoard(db, { name: 'Wirtschaft.Hamm.2030' });
		office = await addMember(db, { board, role: 'office' });
	});
	afterAll(async () => {
		await db.close();
	});

	it('invites a new person who sets a password, joins and is signed in', async () => {
		const { service, board: ctx } = await as(office);
		await service.invite(ctx!, {
			email: 'Neu.Mitglied@Test.example',
			role: 'advisor',
			organisation: 'Jobcenter',
			function: null,
			locale: 'en'
		});
		const mail = await h.lastMail('neu.mitglied@test.example');
		expect(mail?.subject).toContain('Wirtschaft.Hamm.2030');
		const token = await invitationToken('neu.mitglied@test.example');

		const invitations = invitationService(signedOut(h.app));
		expect(await invitations.describe(token)).toMatchObject({
			boardName: 'Wirtschaft.Hamm.2030',
			role: 'advisor',
			accountExists: false
		});
		const browser = h.browser();
		const claims = await invitations.accept({
			token,
			displayName: 'Neu Mitglied',
			password: 'mein-passwort-123',
			locale: 'en',
			session: browser.session
		});
		expect(claims.email).toBe('neu.mitglied@test.example');
		expect(await browser.session.getClaims()).toMatchObject({ sub: claims.sub });

		const { members } = await service.list(ctx!);
		expect(members.find((m) => m.email === 'neu.mitglied@test.example')).toMatchObject({
			role: 'advisor',
			organisation: 'Jobcenter',
			active: true
		});
		// Used once: the link no longer works.
		expect(await refusal(invitations.describe(token))).toBe('invite.error.invalid');
		expect(
			await refusal(
				invitations.accept({
					token,
					displayName: 'X',
					password: 'mein-passwort-123',
					locale: 'de',
					session: h.browser().session
				})
			)
		).toBe('invite.error.invalid');
	});

	it('lets a person with an account join with their password', async () => {
		const otherBoard = await createBoard(db);
		const person = await addMember(db, { board: otherBoard, role: 'member' });
		const { service, board: ctx } = await as(office);
		await service.invite(ctx!, {
			email: person.email,
			role: 'member',
			organisation: null,
			function: null,
			locale: 'de'
		});
		const token = await invitationToken(person.email);
		const invitations = invitationService(signedOut(h.app));
		expect((await invitations.describe(token)).accountExists).toBe(true);
		expect(
			await refusal(
				invitations.accept({ token, password: 'falsches-passwort', locale: 'de', session: h.browser().session })
			)
		).toBe('invite.error.wrongPassword');
		await invitations.accept({ token, password: person.password, locale: 'de', session: h.browser().session });
		const { board: seen } = await as(person);
		expect(seen).toMatchObject({ id: board.id, role: 'member' });
	});

	it('refuses expired and revoked invitations; resending replaces the link', async () => {
		const { service, board: ctx } = await as(office);
		const invitations = invitationService(signedOut(h.app));
		const { id } = await service.invite(ctx!, {
			email: 'spaet@test.example',
			role: 'member',
			organisation: null,
			function: null,
			locale: 'de'
		});
		const first = await invitationToken('spaet@test.example');
		await service.resendInvitation(ctx!, { invitationId: id, locale: 'de' });
		const second = await invitationToken('spaet@test.example');
		expect(second).not.toBe(first);
		expect(await refusal(invitations.describe(first))).toBe('invite.error.invalid');
		await db.ownerTransaction((tx) =>
			tx.query(`update public.invitations set expires_at = now() - interval '1 minute' where id = $1`, [id])
		);
		expect(await refusal(invitations.describe(second))).toBe('invite.error.invalid');

		const revoked = await service.invite(ctx!, {
			email: 'zurueck@test.example',
			role: 'member',
			organisation: null,
			function: null,
			locale: 'de'
		});
		const token = await invitationToken('zurueck@test.example');
		await service.revokeInvitation(ctx!, revoked.id);
		expect(await refusal(invitations.describe(token))).toBe('invite.error.invalid');
	});

	it('refuses to invite someone who is already an active member', async () => {
		const member = await addMember(db, { board, role: 'member' });
		const { service, board: ctx } = await as(office);
		expect(
			await refusal(
				service.invite(ctx!, { email: member.email, role: 'member', organisation: null, function: null, locale: 'de' })
			)
		).toBe('members.error.alreadyMember');
	});

	it('lets only the office (and admins) manage members', async () => {
		const member = await addMember(db, { board, role: 'member' });
		const chair = await addMember(db, { board, role: 'chair' });
		for (const person of [member, chair]) {
			const { service, board: ctx } = await as(person);
			expect(
				await refusal(
					service.invite(ctx!, {
						email: 'x@test.example',
						role: 'member',
						organisation: null,
						function: null,
						locale: 'de'
					})
				)
			).toBe('error.forbidden');
			expect(await refusal(service.updateMember(ctx!, { membershipId: member.membershipId, active: false }))).toBe(
				'error.forbidden'
			);
			expect((await service.list(ctx!)).invitations).toEqual([]);
		}
		const admin = await makeAdmin(db);
		const { service, board: ctx } = await as(admin);
		expect(ctx).toMatchObject({ id: board.id, role: null });
		await service.updateMember(ctx!, { membershipId: member.membershipId, role: 'deputy' });
	});

	it('hides the board from members of other boards, guests see only themselves', async () => {
		const stranger = await addMember(db, { board: await createBoard(db), role: 'office' });
		expect((await as(stranger)).board).toBeNull();
		const guest = await addMember(db, { board, role: 'guest' });
		const { service, board: ctx } = await as(guest);
		const { members } = await service.list(ctx!);
		expect(members.map((m) => m.userId)).toEqual([guest.id]);
	});

	it('deactivates and reactivates; deactivated people lose the board', async () => {
		const member = await addMember(db, { board, role: 'member' });
		const { service, board: ctx } = await as(office);
		await service.updateMember(ctx!, { membershipId: member.membershipId, active: false });
		expect((await as(member)).board).toBeNull();
		expect((await service.list(ctx!)).members.find((m) => m.userId === member.id)?.active).toBe(false);
		await service.updateMember(ctx!, { membershipId: member.membershipId, active: true });
		expect((await as(member)).board).toMatchObject({ role: 'member' });
	});

	it('keeps at least one active office and stops people locking themselves out', async () => {
		const lone = await createBoard(db);
		const onlyOffice = await addMember(db, { board: lone, role: 'office' });
		const admin = await makeAdmin(db, await createUser(db));
		const request = await requestAs(h.app, admin);
		const ctx = (await request.db.run((tx) => findBoardForCurrentUser(tx, lone.slug)))!;
		const service = memberService(request);
		expect(await refusal(service.updateMember(ctx, { membershipId: onlyOffice.membershipId, role: 'member' }))).toBe(
			'members.error.lastOffice'
		);
		expect((await service.list(ctx)).members[0]).toMatchObject({ role: 'office', active: true });

		const { service: own, board: ownCtx } = await as(office);
		const self = (await own.list(ownCtx!)).members.find((m) => m.userId === office.id)!;
		expect(await refusal(own.updateMember(ownCtx!, { membershipId: self.membershipId, active: false }))).toBe(
			'members.error.self'
		);
	});
});
