import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { scopedDb } from '$lib/server/db/scoped';
import { seedDemoData } from '$lib/server/db/seed';
import { seedDemoHistory } from '$lib/server/demo/demo-history';
import { DEMO_BOARD, NEXT_MEETING } from '$lib/server/demo/demo-people';
import { createMailer } from '$lib/server/mail/mailer';
import { createLocalStorage, type LocalStorage } from '$lib/server/storage/local';
import { createCitizensService } from '$lib/server/citizens/citizens.service';
import { createCitizensExportService } from '$lib/server/citizens/citizens-export.service';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';

// The whole demo through the citizens' pages (#14): every page, feed and file a signed-out visitor can reach,
// gathered in one text, holds nothing of the non-public item ("Personalangelegenheiten der Geschäftsstelle"),
// the restricted paper, unlisted people or e-mail addresses.

const CONFIDENTIAL = [
	'Personalangelegenheiten',
	'Referentenstelle',
	'Flächenreserve',
	'Dr. Aylin Demir',
	'Lukas Brenner',
	'Tobias Krämer'
];
const FILTERS = { q: '', year: null, kind: null, page: 1 };

describe.each(testDatabases())('the demo on the citizens’ pages on $name', (target) => {
	let db: Database;
	let dataDir: string;
	let storage: LocalStorage;
	const citizens = () => createCitizensService({ db: scopedDb(db, null) });
	const exports = () => createCitizensExportService({ db: scopedDb(db, null), storage, origin: 'http://beirat.test' });
	let everything = '';
	const fileNames: string[] = [];
	const fileIds: string[] = [];

	beforeAll(async () => {
		db = await target.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-citizens-demo-'));
		storage = await createLocalStorage({ dataDir });
		await seedDemoData(db);
		await seedDemoHistory({
			db,
			mailer: createMailer({ db, from: 'Beirat <beirat@test.example>' }),
			origin: 'http://beirat.test',
			storage
		});
		const slug = DEMO_BOARD.slug;
		const pages: unknown[] = [
			await citizens().overview(slug),
			await citizens().members(slug),
			await exports().calendar(slug, 'de'),
			await exports().feed(slug, 'de')
		];
		const { upcoming, past } = await citizens().meetings(slug);
		for (const meeting of [...upcoming, ...past]) {
			const page = await citizens().meeting(slug, meeting.id);
			pages.push(page);
			for (const item of page.agenda)
				for (const file of item.files) {
					const served = await exports().file(slug, file.id);
					fileNames.push(served.name);
					fileIds.push(file.id);
					pages.push(served.name, Buffer.from(served.bytes).toString('latin1'));
				}
		}
		const { resolutions } = await citizens().resolutions(slug, FILTERS);
		for (const resolution of resolutions) pages.push(await citizens().resolution(slug, resolution.number));
		const { papers } = await citizens().papers(slug);
		for (const paper of papers) pages.push(await citizens().paper(slug, paper.id));
		everything = JSON.stringify(pages);
	}, 180_000);
	afterAll(async () => {
		await db?.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('reads the public demo: two meetings, the next one’s public agenda, a resolution, a paper, public files', async () => {
		const meeting = await citizens().meeting(DEMO_BOARD.slug, NEXT_MEETING);
		expect(meeting.agenda.map((item) => item.number)).toEqual(['Ö 1', 'Ö 2', 'Ö 3', 'Ö 3.1', 'Ö 4', 'Ö 5']);
		expect((await citizens().resolutions(DEMO_BOARD.slug, FILTERS)).total).toBeGreaterThan(0);
		expect((await citizens().papers(DEMO_BOARD.slug)).papers).toHaveLength(1);
		expect(fileNames.length).toBeGreaterThan(0);
	});

	it('shows nothing confidential on any page, feed or file, and no e-mail address', () => {
		for (const text of CONFIDENTIAL) expect(everything, text).not.toContain(text);
		expect(everything).not.toMatch(/[\w.+-]+@beirat\.example/);
	});

	it('never serves a file of the non-public item, nor one of the library', async () => {
		const hidden = await db.ownerTransaction((tx) =>
			tx.query<{ id: string }>(
				`select f.id from public.files f left join public.agenda_items i on i.id = f.agenda_item_id
				 where f.board_id = $1 and (i.id is null or not i.is_public)`,
				[DEMO_BOARD.id]
			)
		);
		expect(hidden.length).toBeGreaterThan(0);
		for (const { id } of hidden) {
			expect(fileIds).not.toContain(id);
			expect(await refusal(exports().file(DEMO_BOARD.slug, id))).toBe('error.notFound');
		}
	});

	it('knows nothing of the working group, which is not public', async () => {
		expect(await refusal(citizens().overview('ag-fachkraefte'))).toBe('error.notFound');
	});
});
