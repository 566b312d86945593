import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scopedDb, withAnon, withUser } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { BoardRole } from '$lib/roles';
import type { BoardContext } from '$lib/server/boards/policy';
import { createFileService } from '$lib/server/files/file.service';
import { createLocalStorage, type LocalStorage } from '$lib/server/storage/local';
import { UploadRefused } from '$lib/server/files/file-check';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting, inviteGuest } from '../factories/agenda';
import { docxBytes, pdfBytes, pngBytes } from '../factories/files';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';
import { attempt, rows } from '../support/rls';

describe.each(testDatabases())('files ($name)', (database) => {
	let db: Database;
	let dataDir: string;
	let storage: LocalStorage;
	let board: TestBoard;
	let office: TestUser;
	let member: TestUser;

	beforeAll(async () => {
		db = await database.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-files-'));
		storage = await createLocalStorage({ dataDir });
		({
			board,
			people: { office, member }
		} = await boardWithRoles(db, { office: 'office', member: 'member' }));
	});
	afterAll(async () => {
		await db.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	const ctx = (b: TestBoard, role: BoardRole | null): BoardContext => ({ id: b.id, slug: b.slug, name: b.name, role });
	const service = (user: TestUser) =>
		createFileService({ db: scopedDb(db, claimsFor(user)), storage, actor: { userId: user.id } });
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));
	const tempFiles = async () => fs.readdir(path.join(dataDir, 'storage', '.tmp')).catch(() => [] as string[]);
	const objectsOf = (fileId: string) =>
		owner<{ name: string }>(`select name from storage.objects where name like '%/' || $1 || '/%'`, [fileId]);
	const exists = (p: string) =>
		fs.access(p).then(
			() => true,
			() => false
		);
	async function download(url: string) {
		const opened = await storage.openSigned(url.replace('/storage/', ''));
		if (!opened.ok) throw new Error(opened.reason);
		return opened;
	}

	it('stores a PDF with its original name, its row in storage.objects, bytes on disk and search text', async () => {
		const bytes = await pdfBytes('Haushaltsplan Wirtschaftsförderung 2030');
		const { id, version } = await service(office).upload(ctx(board, 'office'), {
			fileName: 'C:\\Users\\x\\Haushalt 2030 (Entwurf).pdf',
			bytes
		});
		expect(version).toBe(1);
		const [file] = await owner<{ name: string; search_text: string }>(
			`select name, search_text from public.files where id = $1`,
			[id]
		);
		expect(file!.name).toBe('Haushalt 2030 (Entwurf).pdf');
		expect(file!.search_text).toContain('Haushaltsplan');
		const [object] = await objectsOf(id);
		expect(object!.name.startsWith(`${board.id}/${id}/v1-`)).toBe(true);
		expect(new Uint8Array(await fs.readFile(storage.pathOf('board-files', object!.name)))).toEqual(bytes);
		expect(await tempFiles()).toEqual([]);
		const url = await service(member).downloadUrl(ctx(board, 'member'), id);
		const opened = await download(url);
		expect(new Uint8Array(opened.bytes)).toEqual(bytes);
		expect(opened.payload).toMatchObject({ f: 'Haushalt 2030 (Entwurf).pdf', t: 'application/pdf' });
	});

	it('refuses a file over the bucket limit with 413 and leaves nothing behind', async () => {
		const big = new Uint8Array(25 * 1024 * 1024 + 1);
		big.set(new TextEncoder().encode('%PDF-1.7'));
		const error = await service(office)
			.upload(ctx(board, 'office'), { fileName: 'gross.pdf', bytes: big })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UploadRefused);
		expect(error).toMatchObject({ status: 413, messageKey: 'files.error.tooLarge', params: { max: 25 } });
		expect(await owner(`select 1 from public.files where name = 'gross.pdf'`)).toHaveLength(0);
		expect(await tempFiles()).toEqual([]);
	});

	it('checks the content, not only the extension: a PNG named .pdf is refused, a DOCX is recognised', async () => {
		const office_ = service(office);
		const b = ctx(board, 'office');
		const mismatch = await office_.upload(b, { fileName: 'bericht.pdf', bytes: pngBytes() }).catch((e: unknown) => e);
		expect(mismatch).toMatchObject({ status: 415, messageKey: 'files.error.mismatch' });
		const unknown = await office_
			.upload(b, { fileName: 'skript.html', bytes: new TextEncoder().encode('<script>') })
			.catch((e: unknown) => e);
		expect(unknown).toMatchObject({ status: 415, messageKey: 'files.error.type' });
		const { id } = await office_.upload(b, { fileName: 'Protokoll.docx', bytes: await docxBytes() });
		const [version] = await owner<{ content_type: string }>(
			`select content_type from public.file_versions where file_id = $1`,
			[id]
		);
		expect(version!.content_type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(await office_.upload(b, { fileName: 'bild.png', bytes: pngBytes() })).toMatchObject({ version: 1 });
	});

	it('binds signed links to one object and lets them expire', async () => {
		const a = await service(office).upload(ctx(board, 'office'), { fileName: 'a.png', bytes: pngBytes() });
		const b = await service(office).upload(ctx(board, 'office'), { fileName: 'b.pdf', bytes: await pdfBytes('B') });
		const tokenA = (await service(member).downloadUrl(ctx(board, 'member'), a.id)).replace('/storage/', '');
		const tokenB = (await service(member).downloadUrl(ctx(board, 'member'), b.id)).replace('/storage/', '');
		// A's signature with B's payload (object name) is refused.
		expect(await storage.openSigned(`${tokenB.split('.')[0]}.${tokenA.split('.')[1]}`)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		const realNow = Date.now();
		const clock = vi.spyOn(Date, 'now').mockReturnValue(realNow + 301_000);
		try {
			expect(await storage.openSigned(tokenA)).toEqual({ ok: false, reason: 'expired' });
		} finally {
			clock.mockRestore();
		}
		expect((await storage.openSigned(tokenA)).ok).toBe(true);
	});

	it('keeps every version listed and downloadable after a replace', async () => {
		const first = await pdfBytes('Erste Fassung');
		const second = await pdfBytes('Zweite Fassung');
		const { id } = await service(member).upload(ctx(board, 'member'), { fileName: 'Strategie.pdf', bytes: first });
		expect(
			await service(member).replace(ctx(board, 'member'), id, { fileName: 'Strategie v2.pdf', bytes: second })
		).toEqual({ id, version: 2 });
		const { file, versions } = await service(office).get(ctx(board, 'office'), id);
		expect(file).toMatchObject({ name: 'Strategie v2.pdf', currentVersion: 2 });
		expect(versions.map((v) => [v.version, v.name])).toEqual([
			[2, 'Strategie v2.pdf'],
			[1, 'Strategie.pdf']
		]);
		const v1 = await download(await service(office).downloadUrl(ctx(board, 'office'), id, 1));
		const v2 = await download(await service(office).downloadUrl(ctx(board, 'office'), id));
		expect(new Uint8Array(v1.bytes)).toEqual(first);
		expect(new Uint8Array(v2.bytes)).toEqual(second);
		const [row] = await owner<{ search_text: string }>(`select search_text from public.files where id = $1`, [id]);
		expect(row!.search_text).toContain('Zweite');
	});

	it('deletes rows and bytes of every version: nothing is orphaned', async () => {
		const { id } = await service(office).upload(ctx(board, 'office'), {
			fileName: 'weg.pdf',
			bytes: await pdfBytes('weg')
		});
		await service(office).replace(ctx(board, 'office'), id, { fileName: 'weg.pdf', bytes: await pdfBytes('weg 2') });
		const paths = (await objectsOf(id)).map((o) => storage.pathOf('board-files', o.name));
		expect(paths).toHaveLength(2);
		expect(await Promise.all(paths.map(exists))).toEqual([true, true]);
		await service(office).remove(ctx(board, 'office'), id);
		expect(await owner(`select 1 from public.files where id = $1`, [id])).toHaveLength(0);
		expect(await owner(`select 1 from public.file_versions where file_id = $1`, [id])).toHaveLength(0);
		expect(await objectsOf(id)).toHaveLength(0);
		expect(await Promise.all(paths.map(exists))).toEqual([false, false]);
		expect(await fs.readdir(path.join(dataDir, 'storage', 'board-files', board.id, id)).catch(() => [])).toEqual([]);
	});

	it('a failed transaction removes the staged bytes and writes no row', async () => {
		const other = await createMeeting(db, { board: await createBoard(db) });
		const foreignItem = await createItem(db, { meeting: other });
		const before = (await owner(`select 1 from storage.objects`)).length;
		expect(
			await refusal(
				service(office).upload(ctx(board, 'office'), {
					fileName: 'x.pdf',
					bytes: await pdfBytes(),
					agendaItemId: foreignItem.id
				})
			)
		).toBe('error.notFound');
		// Fails inside the transaction after the object row was written (duplicate version): rolled back, bytes gone.
		const { id } = await service(office).upload(ctx(board, 'office'), { fileName: 'y.pdf', bytes: await pdfBytes() });
		await owner(`update public.files set current_version = 0 + 1 where id = $1`, [id]);
		await owner(
			`insert into public.file_versions (file_id, version, object_name, name, size, content_type, sha256) values ($1, 2, 'x/y/z', 'y.pdf', 1, 'application/pdf', repeat('a', 64))`,
			[id]
		);
		await expect(
			service(office).replace(ctx(board, 'office'), id, { fileName: 'y.pdf', bytes: await pdfBytes('neu') })
		).rejects.toThrow();
		expect((await owner(`select 1 from storage.objects`)).length).toBe(before + 1);
		expect(await tempFiles()).toEqual([]);
		expect(await fs.readdir(path.join(dataDir, 'storage', 'board-files', board.id, id))).toHaveLength(1);
	});

	it('refuses a guest, a member of another board and a signed-out visitor', async () => {
		const { id } = await service(office).upload(ctx(board, 'office'), {
			fileName: 'intern.pdf',
			bytes: await pdfBytes()
		});
		const meeting = await createMeeting(db, { board, published: true });
		const guest = await inviteGuest(db, { meeting });
		const otherBoard = await createBoard(db);
		const stranger = await addMember(db, { board: otherBoard, role: 'office' });
		// Guest: no library, no upload.
		expect(await refusal(service(guest).upload(ctx(board, 'guest'), { fileName: 'g.png', bytes: pngBytes() }))).toBe(
			'error.forbidden'
		);
		expect(await refusal(service(guest).downloadUrl(ctx(board, 'guest'), id))).toBe('error.notFound');
		expect((await service(guest).list(ctx(board, 'guest'))).files.map((f) => f.id)).not.toContain(id);
		// A member of another board: the board is not theirs (role null) and RLS hides every row.
		expect(await refusal(service(stranger).list(ctx(board, null)))).toBe('error.forbidden');
		expect(await refusal(service(stranger).downloadUrl(ctx(otherBoard, 'office'), id))).toBe('error.notFound');
		for (const claims of [claimsFor(guest), claimsFor(stranger), null]) {
			expect(await attempt(db, claims, (tx) => rows(tx, `select 1 from public.files where id = $1`, [id]))).toBe(
				'refused'
			);
			expect(
				await attempt(db, claims, (tx) => rows(tx, `select 1 from public.file_versions where file_id = $1`, [id]))
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) => rows(tx, `select 1 from storage.objects where name like $1`, [`%/${id}/%`]))
			).toBe('refused');
			expect(
				await attempt(db, claims, (tx) => rows(tx, `delete from public.files where id = $1 returning 1`, [id]))
			).toBe('refused');
		}
		// Writing an object into this board's folder directly is refused for outsiders, allowed for members.
		const insert = (tx: Parameters<typeof rows>[0]) =>
			rows(tx, `insert into storage.objects (bucket_id, name, owner_id) values ('board-files', $1, 'x') returning 1`, [
				`${board.id}/${id}/evil`
			]);
		expect(await attempt(db, claimsFor(stranger), insert)).toBe('refused');
		expect(await attempt(db, claimsFor(guest), insert)).toBe('refused');
		expect(await attempt(db, null, insert)).toBe('refused');
	});

	it('shows attachments like their agenda item; only the office attaches; files stay when the item goes', async () => {
		const meeting = await createMeeting(db, { board, published: true });
		const open = await createItem(db, { meeting, isPublic: true });
		const closed = await createItem(db, { meeting, isPublic: false });
		const guest = await inviteGuest(db, { meeting });
		const b = ctx(board, 'office');
		const pub = await service(office).upload(b, {
			fileName: 'oeffentlich.pdf',
			bytes: await pdfBytes(),
			agendaItemId: open.id
		});
		const secret = await service(office).upload(b, {
			fileName: 'vertraulich.pdf',
			bytes: await pdfBytes(),
			agendaItemId: closed.id
		});
		expect(
			await refusal(
				service(member).upload(ctx(board, 'member'), {
					fileName: 'm.pdf',
					bytes: await pdfBytes(),
					agendaItemId: open.id
				})
			)
		).toBe('error.forbidden');
		const guestSees = (await service(guest).list(ctx(board, 'guest'))).files.map((f) => f.name);
		expect(guestSees).toContain('oeffentlich.pdf');
		expect(guestSees).not.toContain('vertraulich.pdf');
		expect((await download(await service(guest).downloadUrl(ctx(board, 'guest'), pub.id))).payload.f).toBe(
			'oeffentlich.pdf'
		);
		expect(await refusal(service(guest).downloadUrl(ctx(board, 'guest'), secret.id))).toBe('error.notFound');
		expect((await service(member).list(ctx(board, 'member'))).files.map((f) => f.name)).toContain('vertraulich.pdf');
		await owner(`delete from public.agenda_items where id = $1`, [closed.id]);
		const [kept] = await owner<{ agenda_item_id: string | null }>(
			`select agenda_item_id from public.files where id = $1`,
			[secret.id]
		);
		expect(kept!.agenda_item_id).toBeNull();
		expect(await objectsOf(secret.id)).toHaveLength(1);
	});

	it('lets members change only their own library files; the office changes any', async () => {
		const member2 = await addMember(db, { board, role: 'member' });
		const mine = await service(member).upload(ctx(board, 'member'), { fileName: 'mein.png', bytes: pngBytes() });
		expect(
			await refusal(service(member2).replace(ctx(board, 'member'), mine.id, { fileName: 'x.png', bytes: pngBytes() }))
		).toBe('error.forbidden');
		expect(await refusal(service(member2).remove(ctx(board, 'member'), mine.id))).toBe('error.forbidden');
		// RLS says the same when the service is bypassed.
		expect(
			await attempt(db, claimsFor(member2), (tx) =>
				rows(tx, `update public.files set name = 'x' where id = $1 returning 1`, [mine.id])
			)
		).toBe('refused');
		expect(
			await attempt(db, claimsFor(member2), (tx) =>
				rows(tx, `delete from public.files where id = $1 returning 1`, [mine.id])
			)
		).toBe('refused');
		await service(office).remove(ctx(board, 'office'), mine.id);
		expect(await objectsOf(mine.id)).toHaveLength(0);
	});

	it('protects storage.objects from direct deletes outside the storage API', async () => {
		const { id } = await service(office).upload(ctx(board, 'office'), { fileName: 'p.png', bytes: pngBytes() });
		await expect(
			withUser(db, claimsFor(office), (tx) => tx.query(`delete from storage.objects where name like $1`, [`%/${id}/%`]))
		).rejects.toThrow(/Direct deletion/);
		expect(await objectsOf(id)).toHaveLength(1);
		// The bucket's limits are readable when signed in (the app refuses early with them), not anonymously.
		const bucket = `select id from storage.buckets where id = 'board-files'`;
		expect(await withUser(db, claimsFor(member), (tx) => tx.query(bucket))).toEqual([{ id: 'board-files' }]);
		expect(await withAnon(db, (tx) => tx.query(bucket))).toEqual([]);
	});
});
