import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import { offlineHub } from '$lib/server/demo/demo-hub';
import { createPublicationService } from '$lib/server/publication/publication.service';
import { createOparlService, type OparlService } from '$lib/server/oparl/oparl.service';
import { parseListQuery } from '$lib/server/oparl/oparl.schema';
import type { OparlObject } from '$lib/server/oparl/oparl.serialize';
import type { OparlList } from '$lib/public/links';
import { testDatabases } from '../support/databases';
import { boardWithRoles } from '../factories/board-with-roles';
import { claimsFor, type TestUser } from '../factories';
import { createItem, createMeeting } from '../factories/agenda';
import { recordDecision } from '../factories/decisions';
import { createPaper } from '../factories/papers';
import { boardAs } from '../factories/meetings';
import { listProblems, objectProblems } from '../oparl/validate';

// The OParl interface (#14) as anyone reads it, on a public board built with the factories next to what must
// stay internal: only the public subset, valid objects, and what stops being public stays as `deleted: true`.

const ORIGIN = 'http://oparl.test';
const BODY = { key: 'hamm', name: 'Stadt Hamm', shortName: 'Hamm', ags: '05915000' };

const query = (params = '') => {
	const parsed = parseListQuery(new URLSearchParams(params));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
	return parsed.value;
};
const idOf = (object: { id: string }) => object.id.slice(object.id.lastIndexOf('/') + 1);

