import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '$lib/server/db/types';
import { withAnon } from '$lib/server/db/scoped';
import { seedDemoData } from '$lib/server/db/seed';
import { seedDemoHistory } from '$lib/server/demo/demo-history';
import {
	actingAs,
	DEMO_BOARD,
	DEMO_PEOPLE,
	INNOVATION_PAPER,
	NEXT_MEETING,
	PAST_MEETING
} from '$lib/server/demo/demo-people';
import { seedDemoPublication } from '$lib/server/demo/demo-publication';
import { offlineHub } from '$lib/server/demo/demo-hub';
import { createPublicationService } from '$lib/server/publication/publication.service';
import { createMailer } from '$lib/server/mail/mailer';
import { createLocalStorage } from '$lib/server/storage/local';
import { testDatabases } from '../support/databases';

// The demo as a signed-out visitor reads it (#14): everything anon can select, table by table, holds the
// public subset only — no non-public item ("Personalangelegenheiten …"), no unlisted person, no e-mail.

const SECRET_ITEM = '00000000-0000-4000-8000-0000000a0206';
const RESTRICTED_PAPER = '00000000-0000-4000-8000-000000000a02';

/** Every column anon may read, per table (the migration's column grants). */
const PUBLIC_COLUMNS: Record<string, string> = {
	boards: 'id, slug, name, is_public, created_at',
	profiles: 'user_id, display_name, organisation, "function"',
	memberships: 'id, board_id, user_id, role, organisation, "function", active, joined_at',
	meetings:
		'id, board_id, title, description, starts_at, ends_at, location, status, agenda_published_at, created_at, updated_at',
	agenda_items:
		'id, meeting_id, position, is_sub_item, title, description, kind, is_public, presenter_text, planned_minutes, changed_at, created_at, updated_at',
	decision_entries:
		'id, board_id, number, year, number_in_year, revision, change, title, resolution, meeting_id, agenda_item_id, kind, vote_result, status, superseded_by, supersedes, paper_ids, is_public, recorded_at',
	decision_publications: 'board_id, number, published_at',
	papers: 'id, board_id, title, status, tags, created_at, updated_at, published_at, published_version_id',
	paper_versions: 'id, paper_id, number, name, created_at',
	files: 'id, board_id, agenda_item_id, name, current_version, created_at, updated_at',
	file_versions: 'file_id, version, object_name, name, size, content_type, sha256, created_at'
};

