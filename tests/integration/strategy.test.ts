import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import type { BoardRole } from '$lib/roles';
import { decisionService, taskService } from '$lib/server/services';
import { indicatorService, strategyService } from '$lib/server/strategy/strategy-services';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { asBoard, createStrategy } from '../factories/strategy';
import { attempt, rows } from '../support/rls';
import { testDatabases } from '../support/databases';
import { requestTo } from '../support/app-context';
import { extractText, getDocumentProxy } from 'unpdf';

// The strategy map (#16) on a real database: roll-up, CSV import, RLS per role and across boards, and a
// decision that starts a measure in its own transaction.

describe.each(testDatabases())('strategy map ($name)', (database) => {
	let db: Database;
	let board: TestBoard;
	let other: TestBoard;
	let people: Record<'office' | 'chair' | 'member' | 'advisor' | 'guest' | 'outsider', TestUser>;
	let made: Awaited<ReturnType<typeof createStrategy>>;

	beforeAll(async () => {
		db = await database.open();
		({ board, other, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			member: 'member',
			advisor: 'advisor',
			guest: 'guest',
			outsider: { role: 'office', otherBoard: true }
		}));
		made = await createStrategy(db, { board, by: people.office });
	});
	afterAll(() => db.close());

	const as = async (who: keyof typeof people, role: BoardRole | null) => ({
		strategy: strategyService(await requestTo(db, people[who])),
		indicators: indicatorService(await requestTo(db, people[who])),
		board: asBoard(board, role)
	});

	it('rolls task progress up into measures, goals and fields (dropped tasks do not count)', async () => {
		const { strategy, board: b } = await as('office', 'office');
		const tasks = taskService(await requestTo(db, people.office));
		const ids = [];
		for (const title of ['A', 'B', 'C', 'D']) ids.push(await tasks.create(b, { title, owner: 'office', notes: '' }));
		for (const id of ids) await strategy.link(b, made.measureId, { kind: 'task', key: id });
		await tasks.progress(b, { taskId: ids[0]!, status: 'done', notes: '' });
		await tasks.progress(b, { taskId: ids[1]!, status: 'done', notes: '' });
		await tasks.progress(b, { taskId: ids[2]!, status: 'dropped', notes: '' });
		const second = await strategy.createMeasure(b, {
			goalId: made.goalId,
			title: 'Zweite',
			description: '',
			owner: 'office',
			ownerText: '',
			status: 'running',
			startsOn: null,
			endsOn: null,
			budgetNote: ''
		});
		const extra = await tasks.create(b, { title: 'E', owner: 'office', notes: '' });
		await strategy.link(b, second.id, { kind: 'task', key: extra });

		const { fields } = await strategy.map(b, made.fieldId);
		const goal = fields[0]!.goals[0]!;
		expect(goal.measures.find((m) => m.id === made.measureId)!.progress).toEqual({ done: 2, total: 3, percent: 67 });
		expect(goal.measures.find((m) => m.id === second.id)!.progress).toEqual({ done: 0, total: 1, percent: 0 });
		expect(goal.progress).toEqual({ done: 2, total: 4, percent: 50 });
		expect(fields[0]!.progress).toEqual({ done: 2, total: 4, percent: 50 });
		expect(fields[0]!.statusCounts).toEqual({ planned: 1, running: 1, done: 0, stopped: 0 });
		// A member reads the same figures.
		const member = await as('member', 'member');
		expect((await member.strategy.map(member.board, made.fieldId)).fields[0]!.progress.percent).toBe(50);
	});

	it('imports a good CSV file in one go and refuses bad rows, wrong units and duplicates with nothing saved', async () => {
		const { indicators, board: b } = await as('office', 'office');
		const good = 'Datum;Wert;Einheit\n2021;101;Personen\n2022;110,5;Personen\n30.06.2023;1.120;Personen\n';
		const preview = await indicators.preview(b, made.indicatorId, good);
		expect(preview.rows.every((r) => r.errors.length === 0)).toBe(true);
		expect((await indicators.page(b, made.indicatorId)).values).toEqual([]);
		expect(await indicators.import(b, made.indicatorId, good)).toEqual({ count: 3 });
		const values = (await indicators.page(b, made.indicatorId)).values;
		expect(values).toEqual([
			{ observedOn: '2021-12-31', value: 101 },
			{ observedOn: '2022-12-31', value: 110.5 },
			{ observedOn: '2023-06-30', value: 1120 }
		]);

		const bad = [
			'Datum;Wert;Einheit\n2024;12x;Personen\n2025;13;Personen\n', // a bad number
			'Datum;Wert;Einheit\n2024;12;Prozent\n', // a wrong unit
			'Datum;Wert\n2024;12\n2024;13\n', // twice the same date
			'Datum;Wert\n2025;12\n2022;13\n', // a date the series has
			'Datum;Wert\n31.02.2024;12\n' // no such day
		];
		for (const csv of bad) {
			await expect(indicators.import(b, made.indicatorId, csv)).rejects.toMatchObject({ status: 400 });
			expect((await indicators.page(b, made.indicatorId)).values).toHaveLength(3);
		}
		const errors = (await indicators.preview(b, made.indicatorId, bad[0]!)).rows.map((r) => r.errors);
		expect(errors).toEqual([['strategy.import.error.number'], []]);
	});

	it('lets members read and comment but not edit; guests and signed-out visitors see nothing', async () => {
		const member = await as('member', 'member');
		await expect(member.strategy.createField(member.board, { title: 'X', description: '' })).rejects.toMatchObject({
			status: 403
		});
		await member.strategy.comment(member.board, made.measureId, { body: 'Gute Idee.' });
		const chair = await as('chair', 'chair');
		await chair.strategy.createField(chair.board, { title: 'Vom Vorsitz', description: '' });
		const guest = await as('guest', 'guest');
		await expect(guest.strategy.map(guest.board)).rejects.toMatchObject({ status: 403 });

		const tables = [
			'strategy_fields',
			'strategy_goals',
			'strategy_measures',
			'strategy_indicators',
			'strategy_comments'
		];
		for (const table of tables) {
			const count = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
				rows(tx, `select 1 from public.${table} where board_id = $1`, [board.id]);
			expect(await attempt(db, claimsFor(people.advisor), count), `${table} advisor`).toBe('allowed');
			expect(await attempt(db, claimsFor(people.guest), count), `${table} guest`).toBe('refused');
			expect(await attempt(db, claimsFor(people.outsider), count), `${table} other board`).toBe('refused');
			expect(await attempt(db, null, count), `${table} signed out`).toBe('refused');
		}
		// Writes under RLS, straight at the table: a member, a guest and another board's office are refused.
		for (const who of ['member', 'guest', 'outsider'] as const) {
			const update = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
				rows(tx, `update public.strategy_measures set status = 'done' where id = $1 returning 1`, [made.measureId]);
			expect(await attempt(db, claimsFor(people[who]), update), who).toBe('refused');
			const insert = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
				rows(tx, `insert into public.strategy_fields (board_id, title) values ($1, 'Fremd') returning 1`, [board.id]);
			expect(await attempt(db, claimsFor(people[who]), insert), who).toBe('refused');
		}
		// Another board's office cannot hang a goal below this board's field, whatever board it names.
		const crossGoal = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
			rows(tx, `insert into public.strategy_goals (board_id, field_id, title) values ($1, $2, 'Fremd') returning 1`, [
				other.id,
				made.fieldId
			]);
		await expect(attempt(db, claimsFor(people.outsider), crossGoal)).rejects.toMatchObject({ code: '23503' });
	});

	it('shows a published field of a public board to anon, nothing unpublished, no people or comments', async () => {
		const published = await createStrategy(db, { board, by: people.office, isPublic: true });
		const anonFields = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
			rows(tx, `select 1 from public.strategy_fields where board_id = $1`, [board.id]);
		expect(await attempt(db, null, anonFields)).toBe('refused'); // the board is not public yet
		await db.ownerTransaction((tx) => tx.query(`update public.boards set is_public = true where id = $1`, [board.id]));
		const seen = await attempt(db, null, async (tx) => {
			const fields = await tx.query<{ id: string }>(`select id from public.strategy_fields where board_id = $1`, [
				board.id
			]);
			const measures = await tx.query<{ id: string }>(`select id from public.strategy_measures where board_id = $1`, [
				board.id
			]);
			expect(fields.map((f) => f.id)).toEqual([published.fieldId]);
			expect(measures.map((m) => m.id)).toEqual([published.measureId]);
			return fields.length;
		});
		expect(seen).toBe('allowed');
		const comments = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
			rows(tx, `select 1 from public.strategy_comments`);
		await expect(attempt(db, null, comments)).resolves.toBe('refused');
		const owner = (tx: Parameters<Parameters<typeof attempt>[2]>[0]) =>
			rows(tx, `select owner_id from public.strategy_measures`);
		expect(await attempt(db, null, owner)).toBe('refused');
		await db.ownerTransaction((tx) => tx.query(`update public.boards set is_public = false where id = $1`, [board.id]));
	});

	it('records a decision that starts a measure in the same transaction, and the status change is audited', async () => {
		const { strategy, board: b } = await as('office', 'office');
		const decisions = decisionService(await requestTo(db, people.office));
		const record = {
			title: 'Start der Maßnahme',
			resolution: 'Der Beirat startet die Maßnahme.',
			kind: 'resolution' as const,
			status: 'adopted' as const,
			outcome: 'unanimous' as const,
			isPublic: false
		};
		const { number } = await decisions.record(b, record, {
			measureAction: 'update',
			measureId: made.measureId,
			measureStatus: 'running'
		});
		const page = await strategy.measure(b, made.measureId);
		expect(page.measure.status).toBe('running');
		expect(page.decisions).toMatchObject([{ number, effect: 'started', title: 'Start der Maßnahme' }]);
		expect(page.history.map((h) => h.status)).toEqual(['planned', 'running']);
		expect(await strategy.forDecision(b, number)).toMatchObject([
			{ id: made.measureId, status: 'running', effect: 'started' }
		]);
		const guest = await as('guest', 'guest');
		expect(await guest.strategy.forDecision(guest.board, number)).toEqual([]);
		const audited = await db.ownerTransaction((tx) =>
			tx.query<{ after: { status?: string } }>(
				`select after from public.audit_events where table_name = 'strategy_measures' and row_id = $1 and operation = 'update'`,
				[made.measureId]
			)
		);
		expect(audited.map((a) => a.after.status)).toContain('running');

		// A new measure under a goal of another board: refused, and neither the decision nor a measure is written.
		const foreign = await createStrategy(db, { board: other, by: people.outsider });
		const before = await db.ownerTransaction((tx) =>
			tx.query(`select 1 from public.decision_entries where board_id = $1`, [board.id])
		);
		await expect(
			decisions.record(
				b,
				{ ...record, title: 'Fremdes Ziel' },
				{ measureAction: 'create', measureGoalId: foreign.goalId, measureTitle: 'Neu' }
			)
		).rejects.toMatchObject({ status: 404 });
		const after = await db.ownerTransaction((tx) =>
			tx.query(`select 1 from public.decision_entries where board_id = $1`, [board.id])
		);
		expect(after.length).toBe(before.length);
		const stray = await db.ownerTransaction((tx) =>
			tx.query(`select 1 from public.strategy_measures where title = 'Neu'`)
		);
		expect(stray).toEqual([]);

		// A decision that creates a measure: both or neither.
		const created = await decisions.record(
			b,
			{ ...record, title: 'Neue Maßnahme' },
			{
				measureAction: 'create',
				measureGoalId: made.goalId,
				measureTitle: 'Gründungsstipendium'
			}
		);
		const { fields } = await strategy.map(b, made.fieldId);
		const fresh = fields[0]!.goals[0]!.measures.find((m) => m.title === 'Gründungsstipendium');
		expect(fresh?.status).toBe('running');
		expect((await strategy.measure(b, fresh!.id)).decisions).toMatchObject([
			{ number: created.number, effect: 'started' }
		]);
	});

	it('creates a row once per form token (a double submit gives the first row back)', async () => {
		const { strategy, indicators, board: b } = await as('chair', 'chair');
		const token = randomUUID();
		const first = await strategy.createField(b, { title: 'Doppelt', description: '', formToken: token });
		const again = await strategy.createField(b, { title: 'Doppelt', description: '', formToken: token });
		expect(first.created).toBe(true);
		expect(again).toEqual({ id: first.id, created: false });
		const indicatorToken = randomUUID();
		const input = {
			goalId: made.goalId,
			name: 'Doppelt',
			unit: '%',
			source: '',
			baseline: null,
			baselineOn: null,
			target: null,
			targetOn: null
		};
		const one = await indicators.create(b, { ...input, formToken: indicatorToken });
		expect(await indicators.create(b, { ...input, formToken: indicatorToken })).toEqual({ id: one.id, created: false });
		const rowsNamed = await db.ownerTransaction((tx) =>
			tx.query(`select 1 from public.strategy_fields where title = 'Doppelt'`)
		);
		expect(rowsNamed).toHaveLength(1);
	});

	it('edits a goal and deletes a measure (office and chair), not as a member', async () => {
		const extra = await createStrategy(db, { board, by: people.chair, role: 'chair' });
		const chair = await as('chair', 'chair');
		const member = await as('member', 'member');
		await chair.strategy.updateGoal(chair.board, { goalId: extra.goalId, title: 'Umbenannt', description: 'neu' });
		await expect(member.strategy.remove(member.board, 'measure', extra.measureId)).rejects.toMatchObject({
			status: 403
		});
		await chair.strategy.remove(chair.board, 'measure', extra.measureId);
		const { fields } = await chair.strategy.map(chair.board, extra.fieldId);
		expect(fields[0]!.goals.map((g) => [g.title, g.measures.length, g.indicators.length])).toEqual([
			['Umbenannt', 0, 1]
		]);
		await expect(chair.strategy.remove(chair.board, 'measure', extra.measureId)).rejects.toMatchObject({ status: 404 });
		await chair.strategy.remove(chair.board, 'goal', extra.goalId);
		expect((await chair.strategy.map(chair.board, extra.fieldId)).fields[0]!.goals).toEqual([]);
	});

	it('refuses an incomplete measure choice before anything is written', async () => {
		const { board: b } = await as('office', 'office');
		const decisions = decisionService(await requestTo(db, people.office));
		await expect(
			decisions.record(
				b,
				{ title: 'T', resolution: 'R', kind: 'resolution', status: 'adopted', outcome: 'unanimous', isPublic: false },
				{ measureAction: 'update', measureId: made.measureId }
			)
		).rejects.toMatchObject({ status: 400 });
	});

	it('makes the report from the same figures as the map (PDF and DOCX)', async () => {
		const { createStrategyReportService } = await import('$lib/server/strategy/strategy-report.service');
		const context = await requestTo(db, people.member);
		const service = createStrategyReportService({ db: context.db, now: () => new Date('2026-12-06T10:00:00Z') });
		const pdf = await service.report({
			board: asBoard(board, 'member'),
			fieldId: made.fieldId,
			format: 'pdf',
			locale: 'de'
		});
		expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes)), { mergePages: true })).text;
		const { fields } = await strategyService(context).map(asBoard(board, 'member'), made.fieldId);
		// The field's roll-up and the indicator's latest value as the pages write them.
		expect(text).toContain(`${fields[0]!.progress.done} von ${fields[0]!.progress.total} Aufgaben erledigt`);
		expect(text).toContain('1.120 Personen');
		const docx = await service.report({ board: asBoard(board, 'member'), format: 'docx', locale: 'en' });
		expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
		await expect(service.report({ board: asBoard(board, 'guest'), format: 'pdf', locale: 'de' })).rejects.toMatchObject(
			{ status: 403 }
		);
	});
});
