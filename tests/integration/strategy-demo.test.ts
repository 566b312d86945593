import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { seedDemoData } from '$lib/server/db/seed';
import { seedDemoHistory } from '$lib/server/demo/demo-history';
import { seedDemoStrategy } from '$lib/server/demo/demo-strategy';
import { actingAs, DEMO_PEOPLE } from '$lib/server/demo/demo-people';
import { createMailer } from '$lib/server/mail/mailer';
import { createLocalStorage } from '$lib/server/storage/local';
import { createStrategyService } from '$lib/server/strategy/strategy.service';
import { createPublicStrategyService } from '$lib/server/strategy/strategy-public.service';
import { scopedDb } from '$lib/server/db/scoped';
import { testDatabases } from '../support/databases';

// The demo's strategy map (#16): five fields with figures over several years, measures linked to the demo's
// decisions and action items, one field on the citizens' pages; seeded once.

describe.each(testDatabases())('demo strategy on $name', (target) => {
	let db: Database;

	beforeAll(async () => {
		db = await target.open();
		const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'beirat-strategy-demo-'));
		await seedDemoData(db);
		await seedDemoHistory({
			db,
			mailer: createMailer({ db, from: 'Beirat <beirat@test.example>' }),
			origin: 'http://beirat.test',
			storage: await createLocalStorage({ dataDir })
		});
	});
	afterAll(() => db.close());

	it('has five fields, indicator series over several years, and links to decisions and tasks', async () => {
		const member = actingAs(db, DEMO_PEOPLE.member);
		const { fields } = await createStrategyService({ db: member.db, actor: member.actor }).map(member.board);
		expect(fields.map((f) => f.title)).toEqual([
			'Innovation und Gründungen',
			'Fachkräfte und Arbeitsmarkt',
			'Unternehmen und Ansiedlung',
			'Stadt- und Standortmarketing',
			'Regionale Wertschöpfung'
		]);
		const indicators = fields.flatMap((f) => f.goals.flatMap((g) => g.indicators));
		expect(indicators.length).toBeGreaterThanOrEqual(5);
		expect(indicators.every((i) => i.latest !== null)).toBe(true);
		const skilled = fields[1]!.goals[0]!;
		const offensive = skilled.measures.find((m) => m.title.startsWith('Ausbildungsoffensive'))!;
		const page = await createStrategyService({ db: member.db, actor: member.actor }).measure(
			member.board,
			offensive.id
		);
		expect(page.decisions).toMatchObject([{ effect: 'started' }]);
		expect(page.tasks.length).toBe(1);
		expect(offensive.progress.total).toBe(1);
	});

	it('shows the published field to everyone signed out, and is seeded once', async () => {
		await seedDemoStrategy({ db });
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ count: number }>(`select count(*)::int as count from public.strategy_fields`)
		);
		expect(row?.count).toBe(5);
		const anon = createPublicStrategyService({ db: scopedDb(db, null) });
		const { fields, series } = await anon.map('wirtschaft-hamm-2030');
		expect(fields.map((f) => f.title)).toEqual(['Fachkräfte und Arbeitsmarkt']);
		expect(fields[0]!.goals[0]!.measures.every((m) => m.ownerId === null)).toBe(true);
		expect(Object.values(series).every((s) => s.length >= 5)).toBe(true);
	});
});
