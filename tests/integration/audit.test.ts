import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem, withUser } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { addMember, claimsFor, createInvitation, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createMeeting } from '../factories/agenda';
import { createPaper } from '../factories/papers';
import { recordDecision } from '../factories/decisions';
import { boardAs } from '../factories/meetings';
import { circularInput, votesAs } from '../factories/votes';
import { auditEntries } from '../factories/audit';
import { testDatabases } from '../support/databases';

// Every kind of change lands in public.audit_events through the triggers, with the actor, the
// board and only what changed, and nothing that must not be copied.

describe.each(testDatabases())('audit trail: what is recorded ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let office: TestUser;
	let chair: TestUser;
	let member: TestUser & { membershipId: string };

	beforeAll(async () => {
		db = await database.open();
		({
			board,
			people: { office, chair, member }
		} = await boardWithRoles(db, { office: 'office', chair: 'chair', member: 'member' }));
	});
	afterAll(() => db.close());

	const as = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => withUser(db, claimsFor(user), fn);

	it('records a meeting created, changed and deleted by the office, with only the changed columns', async () => {
		const id = randomUUID();
		await as(office, (tx) =>
			tx.query(
				`insert into public.meetings (id, board_id, title, starts_at, ends_at) values ($1, $2, 'Frühjahrssitzung', now() + interval '9 days', now() + interval '9 days 2 hours')`,
				[id, board.id]
			)
		);
		await as(office, (tx) =>
			tx.query(
				`update public.meetings set title = 'Frühjahrssitzung 2027', updated_at = now() + interval '1 minute' where id = $1`,
				[id]
			)
		);
		await as(office, (tx) =>
			tx.query(
				`update public.meetings set updated_at = now() + interval '2 minutes', sequence = sequence + 1 where id = $1`,
				[id]
			)
		);
		await as(office, (tx) => tx.query(`delete from public.meetings where id = $1`, [id]));
		const entries = await auditEntries(db, { boardId: board.id, table: 'meetings', rowId: id });
		expect(entries.map((e) => e.operation)).toEqual(['insert', 'update', 'delete']);
		expect(entries.every((e) => e.actor_id === office.id && e.actor_kind === 'user')).toBe(true);
		expect(entries[0]!.after).toMatchObject({ title: 'Frühjahrssitzung', board_id: board.id });
		expect(entries[1]!.before).toEqual({ title: 'Frühjahrssitzung' });
		expect(entries[1]!.after).toEqual({ title: 'Frühjahrssitzung 2027' });
		expect(entries[2]!.before).toMatchObject({ title: 'Frühjahrssitzung 2027' });
		expect(entries[2]!.object_label).toBe('Frühjahrssitzung 2027');
		// Noise and bulk columns are never copied.
		for (const entry of entries)
			for (const values of [entry.before, entry.after])
				expect(Object.keys(values ?? {})).not.toEqual(expect.arrayContaining(['updated_at']));
		expect(JSON.stringify(entries)).not.toMatch(/search_vector|"sequence"/);
	});

	it('records agenda items and the agenda publication; a cascade of a deleted meeting adds no bulk', async () => {
		const meeting = await createMeeting(db, { board, title: 'Sitzung mit TOP' });
		const itemId = randomUUID();
		await as(office, (tx) =>
			tx.query(`insert into public.agenda_items (id, meeting_id, position, title) values ($1, $2, 0, 'Haushalt')`, [
				itemId,
				meeting.id
			])
		);
		await as(office, (tx) =>
			tx.query(`update public.agenda_items set title = 'Haushalt 2027', is_public = false where id = $1`, [itemId])
		);
		await as(office, (tx) =>
			tx.query(`update public.meetings set agenda_published_at = now() where id = $1`, [meeting.id])
		);
		const extraId = randomUUID();
		await as(office, (tx) =>
			tx.query(
				`insert into public.agenda_items (id, meeting_id, position, title) values ($1, $2, 1, 'Verschiedenes')`,
				[extraId, meeting.id]
			)
		);
		await as(office, (tx) => tx.query(`delete from public.agenda_items where id = $1`, [extraId]));
		expect(
			(await auditEntries(db, { boardId: board.id, table: 'agenda_items', rowId: extraId })).map((e) => [
				e.operation,
				e.object_label
			])
		).toEqual([
			['insert', 'Verschiedenes'],
			['delete', 'Verschiedenes']
		]);
		const items = await auditEntries(db, { boardId: board.id, table: 'agenda_items', rowId: itemId });
		expect(items.map((e) => e.operation)).toEqual(['insert', 'update']);
		expect(items[1]).toMatchObject({
			actor_id: office.id,
			before: { title: 'Haushalt', is_public: true },
			after: { title: 'Haushalt 2027', is_public: false }
		});
		const published = (await auditEntries(db, { boardId: board.id, table: 'meetings', rowId: meeting.id })).at(-1)!;
		expect(Object.keys(published.after!)).toEqual(['agenda_published_at']);
		expect(published.before).toEqual({ agenda_published_at: null });

		await as(office, (tx) => tx.query(`delete from public.meetings where id = $1`, [meeting.id]));
		expect(
			(await auditEntries(db, { boardId: board.id, table: 'agenda_items', rowId: itemId })).map((e) => e.operation)
		).toEqual(['insert', 'update']);
		expect(
			(await auditEntries(db, { boardId: board.id, table: 'meetings', rowId: meeting.id })).at(-1)!.operation
		).toBe('delete');
	});

	it('records paper metadata and access changes, but not the collaboration commit of updated_at/updated_by', async () => {
		const paper = await createPaper(db, { board, author: office, title: 'Strategie 2030' });
		await as(office, (tx) =>
			tx.query(`update public.papers set title = 'Strategie 2030 – Entwurf', tags = '{Fachkräfte}' where id = $1`, [
				paper.id
			])
		);
		await withSystem(db, 'collab', (tx) =>
			tx.query(`update public.papers set updated_at = now(), updated_by = $2 where id = $1`, [paper.id, member.id])
		);
		await as(office, (tx) =>
			tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'view')`, [
				paper.id,
				member.id
			])
		);
		await as(office, (tx) =>
			tx.query(`update public.paper_access set access = 'edit' where paper_id = $1 and user_id = $2`, [
				paper.id,
				member.id
			])
		);
		await as(office, (tx) =>
			tx.query(`delete from public.paper_access where paper_id = $1 and user_id = $2`, [paper.id, member.id])
		);
		const papers = await auditEntries(db, { boardId: board.id, table: 'papers', rowId: paper.id });
		expect(papers.map((e) => [e.operation, e.actor_kind])).toEqual([
			['insert', 'system'],
			['update', 'user']
		]);
		expect(papers[1]!.after).toEqual({ title: 'Strategie 2030 – Entwurf', tags: ['Fachkräfte'] });
		const access = await auditEntries(db, { boardId: board.id, table: 'paper_access', rowId: paper.id });
		expect(access.map((e) => e.operation)).toEqual(['insert', 'update', 'delete']);
		expect(
			access.every(
				(e) =>
					e.subject_user_id === member.id && e.actor_id === office.id && e.object_label === 'Strategie 2030 – Entwurf'
			)
		).toBe(true);
		expect(access[1]).toMatchObject({ before: { access: 'view' }, after: { access: 'edit' } });
	});

	it('records a minutes status change without the frozen text, and a service_role task as "system" with its name', async () => {
		const meeting = await createMeeting(db, { board, title: 'Sitzung mit Protokoll' });
		const paper = await createPaper(db, { board, author: office, title: 'Protokoll' });
		const minutesId = randomUUID();
		await withSystem(db, 'test-setup', async (tx) => {
			await tx.query(`insert into public.minutes (id, board_id, meeting_id, paper_id) values ($1, $2, $3, $4)`, [
				minutesId,
				board.id,
				meeting.id,
				paper.id
			]);
			await tx.query(
				`update public.minutes set status = 'approved', final_text = 'Geheimer Wortlaut', final_state = '\\x0102', final_sha256 = repeat('a', 64), approved_at = now() where id = $1`,
				[minutesId]
			);
		});
		const entries = await auditEntries(db, { boardId: board.id, table: 'minutes', rowId: minutesId });
		expect(entries.map((e) => [e.operation, e.actor_kind, e.actor_task, e.actor_id])).toEqual([
			['insert', 'system', 'test-setup', null],
			['update', 'system', 'test-setup', null]
		]);
		expect(entries[1]!.before).toMatchObject({ status: 'draft' });
		expect(entries[1]!.after).toMatchObject({ status: 'approved', final_sha256: 'a'.repeat(64) });
		expect(entries[1]!.object_label).toBe('Sitzung mit Protokoll');
		expect(JSON.stringify(entries)).not.toMatch(/Geheimer Wortlaut|final_state|final_text/);
	});

	it('records decision entries without the long resolution or the hash chain', async () => {
		const decision = await recordDecision(db, {
			board,
			by: chair,
			title: 'Gründerzentrum',
			resolution: 'Der Beirat empfiehlt ein Gründerzentrum.'
		});
		const [entry] = await auditEntries(db, { boardId: board.id, table: 'decision_entries', rowId: decision.id });
		expect(entry).toMatchObject({
			operation: 'insert',
			actor_id: chair.id,
			object_label: `${decision.number} Gründerzentrum`
		});
		expect(entry!.after).toMatchObject({ number: decision.number, status: 'adopted', change: 'recorded' });
		expect(JSON.stringify(entry)).not.toMatch(/empfiehlt|prev_hash|"hash"/);
	});

	it('records a vote opened and closed, never a secret ballot or who took part', async () => {
		const officeBoard = await boardAs(db, office, board);
		const voteId = await (
			await votesAs(db, office)
		).circular.create(officeBoard, circularInput({ secret: 'on', motion: 'Geheime Abstimmung über X' }));
		await (await votesAs(db, member)).circular.vote(await boardAs(db, member, board), voteId, 'no');
		await (await votesAs(db, office)).circular.close(officeBoard, voteId);
		const entries = await auditEntries(db, { boardId: board.id, table: 'votes', rowId: voteId });
		expect(entries.map((e) => e.operation)).toEqual(['insert', 'update']);
		expect(entries[0]).toMatchObject({
			actor_id: office.id,
			after: { secret: true, status: 'open', motion: 'Geheime Abstimmung über X' }
		});
		expect(entries[1]!.before).toMatchObject({ status: 'open' });
		expect(entries[1]!.after).toMatchObject({ no_count: 1 });
		const all = await auditEntries(db, { boardId: board.id });
		expect(all.filter((e) => /^vote_(ballots|participation|choices|voters)$/.test(e.table_name))).toEqual([]);
		const voteRelated = JSON.stringify(all.filter((e) => e.row_id === voteId || e.table_name === 'decision_entries'));
		expect(voteRelated).not.toContain(member.id);
		expect(voteRelated).not.toMatch(/"choice"/);
	});

	it('records a role change and a removal of a membership, and an invitation without e-mail or token', async () => {
		await as(office, (tx) =>
			tx.query(`update public.memberships set role = 'advisor' where id = $1`, [member.membershipId])
		);
		const leaving = await addMember(db, { board, role: 'member' });
		await as(office, (tx) => tx.query(`delete from public.memberships where id = $1`, [leaving.membershipId]));
		const role = (await auditEntries(db, { boardId: board.id, table: 'memberships', rowId: member.membershipId })).at(
			-1
		)!;
		expect(role).toMatchObject({
			operation: 'update',
			actor_id: office.id,
			subject_user_id: member.id,
			before: { role: 'member' },
			after: { role: 'advisor' }
		});
		const removed = (
			await auditEntries(db, { boardId: board.id, table: 'memberships', rowId: leaving.membershipId })
		).at(-1)!;
		expect(removed).toMatchObject({
			operation: 'delete',
			subject_user_id: leaving.id,
			before: { role: 'member', user_id: leaving.id }
		});

		const invitation = await createInvitation(db, { board, email: 'neu.person@test.example', role: 'guest' });
		const [invited] = await auditEntries(db, { boardId: board.id, table: 'invitations', rowId: invitation.id });
		expect(invited!.after).toMatchObject({ role: 'guest' });
		expect(JSON.stringify(invited)).not.toMatch(/neu\.person|token/);
	});

	it('records a file upload and a deletion (no search text, no cascade bulk)', async () => {
		const [exists] = await db.ownerTransaction((tx) =>
			tx.query<{ t: string | null }>(`select to_regclass('public.files')::text as t`)
		);
		if (!exists?.t) return;
		const fileId = randomUUID();
		await as(office, async (tx) => {
			await tx.query(
				`insert into public.files (id, board_id, name, created_by, search_text) values ($1, $2, 'Haushaltsplan.pdf', $3, 'vertraulicher Volltext')`,
				[fileId, board.id, office.id]
			);
			await tx.query(
				`insert into public.file_versions (file_id, version, object_name, name, size, content_type, sha256, uploaded_by)
				 values ($1, 1, $2, 'Haushaltsplan.pdf', 1234, 'application/pdf', repeat('b', 64), $3)`,
				[fileId, `${board.id}/${fileId}/1`, office.id]
			);
		});
		await as(office, (tx) => tx.query(`delete from public.files where id = $1`, [fileId]));
		const files = await auditEntries(db, { boardId: board.id, table: 'files', rowId: fileId });
		expect(files.map((e) => [e.operation, e.actor_id, e.object_label])).toEqual([
			['insert', office.id, 'Haushaltsplan.pdf'],
			['delete', office.id, 'Haushaltsplan.pdf']
		]);
		const versions = await auditEntries(db, { boardId: board.id, table: 'file_versions', rowId: fileId });
		expect(versions.map((e) => e.operation)).toEqual(['insert']);
		expect(versions[0]!.after).toMatchObject({ version: 1, size: 1234, uploaded_by: office.id });
		expect(JSON.stringify([...files, ...versions])).not.toMatch(/vertraulicher|search_/);
	});
});
