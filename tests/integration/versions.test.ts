import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '$lib/server/db/types';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { COLLAB_FRAGMENT } from '$lib/server/collab/hub';
import { docFromState, jsonToState, stateToNode, updateTowards } from '$lib/server/documents/paper-document';
import { attachVersionAutosave } from '$lib/server/versions/version-autosave';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createPaper, paragraphs, seedDocument, servicesFor } from '../factories/comments';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { attempt, rows } from '../support/rls';
import { Transform } from '@tiptap/pm/transform';
import { documentSchema } from '$lib/server/documents/paper-document';
import { refusal } from '../support/refusal';
import { compareSchema } from '$lib/server/versions/version.schema';
import { CURRENT_TEXT } from '$lib/types/version.types';

type Harness = Awaited<ReturnType<typeof createHarness>>;

/** An edit of paragraph `index` as a client would send it: replaces its text, computed on the given state. */
function editParagraph(state: Uint8Array, index: number, text: string): Uint8Array {
	const doc = stateToNode(state);
	let pos = 0;
	for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
	const para = doc.child(index);
	const tr = new Transform(doc).replaceWith(pos + 1, pos + 1 + para.content.size, documentSchema().text(text));
	return updateTowards(state, tr.doc);
}

const texts = (state: Uint8Array) => {
	const node = stateToNode(state);
	return Array.from({ length: node.childCount }, (_, i) => node.child(i).textContent);
};

