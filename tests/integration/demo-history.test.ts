import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Database } from '$lib/server/db/types';
import { withSystem } from '$lib/server/db/scoped';
import { seedDemoData } from '$lib/server/db/seed';
import { seedDemoHistory } from '$lib/server/demo/demo-history';
import { actingAs, DEMO_BOARD, DEMO_PEOPLE } from '$lib/server/demo/demo-people';
import { createMailer } from '$lib/server/mail/mailer';
import { createLocalStorage, type LocalStorage } from '$lib/server/storage/local';
import { loadState } from '$lib/server/collab/persistence';
import { paperTextReader } from '$lib/server/boardbook/paper-text';
import { chainEntries } from '$lib/server/decisions/decision.repository';
import { verifyChain } from '$lib/server/decisions/decision-verify';
import { createBoardBookService } from '$lib/server/boardbook/boardbook.service';
import { BUCKET } from '$lib/server/files/file.repository';
import { testDatabases } from '../support/databases';

const PAST = '00000000-0000-4000-8000-0000000000c1';
const NEXT = '00000000-0000-4000-8000-0000000000c2';
const GUEST = {
	userId: '00000000-0000-4000-8000-000000000007',
	email: 'guest@beirat.example',
	displayName: 'Lukas Brenner',
	role: 'guest' as const
};

describe.each(testDatabases())('demo history on $name', (target) => {
	let db: Database;
	let dataDir: string;
	let storage: LocalStorage;
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));
	const seed = () =>
		seedDemoHistory({
			db,
			mailer: createMailer({ db, from: 'Beirat <beirat@test.example>' }),
			origin: 'http://beirat.test',
			storage
		});
	const text = (paperId: string) =>
		paperTextReader({ getState: async (id) => (await loadState(db, id)).update })(paperId);

	beforeAll(async () => {
		db = await target.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-demo-'));
		storage = await createLocalStorage({ dataDir });
		await seedDemoData(db);
		await seed();
	}, 120_000);
	afterAll(async () => {
		await db.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('fills both strategy papers with text, a named version and comments', async () => {
		expect(await text('00000000-0000-4000-8000-000000000a01')).toContain(
			'Das Gründungsstipendium Hamm fördert ab 2027'
		);
		expect(await text('00000000-0000-4000-8000-000000000a03')).toContain('150 zusätzliche Ausbildungsplätze bis 2028');
		const versions = await owner<{ paper_id: string }>(
			`select paper_id from public.paper_versions where kind = 'named'`
		);
		expect(new Set(versions.map((v) => v.paper_id)).size).toBe(2);
		const [comments] = await owner<{ n: number }>(`select count(*)::int as n from public.comments`);
		expect(comments!.n).toBeGreaterThanOrEqual(4);
	});

	it('has the past meeting’s minutes approved with their hash, and a decision log whose chain verifies', async () => {
		const [minutes] = await owner<{ status: string; final_sha256: string | null }>(
			`select status::text, final_sha256 from public.minutes where meeting_id = $1`,
			[PAST]
		);
		expect(minutes!.status).toBe('approved');
		expect(minutes!.final_sha256).toMatch(/^[0-9a-f]{64}$/);
		const entries = await withSystem(db, 'decision-verify', (tx) => chainEntries(tx, DEMO_BOARD.id));
		expect(entries.map((e) => e.source).sort()).toEqual(expect.arrayContaining(['meeting', 'minutes']));
		expect(verifyChain(entries)).toMatchObject({ ok: true });
		const [vote] = await owner<{ n: number }>(
			`select count(*)::int as n from public.votes where meeting_id = $1 and kind = 'meeting'`,
			[PAST]
		);
		expect(vote!.n).toBe(1);
	});

	it('has one open circular resolution, one open date poll, an overdue task, files on agenda items and notifications', async () => {
		const [circular] = await owner<{ n: number }>(
			`select count(*)::int as n from public.votes where board_id = $1 and kind = 'circular' and status = 'open'`,
			[DEMO_BOARD.id]
		);
		expect(circular!.n).toBe(1);
		const [poll] = await owner<{ n: number }>(
			`select count(*)::int as n from public.polls where board_id = $1 and status = 'open' and deadline > now()`,
			[DEMO_BOARD.id]
		);
		expect(poll!.n).toBe(1);
		const [overdue] = await owner<{ n: number }>(
			`select count(*)::int as n from public.tasks where board_id = $1 and status in ('open', 'in_progress') and due_date < current_date`,
			[DEMO_BOARD.id]
		);
		expect(overdue!.n).toBe(1);
		const [onItems] = await owner<{ n: number }>(
			`select count(*)::int as n from public.files where board_id = $1 and agenda_item_id is not null`,
			[DEMO_BOARD.id]
		);
		expect(onItems!.n).toBeGreaterThanOrEqual(2);
		const [told] = await owner<{ n: number }>(
			`select count(*)::int as n from public.notifications where user_id = $1`,
			[DEMO_PEOPLE.member.userId]
		);
		expect(told!.n).toBeGreaterThan(0);
	});

	it('gives the guest a board book of the next meeting with the public item’s file and without the non-public one', async () => {
		const guest = actingAs(db, GUEST);
		const book = await createBoardBookService({
			db: guest.db,
			readerName: GUEST.displayName,
			paperText: text,
			readFile: (name) => storage.read(BUCKET, name)
		}).render({ boardId: DEMO_BOARD.id, meetingId: NEXT }, 'de');
		const { text: pages } = await extractText(await getDocumentProxy(new Uint8Array(book.body)), { mergePages: true });
		expect(pages).toContain('64 Gründungsteams');
		expect(pages).toContain('Das Gründungsstipendium Hamm fördert ab 2027');
		expect(pages).not.toContain('Entgeltgruppe');
	});

	it('seeds nothing twice when the app starts again', async () => {
		const count = async () =>
			owner<{ n: string }>(
				`select (select count(*) from public.collab_updates) + (select count(*) from public.comments) + (select count(*) from public.decision_entries)
				 + (select count(*) from public.votes) + (select count(*) from public.polls) + (select count(*) from public.tasks) + (select count(*) from public.files) as n`
			);
		const before = await count();
		await seed();
		expect(await count()).toEqual(before);
	});
});
