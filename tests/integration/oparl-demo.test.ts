import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { withAnon } from '$lib/server/db/scoped';
import { seedDemoData } from '$lib/server/db/seed';
import { seedDemoHistory } from '$lib/server/demo/demo-history';
import { createMailer } from '$lib/server/mail/mailer';
import { createLocalStorage } from '$lib/server/storage/local';
import { createOparlService, type OparlService } from '$lib/server/oparl/oparl.service';
import { parseListQuery } from '$lib/server/oparl/oparl.schema';
import type { OparlObject } from '$lib/server/oparl/oparl.serialize';
import type { RowType } from '$lib/server/oparl/oparl.types';
import { OPARL_LISTS } from '$lib/public/links';
import { testDatabases } from '../support/databases';
import { listProblems, objectProblems } from '../oparl/validate';

// The whole demo through the OParl interface (#14): every list, every page, every object valid; each object by
// its own address equals its list entry; the registry holds exactly what anon may see; and the non-public item
// ("Personalangelegenheiten …"), unlisted people and e-mail addresses appear nowhere.

const ORIGIN = 'http://oparl.test';
const BODY = { key: 'hamm', name: 'Stadt Hamm', shortName: 'Hamm', ags: '05915000' };
const SECRET_ITEM = '00000000-0000-4000-8000-0000000a0206';

describe.each(testDatabases())('the demo through OParl on $name', (target) => {
	let db: Database;
	let dataDir: string;
	let oparl: OparlService;
	const lists: Record<string, OparlObject[]> = {};
	const pages: unknown[] = [];

	beforeAll(async () => {
		db = await target.open();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-oparl-'));
		await seedDemoData(db);
		await seedDemoHistory({
			db,
			mailer: createMailer({ db, from: 'Beirat <beirat@test.example>' }),
			origin: ORIGIN,
			storage: await createLocalStorage({ dataDir })
		});
		oparl = createOparlService({ db, origin: ORIGIN, body: BODY });
		for (const list of OPARL_LISTS) {
			lists[list] = [];
			for (let page = 1; ; page++) {
				const query = parseListQuery(new URLSearchParams(`elementsPerPage=3&page=${page}`));
				if (!query.ok) throw new Error('query');
				const found = await oparl.list(BODY.key, list, query.value);
				pages.push(found);
				lists[list].push(...found!.data);
				if (!found!.links.next) break;
			}
		}
	}, 180_000);
	afterAll(async () => {
		await db?.close();
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('serves every kind of object, each valid against its schema', async () => {
		for (const list of OPARL_LISTS) expect(lists[list]!.length, list).toBeGreaterThan(0);
		for (const page of pages) expect(listProblems(page as { data: unknown })).toEqual([]);
		expect(objectProblems(await oparl.system())).toEqual([]);
		expect(objectProblems((await oparl.body(BODY.key, false))!)).toEqual([]);
		expect(lists['agenda-items']!.some((item) => typeof item.resolutionText === 'string')).toBe(true);
	});

	it('answers each object at its own address as in its list', async () => {
		for (const [list, objects] of Object.entries(lists))
			for (const object of objects) {
				const [type, id] = object.id.split('/').slice(-2) as [RowType, string];
				expect(await oparl.object(type, id, false), `${list} ${object.id}`).toEqual(object);
			}
	});

	it('shows nothing non-public: no secret item, no unlisted person, no e-mail', async () => {
		const text = JSON.stringify({ lists, body: await oparl.body(BODY.key, false), system: await oparl.system() });
		expect(text).not.toContain('Personalangelegenheiten');
		expect(text).not.toContain(SECRET_ITEM);
		for (const hidden of ['Dr. Aylin Demir', 'Lukas Brenner', 'Tobias Krämer', 'Referentenstelle'])
			expect(text).not.toContain(hidden);
		expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/);
		expect(await oparl.object('agendaitem', SECRET_ITEM, false)).toBeNull();
	});

	it('records in the registry exactly the live objects anon can see', async () => {
		const registry = await db.ownerTransaction((tx) =>
			tx.query<{ object_type: string; object_id: string }>(
				`select object_type, object_id from public.oparl_objects where deleted_at is null order by 1, 2`
			)
		);
		const served = Object.values(lists)
			.flat()
			.map((object) => {
				const [type, id] = object.id.split('/').slice(-2);
				return `${type}:${id}`;
			});
		const embeddedLocations = lists.locations!.map((l) => `location:${l.id.split('/').at(-1)}`);
		expect(registry.map((row) => `${row.object_type}:${row.object_id}`).sort()).toEqual(
			[...new Set([...served, ...embeddedLocations])].sort()
		);
		// Anon reads the registry, never its fingerprints.
		const refused = await withAnon(db, (tx) => tx.query(`select fingerprint from public.oparl_objects`))
			.then(() => false)
			.catch(() => true);
		expect(refused).toBe(true);
	});
});
