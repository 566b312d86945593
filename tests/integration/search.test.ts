import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import type { Database } from '$lib/server/db/types';
import { withAnon, withSystem, withUser } from '$lib/server/db/scoped';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { documentSchema, updateTowards } from '$lib/server/documents/paper-document';
import { searchService } from '$lib/server/services';
import { SNIPPET_HEAD_CHARS, search } from '$lib/server/search/search.repository';
import { attachPaperTextIndexer, backfillPaperTexts, type PaperTextIndexer } from '$lib/server/search/paper-text-index';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, inviteGuest } from '../factories/agenda';
import { createPaper, paragraphs, seedDocument } from '../factories/comments';
import { recordDecision } from '../factories/decisions';
import { appendRevision, findEntries } from '$lib/server/decisions/decision.repository';
import { createComment, makeMinutes, marked, searchAs } from '../factories/search';
import { appOf, signedOut } from '../support/app-context';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';

describe.each(testDatabases())('search on $name', (target) => {
	let db: Database;
	let hub: ReturnType<typeof createCollabServer>;
	let indexer: PaperTextIndexer;
	let board: TestBoard;
	let office: TestUser, member: TestUser, guest: TestUser, outsider: TestUser;
	let meeting: Awaited<ReturnType<typeof createMeeting>>;
	let publicItem: { id: string }, secretItem: { id: string };

	/** A board paper whose document holds `text`, indexed through the hub's events like in production. */
	async function paperWith(title: string, doc: JSONContent) {
		const paper = await createPaper(db, { board, author: office, title });
		await seedDocument(hub, { paperId: paper.id, author: office, doc });
		await indexer.flush();
		return paper;
	}
	const find = (user: TestUser, q: string, extra: { kinds?: never[] | string[]; from?: string; to?: string } = {}) =>
		searchAs(db, { user, board, q, ...(extra as object) });

	beforeAll(async () => {
		db = await target.open();
		const events = createHubEvents();
		hub = createCollabServer({ db, events });
		indexer = attachPaperTextIndexer({ db, hub: { on: events.on }, debounceMs: 10 });
		({
			board,
			people: { office, member }
		} = await boardWithRoles(db, { office: 'office', member: 'member' }));
		outsider = await addMember(db, { board: await createBoard(db), role: 'member' });
		meeting = await createMeeting(db, {
			board,
			title: 'Frühjahrssitzung',
			startsAt: new Date('2026-03-10T16:00:00Z'),
			published: true
		});
		publicItem = await createItem(db, {
			meeting,
			title: 'Logistik am Hafen',
			description: 'Ausbau der Umschlagflächen',
			isPublic: true
		});
		secretItem = await createItem(db, {
			meeting,
			title: 'Grundstücksangelegenheit',
			description: 'Kaufpreis für das Grundstück am Bahnhof',
			isPublic: false
		});
		guest = await inviteGuest(db, { meeting });
	});
	afterAll(async () => {
		indexer.close();
		await hub.close();
		await db.close();
	});

	it('finds a paper by an inflected word (German stemming) and highlights the hit', async () => {
		const paper = await paperWith(
			'Wirtschaftsförderung 2030',
			paragraphs('Die Gründung neuer Unternehmen in der Innenstadt stärken.')
		);
		const results = await find(member, 'Gründungen');
		expect(results.map((r) => r.id)).toEqual([paper.id]);
		expect(results[0]).toMatchObject({ kind: 'paper', href: `/b/${board.slug}/papers/${paper.id}` });
		expect(marked(results[0]!.snippet)).toContain('[Gründung] neuer Unternehmen in der Innenstadt');
	});

	it('ranks a title hit above a body-only hit', async () => {
		const body = await paperWith('Arbeitsmarkt', paragraphs('Wir brauchen Fachkräfte in der Region.'));
		const title = await paperWith('Fachkräfte sichern', paragraphs('Ausbildung im Handwerk.'));
		const results = await find(member, 'Fachkraft');
		expect(results.map((r) => r.id)).toEqual([title.id, body.id]);
		expect(results[0]!.rank).toBeGreaterThan(results[1]!.rank);
		expect(marked(results[0]!.title)).toBe('[Fachkräfte] sichern');
	});

	it('searches meetings, agenda items, decisions, comments and minutes, each with its address', async () => {
		const decision = await recordDecision(db, {
			board,
			by: office,
			title: 'Mobilitätskonzept',
			resolution: 'Der Beirat empfiehlt Radwege.'
		});
		const paper = await createPaper(db, { board, author: office, title: 'Entwurf Radverkehr' });
		const comment = await createComment(db, {
			paperId: paper.id,
			author: member,
			body: 'Bitte die Radwege am Kanal ergänzen.'
		});
		const minutes = await paperWith('Protokoll Frühjahrssitzung', paragraphs('TOP 1: Radwege wurden beraten.'));
		await makeMinutes(db, { boardId: board.id, meetingId: meeting.id, paperId: minutes.id });
		const byKind = new Map((await find(member, 'Radweg')).map((r) => [r.kind, r]));
		expect(byKind.get('decision')).toMatchObject({
			id: decision.id,
			href: `/b/${board.slug}/decisions/${decision.number.replace('/', '-')}`
		});
		expect(byKind.get('comment')).toMatchObject({
			id: comment.id,
			href: `/b/${board.slug}/papers/${paper.id}/comments`
		});
		expect(byKind.get('minutes')).toMatchObject({
			id: minutes.id,
			href: `/b/${board.slug}/meetings/${meeting.id}/minutes`
		});
		const items = await find(member, 'Umschlagfläche');
		expect(items[0]).toMatchObject({
			kind: 'agenda_item',
			id: publicItem.id,
			href: `/b/${board.slug}/meetings/${meeting.id}#agenda-item-${publicItem.id}`,
			context: 'Frühjahrssitzung'
		});
		expect((await find(member, 'Frühjahrssitzung')).map((r) => r.kind)).toContain('meeting');
	});

	it('shows only the newest revision of a decision', async () => {
		const first = await recordDecision(db, {
			board,
			by: office,
			title: 'Breitband',
			resolution: 'Glasfaser für Gewerbegebiete.'
		});
		const amended = await withUser(db, claimsFor(office), async (tx) => {
			const [entry] = await findEntries(tx, board.id, first.number);
			return appendRevision(tx, entry!, {
				change: 'amended',
				resolution: 'Glasfaser für alle Gewerbegebiete und Schulen.'
			});
		});
		const hits = (await find(member, 'Glasfaser')).filter((r) => r.kind === 'decision');
		expect(hits.map((r) => r.id)).toEqual([amended.id]);
		expect(marked(hits[0]!.snippet)).toContain('Schulen');
	});

	it('filters by kind and by date range', async () => {
		await recordDecision(db, { board, by: office, title: 'Hafenlogistik', resolution: 'Logistik am Hafen stärken.' });
		const all = await find(member, 'Logistik');
		expect(new Set(all.map((r) => r.kind))).toEqual(new Set(['agenda_item', 'decision']));
		expect((await find(member, 'Logistik', { kinds: ['decision'] })).map((r) => r.kind)).toEqual(['decision']);
		const march = await find(member, 'Logistik', { from: '2026-03-01', to: '2026-03-31' });
		expect(march.map((r) => r.id)).toEqual([publicItem.id]);
		expect(await find(member, 'Logistik', { from: '2026-03-11', to: '2026-03-31' })).toEqual([]);
	});

	it('respects RLS: a guest finds public items of their meeting only', async () => {
		expect((await find(member, 'Grundstück')).map((r) => r.id)).toContain(secretItem.id);
		expect(await find(guest, 'Grundstück')).toEqual([]);
		expect(await find(guest, 'Kaufpreis Bahnhof')).toEqual([]);
		expect((await find(guest, 'Umschlagflächen')).map((r) => r.id)).toEqual([publicItem.id]);
		// Papers not shared with the guest by name stay invisible, too.
		expect(await find(guest, 'Gründung')).toEqual([]);
	});

	it('finds a restricted paper only for its author, the office and the people it is shared with', async () => {
		const author = await addMember(db, { board, role: 'member' });
		const paper = await createPaper(db, {
			board,
			author,
			title: 'Standortgutachten Nordhafen',
			visibility: 'restricted',
			access: [{ user: guest, access: 'view' }]
		});
		const ids = async (user: TestUser) => (await find(user, 'Standortgutachten')).map((r) => r.id);
		expect(await ids(author)).toEqual([paper.id]);
		expect(await ids(office)).toEqual([paper.id]);
		expect(await ids(guest)).toEqual([paper.id]);
		expect(await ids(member)).toEqual([]);
		await db.ownerTransaction((tx) =>
			tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, 'comment')`, [
				paper.id,
				member.id
			])
		);
		expect(await ids(member)).toEqual([paper.id]);
	});

	it('search_hits, called directly, returns only rows the caller may read', async () => {
		const hits = (user: TestUser, q: string) =>
			withUser(db, claimsFor(user), (tx) =>
				tx.query<{ id: string }>(`select id from public.search_hits($1, $2, '{}', null, null, 50)`, [board.id, q])
			);
		expect((await hits(member, 'Kaufpreis')).map((r) => r.id)).toEqual([secretItem.id]);
		expect(await hits(guest, 'Kaufpreis')).toEqual([]);
		expect(await hits(outsider, 'Umschlagfläche')).toEqual([]);
		expect((await hits(guest, 'Umschlagfläche')).map((r) => r.id)).toEqual([publicItem.id]);
	});

	it('finds files by name and extracted text, with their address', async () => {
		const [file] = await db.ownerTransaction((tx) =>
			tx.query<{ id: string }>(
				`insert into public.files (board_id, name, search_text, created_by) values ($1, 'Gutachten-Hafen.pdf', 'Potenzialanalyse für Binnenschifffahrt', $2) returning id`,
				[board.id, office.id]
			)
		);
		const results = await find(member, 'Binnenschifffahrt');
		expect(results).toMatchObject([{ kind: 'file', id: file!.id, href: `/b/${board.slug}/files/${file!.id}` }]);
		expect(marked(results[0]!.snippet)).toContain('[Binnenschifffahrt]');
		expect(await find(member, 'Binnenschifffahrt', { kinds: ['paper'] })).toEqual([]);
	});

	it('refuses a member of another board, and their RLS finds nothing there either', async () => {
		expect(await refusal(find(outsider, 'Logistik'))).toBe('error.forbidden');
		const rows = await withUser(db, claimsFor(outsider), (tx) =>
			search(tx, { q: 'Logistik', boardId: board.id, kinds: [], from: null, to: null, limit: 50, withFiles: false })
		);
		expect(rows).toEqual([]);
	});

	/** Papers written straight into the table (as the indexer stores them), dated `updatedAt`. */
	async function insertPapers(rows: { title: string; text: string; updatedAt: string }[]) {
		return db.ownerTransaction((tx) =>
			tx.query<{ id: string }>(
				`insert into public.papers (board_id, title, search_text, search_text_at, created_by, updated_at)
				 select $1, r.title, r.text, now(), $2, r.at from unnest($3::text[], $4::text[], $5::timestamptz[]) with ordinality as r(title, text, at, n)
				 order by r.n returning id`,
				[board.id, office.id, rows.map((r) => r.title), rows.map((r) => r.text), rows.map((r) => r.updatedAt)]
			)
		);
	}

	it('ranks only the 500 most recent matches of a kind for a word with more, all of them for a word with fewer', async () => {
		// An old paper with the word in its title (the best rank there is) and a rare word in its text …
		const [old] = await insertPapers([
			{
				title: 'Kranbahn am Stadthafen',
				text: 'Die Kranbahnsanierung ist beauftragt.',
				updatedAt: '2020-05-04T10:00:00Z'
			}
		]);
		// … and 520 newer papers that mention the word in their text only, the newest three in their title too.
		const newer = await insertPapers(
			Array.from({ length: 520 }, (_, i) => ({
				title: i >= 517 ? `Kranbahn Nord ${i}` : `Hafenbericht ${i}`,
				text: `Die Kranbahn wurde geprüft (${i}).`,
				updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
			}))
		);
		const page = await find(member, 'Kranbahn');
		expect(page).toHaveLength(50);
		// The best of the candidates lead; the old title hit is no candidate (520 newer matches of its kind).
		expect(page.slice(0, 3).map((r) => r.id)).toEqual([newer[519]!.id, newer[518]!.id, newer[517]!.id]);
		expect(page.map((r) => r.id)).not.toContain(old!.id);
		// Page is best-first among the 500 newest: rank, then recency.
		const candidates = new Set(newer.slice(20).map((p) => p.id));
		expect(page.every((r) => candidates.has(r.id))).toBe(true);
		// With fewer matches every match is ranked: a rare word, or a date range before the newer papers.
		expect((await find(member, 'Kranbahnsanierung')).map((r) => r.id)).toEqual([old!.id]);
		expect((await find(member, 'Kranbahn', { to: '2025-12-31' })).map((r) => r.id)).toEqual([old!.id]);
		// A guest sees none of them (not shared with them), however many match.
		expect(await find(guest, 'Kranbahn')).toEqual([]);
	});

	it('quotes the passage with the hit, also from far into a long text', async () => {
		const filler = 'Der Beirat berät über die Lage der Wirtschaft in der Region. '.repeat(60);
		expect(filler.length).toBeGreaterThan(SNIPPET_HEAD_CHARS);
		const [early, late, titleOnly] = await insertPapers([
			{ title: 'Früh', text: `Der Lastenradverleih startet. ${filler}`, updatedAt: '2026-02-01T10:00:00Z' },
			{ title: 'Spät', text: `${filler}Zum Schluss: der Lastenradverleih startet.`, updatedAt: '2026-02-02T10:00:00Z' },
			{ title: 'Lastenradverleih', text: filler, updatedAt: '2026-02-03T10:00:00Z' }
		]);
		const byId = new Map((await find(member, 'Lastenradverleih')).map((r) => [r.id, marked(r.snippet)]));
		expect(byId.get(early!.id)).toContain('[Lastenradverleih] startet. Der Beirat');
		expect(byId.get(late!.id)).toContain('der [Lastenradverleih] startet');
		// No hit in the text at all: its beginning, as before.
		expect(byId.get(titleOnly!.id)).toMatch(/^Der Beirat berät/);
	});

	it('refuses a signed-out visitor', async () => {
		const service = searchService(signedOut(await appOf(db)));
		expect(await refusal(service.search({ ...board, role: 'member' }, { q: 'Logistik', kinds: [] }))).toBe(
			'error.unauthenticated'
		);
		await expect(
			withAnon(db, (tx) =>
				search(tx, { q: 'Logistik', boardId: board.id, kinds: [], from: null, to: null, limit: 50, withFiles: false })
			)
		).rejects.toThrow();
	});

	it('refuses bad input with a clear message', async () => {
		expect(await refusal(find(member, '   '))).toBe('search.error.empty');
		expect(await refusal(find(member, 'x'.repeat(201)))).toBe('search.error.tooLong');
		expect(await refusal(find(member, 'Logistik', { from: '2026-02-30' }))).toBe('search.error.date');
		expect(await refusal(find(member, 'Logistik', { to: 'gestern' }))).toBe('search.error.date');
		expect(await refusal(find(member, 'Logistik', { from: '2026-04-01', to: '2026-03-01' }))).toBe(
			'search.error.range'
		);
		expect(await refusal(find(member, 'Logistik', { kinds: ['users'] }))).toBe('search.error.kind');
	});

	it("keeps a paper's search text current after a collaborative edit", async () => {
		const paper = await paperWith('Hafenentwicklung', paragraphs('Der Containerhafen wächst.'));
		expect((await find(member, 'Containerhafen')).map((r) => r.id)).toEqual([paper.id]);
		const target = documentSchema().nodeFromJSON(paragraphs('Wasserstoff für die Industrie.'));
		await hub.applyUpdate(paper.id, updateTowards(await hub.getState(paper.id), target), member.id);
		await indexer.flush();
		expect((await find(member, 'Wasserstoffs')).map((r) => r.id)).toEqual([paper.id]);
		expect(await find(member, 'Containerhafen')).toEqual([]);
	});

	it('indexes at once when a document unloads, without waiting for the debounce', async () => {
		const events = createHubEvents();
		const other = createCollabServer({ db, events });
		const slow = attachPaperTextIndexer({ db, hub: { on: events.on }, debounceMs: 60_000 });
		try {
			const paper = await createPaper(db, { board, author: office, title: 'Stadtmarketing' });
			await seedDocument(other, {
				paperId: paper.id,
				author: office,
				doc: paragraphs('Ein Citymanagement für die Bahnhofstraße.')
			});
			expect(await find(member, 'Citymanagement')).toEqual([]);
			events.emit('idle', { paperId: paper.id, userIds: [office.id] });
			await vi.waitFor(
				async () => expect((await find(member, 'Citymanagement')).map((r) => r.id)).toEqual([paper.id]),
				{ timeout: 10_000 }
			);
		} finally {
			slow.close();
			await other.close();
		}
	});

	it('fills in papers edited while no indexer ran, and ignores search text written by people', async () => {
		const other = createCollabServer({ db });
		const paper = await createPaper(db, { board, author: office, title: 'Tourismus' });
		await seedDocument(other, {
			paperId: paper.id,
			author: office,
			doc: paragraphs('Radtourismus an der Lippe fördern.')
		});
		await other.close();
		expect(await find(member, 'Lippe')).toEqual([]);
		expect(await backfillPaperTexts(db)).toBeGreaterThanOrEqual(1);
		expect((await find(member, 'Lippe')).map((r) => r.id)).toEqual([paper.id]);
		await withUser(db, claimsFor(office), (tx) =>
			tx.query(`update public.papers set search_text = 'Manipulation' where id = $1`, [paper.id])
		);
		expect(await find(member, 'Manipulation')).toEqual([]);
		const [row] = await withSystem(db, 'search-index', (tx) =>
			tx.query<{ search_text: string }>(`select search_text from public.papers where id = $1`, [paper.id])
		);
		expect(row?.search_text).toBe('Radtourismus an der Lippe fördern.');
	});
});
