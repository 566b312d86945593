import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { scopedDb, withAnon, withUser } from '$lib/server/db/scoped';
import { offlineHub } from '$lib/server/demo/demo-hub';
import { createPublicationService } from '$lib/server/publication/publication.service';
import { createCitizensService } from '$lib/server/citizens/citizens.service';
import { createCitizensExportService } from '$lib/server/citizens/citizens-export.service';
import { createFileService } from '$lib/server/files/file.service';
import { createLocalStorage, type LocalStorage } from '$lib/server/storage/local';
import { planAgenda } from '$lib/server/agenda/agenda-plan';
import { listItems } from '$lib/server/agenda/agenda.repository';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';
import { boardWithRoles } from '../factories/board-with-roles';
import { claimsFor, type TestUser } from '../factories';
import { createItem, createMeeting } from '../factories/agenda';
import { recordDecision } from '../factories/decisions';
import { createPaper } from '../factories/papers';
import { boardAs } from '../factories/meetings';
import { pdfBytes, pngBytes } from '../factories/files';
import type { ResolutionFilters } from '$lib/types/citizens.types';

// The citizens' pages (#14) read as `anon`: a public board next to everything on it that must stay internal,
// and a board that is not public. What the services return must hold the public subset only.

const FILTERS: ResolutionFilters = { q: '', year: null, kind: null, page: 1 };

