import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createMailer } from '$lib/server/mail/mailer';
import { meetingInvitationService } from '$lib/server/services';
import { runVoteJob } from '$lib/server/votes/vote.job';
import { type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { boardAs, createMeeting } from '../factories/meetings';
import { circularInput, votesAs } from '../factories/votes';
import { inboxOf, outboxTo, storedNotifications } from '../factories/notifications';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';

const ORIGIN = 'http://beirat.test';

// The domain services record in-app notifications with a link and mail according to each person's choice.
describe.each(testDatabases())('notification sources ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let chair: TestUser;
	let member: TestUser;
	const mailer = () => createMailer({ db, from: 'Beirat <beirat@test.example>' });

	beforeAll(async () => {
		db = await database.open();
		({
			board,
			people: { office, chair, member }
		} = await boardWithRoles(db, { office: 'office', chair: 'chair', member: 'member' }));
	});
	afterAll(() => db.close());

	it('a circular vote tells each voter once (opened, then deadline near) with a link to the vote', async () => {
		await (
			await inboxOf(db, member)
		).savePreferences({
			invitation: 'mail',
			agenda: 'mail',
			minutes: 'mail',
			vote: 'digest',
			mention: 'mail',
			task: 'mail'
		});
		const ctx = await boardAs(db, chair, board);
		const voteId = await (await votesAs(db, chair, mailer())).circular.create(ctx, circularInput({}, 20));
		await runVoteJob({ db, mailer: mailer(), origin: ORIGIN });
		await runVoteJob({ db, mailer: mailer(), origin: ORIGIN });
		const stored = await storedNotifications(db, member.id);
		expect(stored.map((s) => [s.kind, s.link, s.channel])).toEqual([
			['vote-opened', `/b/${board.slug}/votes/${voteId}`, 'digest'],
			['vote-reminder', `/b/${board.slug}/votes/${voteId}`, 'digest']
		]);
		// The member chose the digest for votes; the chair (a voter with the default) got both mails at once.
		expect(await outboxTo(db, member.email, 'vote-opened')).toHaveLength(0);
		expect(await outboxTo(db, chair.email, 'vote-opened')).toHaveLength(1);
		expect(await outboxTo(db, chair.email, 'vote-reminder')).toHaveLength(1);
		const { items } = await (await inboxOf(db, member)).list();
		expect(items[0]!.link).toBe(`/b/${board.slug}/votes/${voteId}`);
	});

	it('meeting invitations are told once per meeting version; pressing "send" again tells nobody twice', async () => {
		const meeting = await createMeeting(db, { board, title: 'Einladung einmal', agendaPublished: true });
		const invitations = meetingInvitationService(await requestTo(db, office, mailer()));
		const ctx = await boardAs(db, office, board);
		expect(await invitations.sendInvitations(ctx, meeting.id)).toBe(3);
		expect(await invitations.sendInvitations(ctx, meeting.id)).toBe(0);
		expect(await outboxTo(db, member.email, 'meeting-invitation')).toHaveLength(1);
		const invitation = (await storedNotifications(db, member.id)).filter((s) => s.kind === 'meeting-invitation');
		expect(invitation.map((s) => s.link)).toEqual([`/b/${board.slug}/meetings/${meeting.id}`]);
		expect((await (await inboxOf(db, member, 'en')).list()).items[0]!.text).toBe(
			'Invitation to the meeting “Einladung einmal”'
		);
	});
});