describe.each(testDatabases())('versions on $name', (target) => {
	let db: Database;
	let h: Harness;
	let events: ReturnType<typeof createHubEvents>;
	let hub: ReturnType<typeof createCollabServer>;
	let board: TestBoard;
	let office: TestUser, editor: TestUser, viewer: TestUser, guest: TestUser, outsider: TestUser;
	let paper: { id: string; title: string };

	const as = (user: TestUser) => servicesFor(db, { user, board, hub, mailer: h.mailer, origin: ORIGIN });

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		events = createHubEvents();
		hub = createCollabServer({ db, events });
		({
			board,
			people: { office, editor, viewer, guest }
		} = await boardWithRoles(db, { office: 'office', editor: 'member', viewer: 'advisor', guest: 'guest' }));
		outsider = await addMember(db, { board: await createBoard(db), role: 'member' });
		paper = await createPaper(db, { board, author: office, access: [{ user: viewer, access: 'view' }] });
		await seedDocument(hub, {
			paperId: paper.id,
			author: office,
			doc: paragraphs('Ziel: 500 neue Arbeitsplätze.', 'Maßnahmen folgen.')
		});
	});
	afterAll(async () => {
		await hub.close();
		await db.close();
	});

	it('saves a named version and shows it read-only as HTML', async () => {
		const { versions, board: ctx } = await as(editor);
		const saved = await versions.createNamed(ctx, { paperId: paper.id, name: 'Entwurf für Sitzung 12.03.' });
		const view = await versions.view(ctx, { paperId: paper.id, versionId: saved.id });
		expect(view.version).toMatchObject({ number: saved.number, name: 'Entwurf für Sitzung 12.03.', kind: 'named' });
		expect(view.html).toContain('<p>Ziel: 500 neue Arbeitsplätze.</p>');
		const v = await as(viewer);
		expect((await v.versions.list(v.board, paper.id)).versions.map((x) => x.id)).toContain(saved.id);
		expect(await refusal(v.versions.createNamed(v.board, { paperId: paper.id, name: 'Nicht erlaubt' }))).toBe(
			'error.forbidden'
		);
		expect(await refusal(versions.createNamed(ctx, { paperId: paper.id, name: '  ' }))).toBe(
			'comments.version.error.name'
		);
	});

	it('saves an automatic version when the last editor leaves, and none when nothing changed', async () => {
		const off = attachVersionAutosave({ db, hub: { ...hub, on: events.on } });
		try {
			const { versions, board: ctx } = await as(editor);
			const count = async () => (await versions.list(ctx, paper.id)).versions.length;
			const before = await count();
			await hub.applyUpdate(
				paper.id,
				editParagraph(await hub.getState(paper.id), 1, 'Maßnahmen: Gründerzentrum.'),
				editor.id
			);
			events.emit('idle', { paperId: paper.id, userIds: [editor.id] });
			await expect.poll(count).toBe(before + 1);
			const newest = (await versions.list(ctx, paper.id)).versions[0]!;
			expect(newest).toMatchObject({ kind: 'auto', name: null });
			events.emit('idle', { paperId: paper.id, userIds: [editor.id] });
			events.emit('activity', { paperId: paper.id, userIds: [editor.id] });
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(await count()).toBe(before + 1);
		} finally {
			off();
		}
	});

	it('compares two versions: additions and deletions', async () => {
		const { versions, board: ctx } = await as(editor);
		const a = await versions.createNamed(ctx, { paperId: paper.id, name: 'Vorher' });
		await hub.applyUpdate(
			paper.id,
			editParagraph(await hub.getState(paper.id), 0, 'Ziel: 800 neue Arbeitsplätze.'),
			editor.id
		);
		const b = await versions.createNamed(ctx, { paperId: paper.id, name: 'Nachher' });
		const diff = await versions.compare(ctx, { paperId: paper.id, a: b.id, b: a.id });
		expect(diff.older.number).toBe(a.number);
		expect(diff.segments.filter((s) => s.kind === 'removed').map((s) => s.text.trim())).toEqual(['500']);
		expect(diff.segments.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['800']);
	});

	it('restores a version as a forward change: a safety copy first, and a concurrent edit elsewhere survives', async () => {
		const { versions, board: ctx } = await as(editor);
		const old = await versions.createNamed(ctx, { paperId: paper.id, name: 'Stand A' });
		await hub.applyUpdate(paper.id, editParagraph(await hub.getState(paper.id), 0, 'Ziel: alles anders.'), office.id);
		// A client has the current document and edits the second paragraph; its change reaches the server late.
		const client = docFromState(await hub.getState(paper.id));
		const clientUpdate = editParagraph(Y.encodeStateAsUpdate(client), 1, 'Maßnahmen: Gründerzentrum und Campus.');

		const before = (await versions.list(ctx, paper.id)).versions.length;
		await versions.restore(ctx, { paperId: paper.id, versionId: old.id });
		const list = (await versions.list(ctx, paper.id)).versions;
		expect(list).toHaveLength(before + 1);
		expect(list[0]).toMatchObject({ kind: 'auto', name: `Vor Wiederherstellung von Version ${old.number}` });
		const safety = await versions.view(ctx, { paperId: paper.id, versionId: list[0]!.id });
		expect(safety.html).toContain('Ziel: alles anders.');

		await hub.applyUpdate(paper.id, clientUpdate, office.id);
		expect(texts(await hub.getState(paper.id))).toEqual([
			'Ziel: 800 neue Arbeitsplätze.',
			'Maßnahmen: Gründerzentrum und Campus.'
		]);
		// The concurrent client converges to the same document once it receives the restore.
		Y.applyUpdate(client, clientUpdate);
		Y.applyUpdate(client, await hub.getState(paper.id));
		expect(texts(Y.encodeStateAsUpdate(client))).toEqual(texts(await hub.getState(paper.id)));
		expect(client.getXmlFragment(COLLAB_FRAGMENT).length).toBe(2);
	});

	it('refuses unknown versions with a clear message and restores only for editors', async () => {
		const { versions, board: ctx } = await as(editor);
		const count = (await versions.list(ctx, paper.id)).versions.length;
		expect(
			await refusal(versions.view(ctx, { paperId: paper.id, versionId: '00000000-0000-4000-8000-000000000000' }))
		).toBe('comments.version.error.unknown');
		expect(await refusal(versions.view(ctx, { paperId: paper.id, versionId: 'kaputt' }))).toBe(
			'comments.version.error.unknown'
		);
		expect(
			await refusal(versions.restore(ctx, { paperId: paper.id, versionId: '00000000-0000-4000-8000-000000000000' }))
		).toBe('comments.version.error.unknown');
		const someVersion = (await versions.list(ctx, paper.id)).versions[0]!.id;
		const v = await as(viewer);
		expect(await refusal(v.versions.restore(v.board, { paperId: paper.id, versionId: someVersion }))).toBe(
			'error.forbidden'
		);
		for (const user of [guest, outsider]) {
			const s = await as(user);
			expect(await refusal(s.versions.list(s.board, paper.id))).toBe('error.notFound');
			expect(await refusal(s.versions.view(s.board, { paperId: paper.id, versionId: someVersion }))).toBe(
				'error.notFound'
			);
		}
		expect((await versions.list(ctx, paper.id)).versions.length).toBe(count);
	});

	it('keeps versions under row-level security', async () => {
		const select = (tx: Parameters<typeof rows>[0]) =>
			rows(tx, `select 1 from public.paper_versions where paper_id = $1`, [paper.id]);
		for (const user of [viewer, editor]) expect(await attempt(db, claimsFor(user), select)).toBe('allowed');
		for (const claims of [claimsFor(guest), claimsFor(outsider), null])
			expect(await attempt(db, claims, select)).toBe('refused');
		const insert = (tx: Parameters<typeof rows>[0]) =>
			rows(
				tx,
				`insert into public.paper_versions (paper_id, number, kind, name, state, created_by) values ($1, 9999, 'named', 'x', $2, (select auth.uid())) returning 1`,
				[paper.id, Buffer.from(jsonToState(paragraphs('x')))]
			);
		expect(await attempt(db, claimsFor(editor), insert)).toBe('allowed');
		for (const claims of [claimsFor(viewer), claimsFor(guest), claimsFor(outsider), null])
			expect(await attempt(db, claims, insert)).toBe('refused');
		const tamper = (tx: Parameters<typeof rows>[0]) =>
			rows(tx, `update public.paper_versions set name = 'x' where paper_id = $1 returning 1`, [paper.id]);
		expect(await attempt(db, claimsFor(office), tamper)).toBe('refused');
	});

	it('compares a saved version with the current text, for readers, whichever side names it', async () => {
		const e = await as(editor);
		const saved = await e.versions.createNamed(e.board, { paperId: paper.id, name: 'Vor dem Zusatz' });
		const [first] = texts(await hub.getState(paper.id));
		await hub.applyUpdate(paper.id, editParagraph(await hub.getState(paper.id), 0, `${first} Bis 2030.`), office.id);
		const count = (await e.versions.list(e.board, paper.id)).versions.length;

		const v = await as(viewer);
		for (const sides of [
			{ a: saved.id, b: CURRENT_TEXT },
			{ a: CURRENT_TEXT, b: saved.id }
		]) {
			const diff = await v.versions.compare(v.board, { paperId: paper.id, ...sides });
			expect(diff.older).toMatchObject({ id: saved.id, number: saved.number, name: 'Vor dem Zusatz' });
			expect(diff.newer).toBeNull();
			expect(diff.segments.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['Bis 2030.']);
			expect(diff.segments.filter((s) => s.kind === 'removed')).toEqual([]);
		}
		// Comparing stores nothing.
		expect((await e.versions.list(e.board, paper.id)).versions.length).toBe(count);
		// A version saved from the text as it is now differs from it in nothing.
		const later = await e.versions.createNamed(e.board, { paperId: paper.id, name: 'Mit Zusatz' });
		expect(
			(await v.versions.compare(v.board, { paperId: paper.id, a: later.id, b: CURRENT_TEXT })).segments.every(
				(s) => s.kind === 'same'
			)
		).toBe(true);

		expect(compareSchema.safeParse({ a: saved.id, b: CURRENT_TEXT }).success).toBe(true);
		expect(compareSchema.safeParse({ a: CURRENT_TEXT, b: CURRENT_TEXT }).success).toBe(false);
		expect(compareSchema.safeParse({ a: 'kaputt', b: CURRENT_TEXT }).success).toBe(false);
		expect(await refusal(v.versions.compare(v.board, { paperId: paper.id, a: CURRENT_TEXT, b: CURRENT_TEXT }))).toBe(
			'comments.version.error.unknown'
		);
		expect(
			await refusal(
				v.versions.compare(v.board, { paperId: paper.id, a: '00000000-0000-4000-8000-000000000000', b: CURRENT_TEXT })
			)
		).toBe('comments.version.error.unknown');
		for (const user of [guest, outsider]) {
			const s = await as(user);
			expect(await refusal(s.versions.compare(s.board, { paperId: paper.id, a: saved.id, b: CURRENT_TEXT }))).toBe(
				'error.notFound'
			);
		}
	});

	it('compares the agreed text by default (pending suggestions left out) and can show them marked', async () => {
		const e = await as(editor);
		const withSuggestion = await createPaper(db, { board, author: office });
		await seedDocument(hub, { paperId: withSuggestion.id, author: office, doc: paragraphs('Wir fördern Betriebe.') });
		const saved = await e.versions.createNamed(e.board, { paperId: withSuggestion.id, name: 'Vor dem Vorschlag' });
		const by = { id: 'v1', authorId: viewer.id, authorName: 'Vera', createdAt: '2026-12-06T10:00:00.000Z' };
		const suggested = documentSchema().nodeFromJSON({
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Wir fördern ' },
						{ type: 'text', text: 'Betriebe', marks: [{ type: 'suggestionDelete', attrs: { ...by, id: 'v2' } }] },
						{ type: 'text', text: 'Unternehmen', marks: [{ type: 'suggestionInsert', attrs: by }] },
						{ type: 'text', text: '.' }
					]
				}
			]
		});
		await hub.applyUpdate(
			withSuggestion.id,
			updateTowards(await hub.getState(withSuggestion.id), suggested),
			office.id
		);
		const sides = { paperId: withSuggestion.id, a: saved.id, b: CURRENT_TEXT };
		const agreed = await e.versions.compare(e.board, sides);
		expect(agreed.suggestions).toBe('agreed');
		expect(agreed.segments.every((s) => s.kind === 'same')).toBe(true);
		const marked = await e.versions.compare(e.board, { ...sides, suggestions: 'marked' });
		expect(marked.segments.map((s) => (s.kind === 'removed' ? '' : s.text)).join('')).toBe(
			'Wir fördern {--Betriebe--}{++Unternehmen++}.'
		);
		expect(compareSchema.parse({ a: saved.id, b: CURRENT_TEXT, suggestions: 'kaputt' }).suggestions).toBe('agreed');
	});
});
