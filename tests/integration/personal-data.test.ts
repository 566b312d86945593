import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import { renderPersonalDataHtml } from '$lib/server/personal-data/personal-data-html';
import { makeAdmin, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper } from '../factories/papers';
import { createComment } from '../factories/search';
import { createMeeting } from '../factories/meetings';
import { createItem, createMeeting as createAgendaMeeting } from '../factories/agenda';
import { createStrategy } from '../factories/strategy';
import { recordAttendance } from '../factories/minutes';
import { circularInput, ownerRows, votesAs } from '../factories/votes';
import { boardAs } from '../factories/meetings';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { OUTBOX_RETENTION_DAYS, purgeOldMail } from '$lib/server/personal-data/retention.job';
import { personalDataService } from '$lib/server/services';
import type { RequestContext } from '$lib/server/context';

const exportOf = async (db: Database, user: TestUser) => personalDataService(await requestTo(db, user)).exportData();

describe.each(testDatabases())('personal data export ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;
	let other: TestUser;
	let openVote: string;
	let secretVote: string;

	beforeAll(async () => {
		db = await database.open();
		({
			board,
			people: { office, member, other }
		} = await boardWithRoles(db, { office: 'office', member: 'member', other: 'member' }));
		const paper = await createPaper(db, { board, author: member, title: 'Strategiepapier Fachkräfte' });
		await createComment(db, { paperId: paper.id, author: member, body: 'Mein Kommentar zur Strategie' });
		await createComment(db, { paperId: paper.id, author: other, body: 'Fremder Kommentar' });
		const meeting = await createMeeting(db, { board, title: 'Sitzung März' });
		await db.ownerTransaction(async (tx) => {
			await tx.query(
				`insert into public.meeting_rsvps (meeting_id, user_id, board_id, response, proxy_note) values ($1, $2, $3, 'attending', 'komme pünktlich'), ($1, $4, $3, 'absent', 'fremde Absage')`,
				[meeting.id, member.id, board.id, other.id]
			);
			await tx.query(
				`insert into public.tasks (board_id, title, owner_id, created_by) values ($1, 'Meine Aufgabe Förderantrag', $2, $3), ($1, 'Fremde Aufgabe', $3, $3)`,
				[board.id, member.id, office.id]
			);
			await tx.query(
				`insert into public.mail_outbox (to_email, subject, body_text, kind) values ($1, 'Einladung', 'Link: http://beirat.test/reset?token=geheim123 Ende', 'test'), ('x@test.example', 'Fremde Mail', 'x', 'test')`,
				[member.email]
			);
			await tx.query(`insert into public.calendar_tokens (user_id, token_hash) values ($1, 'hash-of-secret')`, [
				member.id
			]);
		});
		await recordAttendance(db, { meetingId: meeting.id, boardId: board.id, present: [member], absent: [other] });
		const officeVotes = await votesAs(db, office);
		const ctx = await boardAs(db, office, board);
		openVote = await officeVotes.circular.create(ctx, circularInput({ motion: 'Offene Abstimmung Gewerbegebiet' }));
		secretVote = await officeVotes.circular.create(
			ctx,
			circularInput({ motion: 'Geheime Abstimmung Personal', secret: 'on' })
		);
		const mine = await votesAs(db, member);
		const memberCtx = await boardAs(db, member, board);
		await mine.circular.vote(memberCtx, openVote, 'no');
		await mine.circular.vote(memberCtx, secretVote, 'abstain');
		await (await votesAs(db, other)).circular.vote(await boardAs(db, other, board), openVote, 'yes');
	});
	afterAll(() => db?.close());

	it('contains the person’s own comments, RSVPs, attendance, tasks, papers, mails and non-secret choices', async () => {
		const data = await exportOf(db, member);
		expect(data.account).toMatchObject({
			userId: member.id,
			email: member.email,
			displayName: member.displayName,
			// Whether they chose to be named on public pages (#14); nobody is by default.
			listedPublicly: false
		});
		expect(data.account.accountCreatedAt).toBeTruthy();
		expect(data.memberships).toEqual([expect.objectContaining({ board: board.name, role: 'member' })]);
		expect(data.comments.written.map((c) => c.body)).toEqual(['Mein Kommentar zur Strategie']);
		expect(data.meetings.rsvps).toEqual([expect.objectContaining({ meeting: 'Sitzung März', response: 'attending' })]);
		expect(data.meetings.attendance).toEqual([expect.objectContaining({ meeting: 'Sitzung März', present: true })]);
		expect(data.tasks.map((t) => t.title)).toEqual(['Meine Aufgabe Förderantrag']);
		expect(data.papers.created.map((p) => p.title)).toEqual(['Strategiepapier Fachkräfte']);
		expect(data.calendarFeed.exists).toBe(true);
		expect(data.mails.map((m) => m.subject)).toEqual(['Einladung']);
		const votes = Object.fromEntries(data.votes.map((v) => [v.motion, v]));
		expect(votes['Offene Abstimmung Gewerbegebiet']).toMatchObject({ secret: false, choice: 'no' });
		expect(votes['Geheime Abstimmung Personal']).toMatchObject({ secret: true, choice: null });
	});

	it('holds nothing of other people, no secret choice and no usable token', async () => {
		const text = JSON.stringify(await exportOf(db, member));
		for (const foreign of [
			'Fremder Kommentar',
			'fremde Absage',
			'Fremde Aufgabe',
			'Fremde Mail',
			other.email,
			other.displayName
		]) {
			expect(text).not.toContain(foreign);
		}
		expect(text).not.toContain('abstain');
		expect(text).not.toContain('geheim123');
		expect(text).not.toContain('hash-of-secret');
	});

	it('renders a readable HTML document with every section, escaped', async () => {
		const data = await exportOf(db, member);
		data.comments.written.push({ paper: 'X', body: '<script>alert(1)</script>' });
		const html = renderPersonalDataHtml(data, 'de');
		expect(html).toContain('<h1>Meine Daten bei Beirat</h1>');
		expect(html).toContain('Mein Kommentar zur Strategie');
		expect(html).toContain('Zu- und Absagen zu Sitzungen');
		expect(html).not.toContain('<script>');
		expect(renderPersonalDataHtml(data, 'en')).toContain('Comments written');
	});

	it('gives each person only their own data; a signed-out visitor gets nothing', async () => {
		const theirs = await exportOf(db, other);
		expect(theirs.account.userId).toBe(other.id);
		expect(JSON.stringify(theirs)).not.toContain('Mein Kommentar zur Strategie');
		const signedOut = { user: null, db: scopedDb(db, null), app: { db } } as unknown as RequestContext;
		expect(() => personalDataService(signedOut)).toThrow(expect.objectContaining({ status: 401 }));
	});

	it('exports a platform admin without memberships too', async () => {
		const admin = await makeAdmin(db);
		const data = await exportOf(db, admin);
		expect(data.account).toMatchObject({ userId: admin.id, platformAdmin: true });
		expect(await ownerRows(db, `select 1 from public.person_refs where user_id = $1`, [admin.id])).toHaveLength(1);
	});

	it('contains the strategy comments the person wrote, also after leaving the board, and the measures they own', async () => {
		const { board: elsewhere, people } = await boardWithRoles(db, { office: 'office', leaving: 'member' });
		const { measureId } = await createStrategy(db, { board: elsewhere, by: people.office });
		await db.ownerTransaction(async (tx) => {
			await tx.query(`update public.strategy_measures set owner_kind = 'member', owner_id = $2 where id = $1`, [
				measureId,
				people.leaving.id
			]);
			await tx.query(
				`insert into public.strategy_comments (board_id, measure_id, author_id, body)
				 values ($1, $2, $3, 'Mein Hinweis zur Maßnahme'), ($1, $2, $4, 'Fremder Hinweis')`,
				[elsewhere.id, measureId, people.leaving.id, people.office.id]
			);
		});
		const before = await exportOf(db, people.leaving);
		expect(before.strategy?.comments.map((c) => c.body)).toEqual(['Mein Hinweis zur Maßnahme']);
		expect(before.strategy?.measuresOwned).toEqual([expect.objectContaining({ status: 'planned' })]);
		expect(renderPersonalDataHtml(before, 'de')).toContain('Kommentare zu Maßnahmen der Strategie');
		expect(JSON.stringify(before)).not.toContain('Fremder Hinweis');

		await db.ownerTransaction((tx) =>
			tx.query(`update public.memberships set active = false where user_id = $1`, [people.leaving.id])
		);
		const after = await personalDataService(await requestTo(db, people.leaving)).exportData();
		expect(after.strategy?.comments.map((c) => c.body)).toEqual(['Mein Hinweis zur Maßnahme']);
	});

	it('contains what the person read, their check-ins, requests to speak, rounds, decided suggestions and sign-in accounts', async () => {
		const { board: b, people } = await boardWithRoles(db, { office: 'office', reader: 'member', stranger: 'member' });
		const { reader, stranger } = people;
		const paper = await createPaper(db, { board: b, author: people.office, title: 'Papier Innenstadt' });
		const meeting = await createAgendaMeeting(db, { board: b, title: 'Sitzung Live' });
		const item = await createItem(db, { meeting, title: 'Punkt Wortmeldung' });
		await db.ownerTransaction(async (tx) => {
			for (const person of [reader, stranger]) {
				await tx.query(`insert into public.paper_reads (paper_id, user_id, blocks) values ($1, $2, '[]')`, [
					paper.id,
					person.id
				]);
				await tx.query(`insert into public.boardbook_downloads (meeting_id, user_id) values ($1, $2)`, [
					meeting.id,
					person.id
				]);
				await tx.query(
					`insert into public.meeting_checkins (meeting_id, user_id, board_id, mode) values ($1, $2, $3, 'online')`,
					[meeting.id, person.id, b.id]
				);
				await tx.query(
					`insert into public.meeting_speakers (meeting_id, item_id, board_id, user_id, position) values ($1, $2, $3, $4, 1)`,
					[meeting.id, item.id, b.id, person.id]
				);
			}
			const [round] = await tx.query<{ id: string }>(
				`insert into public.paper_rounds (board_id, paper_id, question, ends_at, created_by)
				 values ($1, $2, 'Was fehlt im Papier?', now() + interval '7 days', $3) returning id`,
				[b.id, paper.id, people.office.id]
			);
			await tx.query(
				`insert into public.paper_round_participants (round_id, user_id, kind) values ($1, $2, 'member'), ($1, $3, 'member')`,
				[round!.id, reader.id, stranger.id]
			);
			await tx.query(
				`insert into public.paper_suggestion_decisions (board_id, paper_id, suggestion_id, kind, author_id, body, decision, decided_by)
				 values ($1, $2, 's-1', 'insert', $3, 'Mein Vorschlag', 'accepted', $4), ($1, $2, 's-2', 'insert', $4, 'Fremder Vorschlag', 'rejected', $4)`,
				[b.id, paper.id, reader.id, people.office.id]
			);
			await tx.query(
				`insert into public.sso_identities (issuer, subject, user_id) values ('https://idp.hamm.test', 'sub-reader', $1), ('https://idp.hamm.test', 'sub-stranger', $2)`,
				[reader.id, stranger.id]
			);
		});
		const data = await exportOf(db, reader);
		expect(data.reading?.papersRead).toEqual([expect.objectContaining({ paper: 'Papier Innenstadt' })]);
		expect(data.reading?.boardBookDownloads).toEqual([expect.objectContaining({ meeting: 'Sitzung Live' })]);
		expect(data.liveMeetings?.checkIns).toEqual([expect.objectContaining({ meeting: 'Sitzung Live', mode: 'online' })]);
		expect(data.liveMeetings?.speakerRequests).toEqual([
			expect.objectContaining({ agendaItem: 'Punkt Wortmeldung', state: 'waiting' })
		]);
		expect(data.consultation?.rounds).toEqual([expect.objectContaining({ question: 'Was fehlt im Papier?' })]);
		expect(data.consultation?.suggestionDecisions).toEqual([
			expect.objectContaining({ body: 'Mein Vorschlag', decision: 'accepted', ownSuggestion: true })
		]);
		expect(data.signInIdentities).toEqual([expect.objectContaining({ subject: 'sub-reader' })]);
		expect(JSON.stringify(data)).not.toMatch(/Fremder Vorschlag|sub-stranger/);
		const html = renderPersonalDataHtml(data, 'de');
		expect(html).toContain('Wortmeldungen');
		expect(html).toContain('Verknüpfte Anmeldekonten');
	});

	it('deletes outbox mails past the retention period and keeps newer ones', async () => {
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.mail_outbox (to_email, subject, body_text, kind, created_at, sent_at) values
				('alt@test.example', 'Alte Mail', 'x', 'test', now() - make_interval(days => $1 + 1), now() - make_interval(days => $1 + 1)),
				('neu@test.example', 'Neue Mail', 'x', 'test', now() - make_interval(days => $1 - 1), null)`,
				[OUTBOX_RETENTION_DAYS]
			)
		);
		expect(await purgeOldMail({ db })).toBe(1);
		const left = await ownerRows<{ subject: string }>(
			db,
			`select subject from public.mail_outbox where to_email in ('alt@test.example', 'neu@test.example')`
		);
		expect(left.map((m) => m.subject)).toEqual(['Neue Mail']);
	});
});