describe.each(testDatabases())('OParl (#14) on $name', (target) => {
	let db: Database;
	let oparl: OparlService;
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));
	let world: Awaited<ReturnType<typeof build>>;

	/** Every object of a list, all pages. */
	async function all(list: OparlList, params = 'elementsPerPage=2'): Promise<OparlObject[]> {
		const objects: OparlObject[] = [];
		let next: string | undefined = `?${params}`;
		while (next) {
			const page = await oparl.list(BODY.key, list, query(new URL(next, ORIGIN).search.slice(1)));
			if (!page) throw new Error(`no list ${list}`);
			expect(listProblems(page)).toEqual([]);
			objects.push(...page.data);
			next = page.links.next;
		}
		return objects;
	}

	async function addFile(input: { boardId: string; itemId: string | null; name: string }) {
		const id = randomUUID();
		await owner(`insert into public.files (id, board_id, agenda_item_id, name) values ($1, $2, $3, $4)`, [
			id,
			input.boardId,
			input.itemId,
			input.name
		]);
		await owner(
			`insert into public.file_versions (file_id, version, object_name, name, size, content_type, sha256)
			 values ($1, 1, $2, $3, 1234, 'application/pdf', repeat('a', 64))`,
			[id, `test/${id}`, input.name]
		);
		return { id };
	}

	async function build() {
		const { board, other, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			member: 'member',
			quiet: 'member',
			guest: 'guest',
			elsewhere: { role: 'office', otherBoard: true }
		});
		const open = await createMeeting(db, { board, published: true, title: 'Öffentliche Sitzung' });
		const second = await createMeeting(db, { board, published: true, title: 'Zweite Sitzung' });
		const draft = await createMeeting(db, { board, published: false, title: 'Entwurf einer Sitzung' });
		const hidden = await createMeeting(db, { board: other, published: true, title: 'Sitzung der AG' });
		const publicItem = await createItem(db, { meeting: open, title: 'Bericht der Geschäftsstelle' });
		const laterItem = await createItem(db, { meeting: open, title: 'Verschiedenes' });
		const secretItem = await createItem(db, { meeting: open, title: 'Personalangelegenheiten', isPublic: false });
		const secondItem = await createItem(db, { meeting: second, title: 'Punkt der zweiten Sitzung' });
		await createItem(db, { meeting: draft, title: 'Punkt im Entwurf' });
		const publicFile = await addFile({ boardId: board.id, itemId: publicItem.id, name: 'Bericht.pdf' });
		const secretFile = await addFile({ boardId: board.id, itemId: secretItem.id, name: 'Personalakte.pdf' });
		const libraryFile = await addFile({ boardId: board.id, itemId: null, name: 'Bibliothek.pdf' });
		const adopted = await recordDecision(db, {
			board,
			by: people.office,
			meetingId: open.id,
			agendaItemId: publicItem.id,
			title: 'Bericht zur Kenntnis genommen'
		});
		const paper = await createPaper(db, { board, author: people.office, title: 'Veröffentlichtes Papier' });
		const internal = await createPaper(db, { board, author: people.office, title: 'Internes Papier' });
		for (const p of [paper, internal])
			await owner(
				`insert into public.agenda_item_papers (item_id, paper_id, meeting_id, created_by) values ($1, $2, $3, $4)`,
				[publicItem.id, p.id, open.id, people.office.id]
			);
		await owner(`update public.profiles set listed_publicly = true where user_id = any($1)`, [
			[people.office.id, people.chair.id, people.guest.id, people.elsewhere.id]
		]);
		const office = createPublicationService({
			db: scopedDb(db, claimsFor(people.office)),
			hub: offlineHub(db),
			actor: { userId: people.office.id, isAdmin: false },
			locale: 'de'
		});
		const officeBoard = await boardAs(db, people.office, board);
		await office.setBoardPublic(officeBoard, true);
		await office.setDecisionPublic(officeBoard, adopted.number, true);
		await office.setPaperPublished(officeBoard, { paperId: paper.id, publish: true });
		return {
			board,
			people,
			office,
			officeBoard,
			meetings: { open, second, draft, hidden },
			items: { publicItem, laterItem, secretItem, secondItem },
			files: { publicFile, secretFile, libraryFile },
			adopted,
			papers: { paper, internal }
		};
	}

	beforeAll(async () => {
		db = await target.open();
		oparl = createOparlService({ db, origin: ORIGIN, body: BODY });
		world = await build();
	}, 120_000);
	afterAll(async () => db?.close());

	it('serves the public subset only, every object valid', async () => {
		const meetings = await all('meetings');
		expect(meetings.map(idOf).sort()).toEqual([world.meetings.open.id, world.meetings.second.id].sort());
		const items = await all('agenda-items');
		expect(items.map(idOf).sort()).toEqual(
			[world.items.publicItem.id, world.items.laterItem.id, world.items.secondItem.id].sort()
		);
		const files = await all('files');
		const paperRow = await owner<{ v: string }>(`select published_version_id as v from public.papers where id = $1`, [
			world.papers.paper.id
		]);
		expect(files.map(idOf).sort()).toEqual([world.files.publicFile.id, paperRow[0]!.v].sort());
		expect((await all('papers')).map(idOf)).toEqual([world.papers.paper.id]);
		expect((await all('consultations')).map((c) => c.paper)).toEqual([
			`${ORIGIN}/oparl/v1/paper/${world.papers.paper.id}`
		]);
		expect((await all('organizations')).map(idOf)).toEqual([world.board.id]);
		const people = await all('people');
		expect(people.map(idOf).sort()).toEqual([world.people.office.id, world.people.chair.id].sort());
		const text = JSON.stringify({ meetings, items, files, people, memberships: await all('memberships') });
		for (const hidden of [
			'Personalangelegenheiten',
			'Personalakte',
			'Bibliothek',
			'Internes Papier',
			'Entwurf',
			'Sitzung der AG'
		])
			expect(text).not.toContain(hidden);
		expect(text).not.toContain(world.people.member.displayName);
		expect(text).not.toContain(world.people.guest.displayName);
		expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
	});

	it('numbers and times the public agenda, with the published decision on its item', async () => {
		const meeting = await oparl.object('meeting', world.meetings.open.id, false);
		expect(objectProblems(meeting!)).toEqual([]);
		const agenda = meeting!.agendaItem as OparlObject[];
		expect(agenda.map((item) => [item.number, item.order, item.name])).toEqual([
			['Ö 1', 0, 'Bericht der Geschäftsstelle'],
			['Ö 2', 1, 'Verschiedenes']
		]);
		expect(agenda[0]!.resolutionText).toContain('Bericht zur Kenntnis genommen');
		expect(agenda[0]!.result).toBe('Angenommen');
		expect(agenda[0]!.consultation).toMatch(/\/oparl\/v1\/consultation\//);
		expect((agenda[0]!.auxiliaryFile as OparlObject[]).map((f) => f.accessUrl)).toEqual([
			`${ORIGIN}/p/${world.board.slug}/files/${world.files.publicFile.id}`
		]);
		const paper = await oparl.object('paper', world.papers.paper.id, false);
		expect((paper!.mainFile as OparlObject).accessUrl).toBe(
			`${ORIGIN}/p/${world.board.slug}/papers/${world.papers.paper.id}.pdf`
		);
		expect(await oparl.object('meeting', world.meetings.open.id, true)).not.toHaveProperty('agendaItem');
	});

	it('answers null (404) for what never was public and for unknown ids', async () => {
		expect(await oparl.object('agendaitem', world.items.secretItem.id, false)).toBeNull();
		expect(await oparl.object('file', world.files.secretFile.id, false)).toBeNull();
		expect(await oparl.object('file', world.files.libraryFile.id, false)).toBeNull();
		expect(await oparl.object('meeting', world.meetings.draft.id, false)).toBeNull();
		expect(await oparl.object('meeting', world.meetings.hidden.id, false)).toBeNull();
		expect(await oparl.object('paper', world.papers.internal.id, false)).toBeNull();
		expect(await oparl.object('person', world.people.member.id, false)).toBeNull();
		expect(await oparl.object('meeting', randomUUID(), false)).toBeNull();
		expect(await oparl.body('another-city', false)).toBeNull();
		expect(await oparl.list('another-city', 'meetings', query())).toBeNull();
		const registry = await owner<{ object_id: string }>(`select object_id from public.oparl_objects`);
		const recorded = new Set(registry.map((row) => row.object_id));
		for (const id of [
			world.items.secretItem.id,
			world.files.secretFile.id,
			world.meetings.draft.id,
			world.people.member.id
		])
			expect(recorded.has(id)).toBe(false);
	});

	it('filters by created and modified, and refuses the page size above the cap', async () => {
		const future = new Date(Date.now() + 86_400_000).toISOString();
		const page = await oparl.list(BODY.key, 'meetings', query(`modified_since=${encodeURIComponent(future)}`));
		expect(page!.data).toEqual([]);
		const past = await oparl.list(BODY.key, 'meetings', query('created_since=2000-01-01T00:00:00%2B01:00'));
		expect(page!.pagination.totalElements).toBe(0);
		expect(past!.pagination.totalElements).toBe(2);
		const until = await oparl.list(BODY.key, 'meetings', query('created_until=2000-01-01T00:00:00Z'));
		expect(until!.data).toEqual([]);
		expect(query('elementsPerPage=100000').pageSize).toBe(100);
		const paged = await oparl.list(BODY.key, 'agenda-items', query('elementsPerPage=2'));
		expect(paged!.pagination).toEqual({ totalElements: 3, elementsPerPage: 2, currentPage: 1, totalPages: 2 });
		expect(paged!.links.next).toContain('page=2');
	});

	it('moves modified for a public change only, not for internal columns or a collaborative save', async () => {
		const modified = async () => String((await oparl.object('meeting', world.meetings.open.id, false))!.modified);
		const paperModified = async () => String((await oparl.object('paper', world.papers.paper.id, false))!.modified);
		const [meetingBefore, paperBefore] = [await modified(), await paperModified()];
		await owner(`update public.meetings set online_url = 'https://meet.example/x' where id = $1`, [
			world.meetings.open.id
		]);
		await owner(`update public.papers set updated_at = now() where id = $1`, [world.papers.paper.id]);
		expect(await modified()).toBe(meetingBefore);
		expect(await paperModified()).toBe(paperBefore);
		await owner(`update public.meetings set description = 'Neu' where id = $1`, [world.meetings.open.id]);
		expect(new Date(await modified()).getTime()).toBeGreaterThan(new Date(meetingBefore).getTime());
		const touched = await owner<{ n: number }>(`select count(*)::int as n from public.oparl_touched`);
		expect(touched[0]!.n).toBe(0);
	});

	it('never fills in what the policies hide, even when the registry were wrong', async () => {
		const draft = world.meetings.draft.id;
		await owner(
			`insert into public.oparl_objects (object_type, object_id, board_id, created, changed_at, fingerprint)
			 values ('meeting', $1, $2, now(), now(), 'wrong')`,
			[draft, world.board.id]
		);
		try {
			const listed = await all('meetings', 'elementsPerPage=100');
			expect(listed.map(idOf)).not.toContain(draft);
			expect(JSON.stringify(listed)).not.toContain('Entwurf');
			expect(await oparl.object('meeting', draft, false)).toBeNull();
		} finally {
			await owner(`delete from public.oparl_objects where object_id = $1`, [draft]);
		}
	});

	// Last: it withdraws things.
	it('keeps what stops being public as deleted: true, in lists with modified_since too', async () => {
		const before = new Date();
		const { office, officeBoard } = world;
		await office.setDecisionPublic(officeBoard, world.adopted.number, false);
		await office.setPaperPublished(officeBoard, { paperId: world.papers.paper.id, publish: false });
		await owner(`update public.meetings set status = 'cancelled' where id = $1`, [world.meetings.second.id]);
		await owner(`update public.agenda_items set is_public = false where id = $1`, [world.items.laterItem.id]);
		await owner(`delete from public.files where id = $1`, [world.files.publicFile.id]);
		await owner(`update public.profiles set listed_publicly = false where user_id = $1`, [world.people.chair.id]);

		for (const [type, id] of [
			['meeting', world.meetings.second.id],
			['agendaitem', world.items.laterItem.id],
			['agendaitem', world.items.secondItem.id],
			['paper', world.papers.paper.id],
			['file', world.files.publicFile.id],
			['person', world.people.chair.id]
		] as const) {
			const object = await oparl.object(type, id, false);
			expect(object, `${type} ${id}`).toMatchObject({ deleted: true });
			expect(Object.keys(object!).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
			expect(objectProblems(object!)).toEqual([]);
			expect(new Date(String(object!.modified)).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
		}
		const item = await oparl.object('agendaitem', world.items.publicItem.id, false);
		expect(item!.resolutionText).toBeUndefined();
		const changed = await all('meetings', `modified_since=${encodeURIComponent(before.toISOString())}`);
		expect(changed.find((m) => idOf(m) === world.meetings.second.id)).toMatchObject({ deleted: true });
		const people = await all('people');
		expect(people.find((p) => idOf(p) === world.people.chair.id)).toMatchObject({ deleted: true });
		expect(JSON.stringify(people)).not.toContain(world.people.chair.displayName);

		// Published again: live again, under the same id.
		await owner(`update public.profiles set listed_publicly = true where user_id = $1`, [world.people.chair.id]);
		expect(await oparl.object('person', world.people.chair.id, false)).toMatchObject({
			name: world.people.chair.displayName
		});
	});
});

describe('the registry as the public may read it', () => {
	it.each(testDatabases())('is written only by the sync ($name)', async (target) => {
		const db = await target.open();
		try {
			const user: TestUser = (await boardWithRoles(db, { office: 'office' })).people.office;
			for (const claims of [null, claimsFor(user)]) {
				const refused = await scopedDb(db, claims)
					.run((tx) =>
						tx.query(`insert into public.oparl_objects (object_type, object_id, created, changed_at, fingerprint)
						          values ('meeting', gen_random_uuid(), now(), now(), '')`)
					)
					.then(() => false)
					.catch(() => true);
				expect(refused).toBe(true);
			}
		} finally {
			await db.close();
		}
	});
});
