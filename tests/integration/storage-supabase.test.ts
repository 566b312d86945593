import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { createSupabaseStorage } from '$lib/server/storage/supabase';
import type { StoragePort } from '$lib/server/storage/port';
import { createFileService } from '$lib/server/files/file.service';
import { addMember, claimsFor, createBoard, type TestBoard, type TestUser } from '../factories';
import { pdfBytes, pngBytes } from '../factories/files';
import { startFakeStorage, type FakeStorage } from '../support/fake-storage';
import { testDatabases } from '../support/databases';

const noTx = {} as Tx;

describe('Supabase storage adapter against a fake Storage API', () => {
	let fake: FakeStorage;
	let storage: StoragePort;

	beforeAll(async () => {
		fake = await startFakeStorage();
		storage = createSupabaseStorage({ url: fake.url, serviceRoleKey: fake.serviceRoleKey });
	});
	afterAll(() => fake.close());

	it('uploads, signs a link that downloads exactly that object with its name, and removes', async () => {
		const bytes = await pdfBytes('Supabase');
		const staged = await storage.stage({
			bucket: 'board-files',
			name: 'b/f/v1-a',
			bytes,
			contentType: 'application/pdf',
			ownerId: 'u'
		});
		await staged.record(noTx);
		await staged.commit();
		expect(fake.objects.get('board-files/b/f/v1-a')?.contentType).toBe('application/pdf');
		const link = await storage.signedUrl({
			bucket: 'board-files',
			name: 'b/f/v1-a',
			expiresIn: 60,
			downloadName: 'Übersicht 2030.pdf',
			contentType: 'application/pdf'
		});
		expect(link.startsWith(`${fake.url}/storage/v1/object/sign/board-files/b/f/v1-a?token=`)).toBe(true);
		const response = await fetch(link);
		expect(response.status).toBe(200);
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename*=UTF-8''${encodeURIComponent('Übersicht 2030.pdf')}`
		);
		const cleanup = await storage.remove(noTx, 'board-files', ['b/f/v1-a']);
		expect(fake.objects.has('board-files/b/f/v1-a')).toBe(true);
		await cleanup();
		expect(fake.objects.has('board-files/b/f/v1-a')).toBe(false);
		expect((await fetch(link)).status).toBe(400);
	});

	it('binds the link to its object and lets it expire', async () => {
		for (const name of ['x/1/v1-a', 'x/2/v1-b']) {
			const staged = await storage.stage({
				bucket: 'board-files',
				name,
				bytes: pngBytes(),
				contentType: 'image/png',
				ownerId: 'u'
			});
			await staged.record(noTx);
		}
		const link = await storage.signedUrl({
			bucket: 'board-files',
			name: 'x/1/v1-a',
			expiresIn: 1,
			downloadName: 'a.png',
			contentType: 'image/png'
		});
		const token = new URL(link).searchParams.get('token');
		expect((await fetch(`${fake.url}/storage/v1/object/sign/board-files/x/2/v1-b?token=${token}`)).status).toBe(400);
		const realNow = Date.now();
		vi.spyOn(Date, 'now').mockReturnValue(realNow + 5_000);
		try {
			const expired = await fetch(link);
			expect(await expired.json()).toMatchObject({ error: 'InvalidSignature', message: 'jwt expired' });
		} finally {
			vi.restoreAllMocks();
		}
	});

	it('removes the uploaded object when the transaction fails (abort), and refuses a duplicate', async () => {
		const staged = await storage.stage({
			bucket: 'board-files',
			name: 'y/1/v1-a',
			bytes: pngBytes(),
			contentType: 'image/png',
			ownerId: 'u'
		});
		await staged.record(noTx);
		const again = await storage.stage({
			bucket: 'board-files',
			name: 'y/1/v1-a',
			bytes: pngBytes(),
			contentType: 'image/png',
			ownerId: 'u'
		});
		await expect(again.record(noTx)).rejects.toThrow(/already exists/);
		await staged.abort();
		expect(fake.objects.has('board-files/y/1/v1-a')).toBe(false);
	});

	it('refuses a wrong key', async () => {
		const wrong = createSupabaseStorage({ url: fake.url, serviceRoleKey: 'nope' });
		const staged = await wrong.stage({
			bucket: 'board-files',
			name: 'z/1/v1',
			bytes: pngBytes(),
			contentType: 'image/png',
			ownerId: 'u'
		});
		await expect(staged.record(noTx)).rejects.toThrow(/invalid JWT/);
	});
});

describe.each(testDatabases())('file service on Supabase storage ($name)', (database) => {
	let db: Database;
	let fake: FakeStorage;
	let board: TestBoard;
	let office: TestUser;

	beforeAll(async () => {
		db = await database.open();
		fake = await startFakeStorage();
		board = await createBoard(db);
		office = await addMember(db, { board, role: 'office' });
	});
	afterAll(async () => {
		await fake.close();
		await db.close();
	});

	const service = () =>
		createFileService({
			db: scopedDb(db, claimsFor(office)),
			storage: createSupabaseStorage({ url: fake.url, serviceRoleKey: fake.serviceRoleKey }),
			actor: { userId: office.id }
		});
	const ctx = () => ({ id: board.id, slug: board.slug, name: board.name, role: 'office' as const });

	it('uploads, replaces, links and deletes through Storage; nothing is left in the fake', async () => {
		const { id } = await service().upload(ctx(), { fileName: 'Bericht.pdf', bytes: await pdfBytes() });
		await service().replace(ctx(), id, { fileName: 'Bericht.pdf', bytes: await pdfBytes('zwei') });
		const keys = [...fake.objects.keys()].filter((k) => k.includes(id));
		expect(keys).toHaveLength(2);
		const link = await service().downloadUrl(ctx(), id, 1);
		expect((await fetch(link)).status).toBe(200);
		await service().remove(ctx(), id);
		expect([...fake.objects.keys()].filter((k) => k.includes(id))).toEqual([]);
	});

	it('removes the uploaded object when the database refuses the rows', async () => {
		const before = fake.objects.size;
		const { id } = await service().upload(ctx(), { fileName: 'a.png', bytes: pngBytes() });
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.file_versions (file_id, version, object_name, name, size, content_type, sha256) values ($1, 2, 'q', 'a.png', 1, 'image/png', repeat('b', 64))`,
				[id]
			)
		);
		await expect(service().replace(ctx(), id, { fileName: 'a.png', bytes: pngBytes() })).rejects.toThrow();
		expect(fake.objects.size).toBe(before + 1);
	});
});