describe.each(testDatabases())('citizens’ pages (#14) on $name', (target) => {
	let db: Database;
	let dataDir: string;
	let storage: LocalStorage;
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));
	const citizens = () => createCitizensService({ db: scopedDb(db, null) });
	const exports = () => createCitizensExportService({ db: scopedDb(db, null), storage, origin: 'https://beirat.test' });
	let world: Awaited<ReturnType<typeof build>>;

	async function build() {
		const { board, other, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			member: 'member',
			quiet: 'member',
			guest: 'guest',
			elsewhere: { role: 'office', otherBoard: true }
		});
		const publication = (user: TestUser) =>
			createPublicationService({
				db: scopedDb(db, claimsFor(user)),
				hub: offlineHub(db),
				actor: { userId: user.id, isAdmin: false },
				locale: 'de'
			});
		const files = createFileService({
			db: scopedDb(db, claimsFor(people.office)),
			storage,
			actor: { userId: people.office.id }
		});
		const startsAt = new Date(Date.now() + 7 * 86_400_000);
		const open = await createMeeting(db, { board, published: true, title: 'Öffentliche Sitzung', startsAt });
		const draft = await createMeeting(db, { board, published: false, title: 'Entwurf einer Sitzung' });
		const elsewhere = await createMeeting(db, { board: other, published: true, title: 'Sitzung der AG' });
		// The office's order mixes the parts; the plan puts the public part first.
		const first = await createItem(db, { meeting: open, title: 'Bericht der Geschäftsstelle', minutes: 20 });
		const secret = await createItem(db, {
			meeting: open,
			title: 'Personalangelegenheiten der Geschäftsstelle',
			isPublic: false,
			minutes: 40
		});
		const sub = await createItem(db, { meeting: open, title: 'Haushalt 2030', isSubItem: true, minutes: 15 });
		const second = await createItem(db, { meeting: open, title: 'Innovationsfonds', minutes: 30 });
		await createItem(db, { meeting: draft, title: 'Punkt im Entwurf' });
		await createItem(db, { meeting: elsewhere, title: 'Punkt der AG' });
		const officeCtx = await boardAs(db, people.office, board);
		const publicFile = await files.upload(officeCtx, {
			fileName: 'Haushalt.pdf',
			bytes: await pdfBytes('Haushalt'),
			agendaItemId: sub.id
		});
		const secretFile = await files.upload(officeCtx, {
			fileName: 'Bewerbungen.pdf',
			bytes: await pdfBytes('vertraulich'),
			agendaItemId: secret.id
		});
		const libraryFile = await files.upload(officeCtx, { fileName: 'Bibliothek.png', bytes: pngBytes() });
		const adopted = await recordDecision(db, {
			board,
			by: people.office,
			meetingId: open.id,
			agendaItemId: second.id,
			title: 'Innovationsfonds auflegen',
			resolution: 'Der Beirat empfiehlt einen Innovationsfonds.',
			kind: 'recommendation'
		});
		const unpublished = await recordDecision(db, { board, by: people.office, title: 'Nicht veröffentlicht' });
		const nonPublic = await recordDecision(db, { board, by: people.office, isPublic: false, title: 'Vertraulich' });
		const paper = await createPaper(db, { board, author: people.office, title: 'Strategiepapier 2030' });
		const internal = await createPaper(db, { board, author: people.office, title: 'Internes Papier' });
		await owner(`update public.profiles set listed_publicly = true where user_id = any($1)`, [
			[people.office.id, people.chair.id, people.guest.id, people.elsewhere.id]
		]);
		const office = publication(people.office);
		await office.setBoardPublic(officeCtx, true);
		await office.setDecisionPublic(officeCtx, adopted.number, true);
		await office.setPaperPublished(officeCtx, { paperId: paper.id, publish: true });
		return {
			board,
			other,
			people,
			office,
			officeCtx,
			meetings: { open, draft, elsewhere },
			items: { first, secret, sub, second },
			files: { publicFile, secretFile, libraryFile },
			decisions: { adopted, unpublished, nonPublic },
			papers: { paper, internal }
		};
	}

	beforeAll(async () => {
		db = await target.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-citizens-'));
		storage = await createLocalStorage({ dataDir });
		world = await build();
	}, 120_000);
	afterAll(async () => {
		await db?.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('shows the public board with its published meeting only', async () => {
		const overview = await citizens().overview(world.board.slug);
		expect(overview.board.id).toBe(world.board.id);
		expect(overview.upcoming.map((m) => m.title)).toEqual(['Öffentliche Sitzung']);
		const { upcoming, past } = await citizens().meetings(world.board.slug);
		expect([...upcoming, ...past].map((m) => m.id)).toEqual([world.meetings.open.id]);
		expect(await refusal(citizens().meeting(world.board.slug, world.meetings.draft.id))).toBe('error.notFound');
		expect(await refusal(citizens().meeting(world.board.slug, world.meetings.elsewhere.id))).toBe('error.notFound');
	});

	it('numbers and times the public agenda as members read its public part, without the non-public item', async () => {
		const { agenda, resolutions } = await citizens().meeting(world.board.slug, world.meetings.open.id);
		expect(agenda.map((item) => [item.number, item.title])).toEqual([
			['Ö 1', 'Bericht der Geschäftsstelle'],
			['Ö 1.1', 'Haushalt 2030'],
			['Ö 2', 'Innovationsfonds']
		]);
		const full = await withUser(db, claimsFor(world.people.member), async (tx) =>
			planAgenda(await listItems(tx, world.meetings.open.id), world.meetings.open.startsAt)
		);
		expect(full.map((item) => item.number)).toEqual(['Ö 1', 'Ö 1.1', 'Ö 2', 'N 1']);
		for (const item of agenda) {
			const same = full.find((f) => f.id === item.id)!;
			expect([item.number, item.startsAt.getTime()]).toEqual([same.number, same.startsAt.getTime()]);
		}
		expect(agenda[1]!.files.map((f) => f.name)).toEqual(['Haushalt.pdf']);
		expect(resolutions.map((r) => r.number)).toEqual([world.decisions.adopted.number]);
		expect(JSON.stringify({ agenda, resolutions })).not.toMatch(/Personalangelegenheiten|Bewerbungen/);
	});

	it('lists exactly the members who agreed, never a guest, another board’s person or an e-mail', async () => {
		const { members } = await citizens().members(world.board.slug);
		expect(members.map((m) => m.userId).sort()).toEqual([world.people.office.id, world.people.chair.id].sort());
		expect(members.map((m) => m.role)).toEqual(['chair', 'office']);
		expect(JSON.stringify(members)).not.toMatch(/@/);
	});

	it('shows published resolutions only, and searches and filters them', async () => {
		const all = await citizens().resolutions(world.board.slug, FILTERS);
		expect(all.resolutions.map((r) => r.title)).toEqual(['Innovationsfonds auflegen']);
		expect(all.total).toBe(1);
		const [resolution] = all.resolutions;
		expect(resolution!.voteResult).toEqual({ yes: 5, no: 1, abstain: 0 });
		expect(resolution!.meeting).toEqual({ id: world.meetings.open.id, title: 'Öffentliche Sitzung' });
		expect(new Date(resolution!.decidedAt).getTime()).toBe(world.meetings.open.startsAt.getTime());
		const year = Number(resolution!.number.slice(0, 4));
		const count = async (filters: Partial<ResolutionFilters>) =>
			(await citizens().resolutions(world.board.slug, { ...FILTERS, ...filters })).total;
		expect(await count({ q: 'innovationsfonds' })).toBe(1);
		expect(await count({ q: 'empfiehlt' })).toBe(1);
		expect(await count({ q: resolution!.number })).toBe(1);
		expect(await count({ q: 'Nicht veröffentlicht' })).toBe(0);
		expect(await count({ q: '%' })).toBe(0);
		expect(await count({ year })).toBe(1);
		expect(await count({ year: year - 1 })).toBe(0);
		expect(await count({ kind: 'recommendation' })).toBe(1);
		expect(await count({ kind: 'resolution' })).toBe(0);
		expect(all.years).toEqual([year]);
		const found = await citizens().resolution(world.board.slug, world.decisions.adopted.number);
		expect(found.resolution.resolution).toBe('Der Beirat empfiehlt einen Innovationsfonds.');
		for (const hidden of [world.decisions.unpublished.number, world.decisions.nonPublic.number])
			expect(await refusal(citizens().resolution(world.board.slug, hidden))).toBe('error.notFound');
	});

	it('renders the published paper’s frozen version and its PDF, never an unpublished paper', async () => {
		const { papers } = await citizens().papers(world.board.slug);
		expect(papers.map((p) => p.title)).toEqual(['Strategiepapier 2030']);
		const { paper, html } = await citizens().paper(world.board.slug, world.papers.paper.id);
		expect(paper.versionNumber).not.toBeNull();
		expect(typeof html).toBe('string');
		const pdf = await exports().paperPdf(world.board.slug, world.papers.paper.id);
		expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.disposition).toMatch(/^attachment; filename="Strategiepapier-2030\.pdf"/);
		expect(await refusal(citizens().paper(world.board.slug, world.papers.internal.id))).toBe('error.notFound');
		expect(await refusal(exports().paperPdf(world.board.slug, world.papers.internal.id))).toBe('error.notFound');
	});

	it('serves the bytes of public files only: not a non-public item’s, not the library’s', async () => {
		const file = await exports().file(world.board.slug, world.files.publicFile.id);
		expect(file).toMatchObject({ name: 'Haushalt.pdf', contentType: 'application/pdf' });
		expect(Buffer.from(file.bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		for (const id of [world.files.secretFile.id, world.files.libraryFile.id])
			expect(await refusal(exports().file(world.board.slug, id))).toBe('error.notFound');
		// Storage's own policy says the same, object by object.
		const objects = await withAnon(db, (tx) =>
			tx.query<{ name: string }>(`select name from storage.objects where bucket_id = 'board-files'`)
		);
		expect(objects).toHaveLength(1);
		expect(objects[0]!.name.startsWith(`${world.board.id}/${world.files.publicFile.id}/`)).toBe(true);
	});

	it('reads an older version of a public file no more once it is replaced', async () => {
		const files = createFileService({
			db: scopedDb(db, claimsFor(world.people.office)),
			storage,
			actor: { userId: world.people.office.id }
		});
		const { id } = await files.upload(world.officeCtx, {
			fileName: 'Plan.pdf',
			bytes: await pdfBytes('eins'),
			agendaItemId: world.items.first.id
		});
		await files.replace(world.officeCtx, id, { fileName: 'Plan.pdf', bytes: await pdfBytes('zwei') });
		const names = await owner<{ object_name: string; version: number }>(
			`select object_name, version from public.file_versions where file_id = $1 order by version`,
			[id]
		);
		expect(await storage.readPublic(scopedDb(db, null), 'board-files', names[0]!.object_name)).toBeNull();
		const current = await exports().file(world.board.slug, id);
		expect(Buffer.from(current.bytes)).toEqual(
			Buffer.from(await fs.readFile(storage.pathOf('board-files', names[1]!.object_name)))
		);
	});

	it('puts public items only in the calendar and published resolutions in the feed', async () => {
		const ics = await exports().calendar(world.board.slug, 'de');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		const unfolded = ics.replace(/\r\n[ \t]/g, '');
		expect(unfolded).toContain('Ö 1.1');
		expect(unfolded).toContain('Haushalt 2030');
		expect(unfolded).not.toMatch(/Personalangelegenheiten|N 1|Entwurf/);
		expect(unfolded).toContain(`https://beirat.test/p/${world.board.slug}/meetings/${world.meetings.open.id}`);
		const atom = await exports().feed(world.board.slug, 'en');
		expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
		expect(atom.match(/<entry>/g)).toHaveLength(1);
		expect(atom).toContain(`${world.decisions.adopted.number}: Innovationsfonds auflegen`);
		expect(atom).not.toMatch(/Nicht veröffentlicht|Vertraulich/);
	});

	it('knows nothing of a board that is not public', async () => {
		const slug = world.other.slug;
		expect(await refusal(citizens().overview(slug))).toBe('error.notFound');
		expect(await refusal(citizens().members(slug))).toBe('error.notFound');
		expect(await refusal(citizens().meetings(slug))).toBe('error.notFound');
		expect(await refusal(citizens().resolutions(slug, FILTERS))).toBe('error.notFound');
		expect(await refusal(citizens().papers(slug))).toBe('error.notFound');
		expect(await refusal(exports().calendar(slug, 'de'))).toBe('error.notFound');
		expect(await refusal(exports().feed(slug, 'de'))).toBe('error.notFound');
		expect(await refusal(citizens().overview('gibt-es-nicht'))).toBe('error.notFound');
	});

	// Last: they change the world.
	it('forgets a withdrawn resolution and paper at once', async () => {
		await world.office.setDecisionPublic(world.officeCtx, world.decisions.adopted.number, false);
		await world.office.setPaperPublished(world.officeCtx, { paperId: world.papers.paper.id, publish: false });
		expect((await citizens().resolutions(world.board.slug, FILTERS)).resolutions).toEqual([]);
		expect(await refusal(citizens().resolution(world.board.slug, world.decisions.adopted.number))).toBe(
			'error.notFound'
		);
		expect((await citizens().papers(world.board.slug)).papers).toEqual([]);
		expect(await refusal(exports().paperPdf(world.board.slug, world.papers.paper.id))).toBe('error.notFound');
		expect((await citizens().meeting(world.board.slug, world.meetings.open.id)).resolutions).toEqual([]);
		expect(await exports().feed(world.board.slug, 'de')).not.toContain('<entry>');
	});

	it('closes everything when the office switches the board off', async () => {
		await world.office.setBoardPublic(world.officeCtx, false);
		expect(await refusal(citizens().overview(world.board.slug))).toBe('error.notFound');
		expect(await refusal(exports().file(world.board.slug, world.files.publicFile.id))).toBe('error.notFound');
		const objects = await withAnon(db, (tx) => tx.query(`select name from storage.objects`));
		expect(objects).toEqual([]);
	});
});
