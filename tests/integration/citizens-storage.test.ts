import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { scopedDb, withAnon } from '$lib/server/db/scoped';
import { offlineHub } from '$lib/server/demo/demo-hub';
import { createPublicationService } from '$lib/server/publication/publication.service';
import { createCitizensExportService } from '$lib/server/citizens/citizens-export.service';
import { createFileService } from '$lib/server/files/file.service';
import { createSupabaseStorage } from '$lib/server/storage/supabase';
import { testDatabases } from '../support/databases';
import { refusal } from '../support/refusal';
import { startFakeStorage, type FakeStorage } from '../support/fake-storage';
import { boardWithRoles } from '../factories/board-with-roles';
import { claimsFor } from '../factories';
import { createItem, createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { pdfBytes } from '../factories/files';

// Public files on Supabase Storage (#14): the adapter downloads them with the anon key, so Storage applies the
// anon policy on storage.objects (migration 20261206040000). The fake Storage asks the real database as anon,
// as Storage does, whether the object's row is visible.

describe.each(testDatabases())('public files on Supabase Storage ($name)', (target) => {
	let db: Database;
	let fake: FakeStorage;
	const owner = <T>(sql: string, params: unknown[] = []) => db.ownerTransaction((tx) => tx.query<T>(sql, params));

	beforeAll(async () => {
		db = await target.open();
		fake = await startFakeStorage({
			anonMayRead: async (bucket, name) =>
				(
					await withAnon(db, (tx) =>
						tx.query(`select 1 from storage.objects where bucket_id = $1 and name = $2`, [bucket, name])
					)
				).length > 0
		});
	});
	afterAll(async () => {
		await fake?.close();
		await db?.close();
	});

	it('serves a public item’s file through Storage’s anon policy, never a non-public item’s', async () => {
		const storage = createSupabaseStorage({
			url: fake.url,
			serviceRoleKey: fake.serviceRoleKey,
			anonKey: fake.anonKey
		});
		const { board, people } = await boardWithRoles(db, { office: 'office' });
		const ctx = await boardAs(db, people.office, board);
		const meeting = await createMeeting(db, { board, published: true });
		const open = await createItem(db, { meeting, title: 'Öffentlich' });
		const closed = await createItem(db, { meeting, title: 'Nichtöffentlich', isPublic: false });
		const files = createFileService({
			db: scopedDb(db, claimsFor(people.office)),
			storage,
			actor: { userId: people.office.id }
		});
		const bytes = await pdfBytes('öffentlich');
		const shown = await files.upload(ctx, { fileName: 'Anlage.pdf', bytes, agendaItemId: open.id });
		const hidden = await files.upload(ctx, { fileName: 'Geheim.pdf', bytes, agendaItemId: closed.id });
		// Supabase Storage keeps the storage.objects rows itself; the fake only keeps bytes, so the rows go in here.
		await owner(
			`insert into storage.objects (bucket_id, name, owner_id)
			 select 'board-files', object_name, $2 from public.file_versions where file_id = any($1)`,
			[[shown.id, hidden.id], people.office.id]
		);
		await createPublicationService({
			db: scopedDb(db, claimsFor(people.office)),
			hub: offlineHub(db),
			actor: { userId: people.office.id, isAdmin: false },
			locale: 'de'
		}).setBoardPublic(ctx, true);
		const exports = createCitizensExportService({ db: scopedDb(db, null), storage, origin: 'https://beirat.test' });

		const file = await exports.file(board.slug, shown.id);
		expect(file).toMatchObject({ name: 'Anlage.pdf', contentType: 'application/pdf' });
		expect(file.bytes).toEqual(bytes);
		expect(await refusal(exports.file(board.slug, hidden.id))).toBe('error.notFound');
		// Storage itself refuses the hidden object to the anon key, asked directly.
		const [object] = await owner<{ object_name: string }>(
			`select object_name from public.file_versions where file_id = $1`,
			[hidden.id]
		);
		expect(await storage.readPublic(scopedDb(db, null), 'board-files', object!.object_name)).toBeNull();
		expect(fake.objects.has(`board-files/${object!.object_name}`)).toBe(true);
	});
});