describe.each(testDatabases())('the demo as the public sees it on $name', (target) => {
	let db: Database;
	let dataDir: string;
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));
	const anon = <T>(fn: (tx: Tx) => Promise<T>) => withAnon(db, fn);
	const everything: Record<string, Record<string, unknown>[]> = {};

	beforeAll(async () => {
		db = await target.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-publication-'));
		await seedDemoData(db);
		await seedDemoHistory({
			db,
			mailer: createMailer({ db, from: 'Beirat <beirat@test.example>' }),
			origin: 'http://beirat.test',
			storage: await createLocalStorage({ dataDir })
		});
		for (const [table, columns] of Object.entries(PUBLIC_COLUMNS))
			everything[table] = await anon((tx) => tx.query(`select ${columns} from public.${table}`));
	}, 180_000);
	afterAll(async () => {
		await db?.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('shows the demo board and both meetings with a published agenda', () => {
		expect(everything.boards!.map((b) => b.slug)).toEqual([DEMO_BOARD.slug]);
		expect(everything.meetings!.map((m) => m.id).sort()).toEqual([PAST_MEETING, NEXT_MEETING].sort());
	});

	it('never shows the non-public item, its files or its words anywhere', async () => {
		const [secret] = await owner<{ title: string }>(`select title from public.agenda_items where id = $1`, [
			SECRET_ITEM
		]);
		expect(secret?.title).toMatch(/^Personalangelegenheiten/);
		const secretFiles = await owner(`select 1 from public.files where agenda_item_id = $1`, [SECRET_ITEM]);
		expect(secretFiles.length).toBeGreaterThan(0);
		const text = JSON.stringify(everything);
		expect(text).not.toContain(SECRET_ITEM);
		expect(text).not.toContain('Personalangelegenheiten');
		expect(text).not.toContain('Referentenstelle');
		expect(everything.agenda_items!.every((item) => item.is_public === true)).toBe(true);
		const publicItems = await owner<{ n: number }>(
			`select count(*)::int as n from public.agenda_items where is_public and meeting_id = any($1)`,
			[[PAST_MEETING, NEXT_MEETING]]
		);
		expect(everything.agenda_items).toHaveLength(publicItems[0]!.n);
	});

	it('lists exactly the members who agreed, with names and roles and no e-mail address', () => {
		const names = everything.profiles!.map((p) => p.display_name).sort();
		expect(names).toEqual(['Dr. Helena Vossberg', 'Jonas Albers', 'Petra Schulte-Holtkamp', 'Sabine Wolter']);
		const text = JSON.stringify(everything);
		for (const hidden of ['Dr. Aylin Demir', 'Lukas Brenner', 'Tobias Krämer']) expect(text).not.toContain(hidden);
		expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
		expect(everything.memberships!.map((m) => m.role).sort()).toEqual(['advisor', 'chair', 'member', 'office']);
	});

	it('publishes at least one adopted public decision, its newest revision only', async () => {
		const decisions = everything.decision_entries!;
		expect(decisions.length).toBeGreaterThan(0);
		for (const decision of decisions) {
			expect(decision.is_public).toBe(true);
			expect(['adopted', 'implemented']).toContain(decision.status);
			const [newest] = await owner<{ revision: number }>(
				`select max(revision) as revision from public.decision_entries where board_id = $1 and number = $2`,
				[DEMO_BOARD.id, decision.number]
			);
			expect(decision.revision).toBe(newest!.revision);
		}
		expect(everything.decision_publications!.map((p) => p.number).sort()).toEqual(
			decisions.map((d) => d.number).sort()
		);
		const all = await owner<{ n: number }>(
			`select count(distinct number)::int as n from public.decision_entries where board_id = $1`,
			[DEMO_BOARD.id]
		);
		expect(all[0]!.n).toBeGreaterThan(decisions.length);
	});

	it('publishes the innovation paper with a frozen version, never the restricted one', () => {
		expect(everything.papers!.map((p) => p.id)).toEqual([INNOVATION_PAPER]);
		expect(everything.paper_versions!.map((v) => v.id)).toEqual([everything.papers![0]!.published_version_id]);
		expect(JSON.stringify(everything)).not.toContain(RESTRICTED_PAPER);
	});

	it('shows only files of public items of public meetings, never the library', async () => {
		const files = everything.files!;
		expect(files.length).toBeGreaterThan(0);
		const items = new Set(everything.agenda_items!.map((item) => item.id));
		for (const file of files) expect(items.has(file.agenda_item_id)).toBe(true);
		const library = await owner(`select 1 from public.files where board_id = $1 and agenda_item_id is null`, [
			DEMO_BOARD.id
		]);
		expect(library.length).toBeGreaterThan(0);
		expect(new Set(everything.file_versions!.map((v) => v.file_id))).toEqual(new Set(files.map((f) => f.id)));
	});

	// Last: it changes the demo.
	it('publishes nothing again on a restart after the office withdrew it', async () => {
		const by = actingAs(db, DEMO_PEOPLE.office);
		const office = createPublicationService({
			db: by.db,
			hub: offlineHub(db),
			actor: { userId: by.actor.userId, isAdmin: false },
			locale: 'de'
		});
		for (const decision of everything.decision_entries!)
			await office.setDecisionPublic(by.board, String(decision.number), false);
		await office.setPaperPublished(by.board, { paperId: INNOVATION_PAPER, publish: false });
		await seedDemoPublication({ db, hub: offlineHub(db) });
		expect(await anon((tx) => tx.query(`select number from public.decision_entries`))).toEqual([]);
		expect(await anon((tx) => tx.query(`select id from public.papers`))).toEqual([]);
	});

	it('shows nothing of the working group, which is not public', async () => {
		const [group] = await owner<{ id: string }>(`select id from public.boards where slug = 'ag-fachkraefte'`);
		expect(JSON.stringify(everything)).not.toContain(group!.id);
	});
});
