import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import * as repo from './strategy.repository';
import * as write from './strategy-write.repository';
import { importable, parseIndicatorCsv, type ParsedCsv } from './indicator-csv';
import type { IndicatorForm, IndicatorUpdate } from './strategy.schema';
import type { IndicatorValue } from '$lib/types/strategy.types';

// Indicators of the strategy map (#16): their page (series, chart data), the edit forms, single values
// and the CSV import (a preview first; the import itself checks again and saves every row or none).

export interface IndicatorServiceDeps {
	db: ScopedDb;
}

export function createIndicatorService({ db }: IndicatorServiceDeps) {
	const requireEdit = (board: BoardContext) => {
		if (!allowed(board, 'strategy.edit')) throw forbidden();
	};

	async function parse(board: BoardContext, indicatorId: string, csv: string): Promise<ParsedCsv> {
		return db.run(async (tx) => {
			const [indicator] = await repo.listIndicators(tx, { boardId: board.id, indicatorId });
			if (!indicator) throw notFound();
			const existing = new Set((await repo.listValues(tx, board.id, indicatorId)).map((v) => v.observedOn));
			return parseIndicatorCsv(csv, { unit: indicator.unit, existing });
		});
	}

	return {
		async page(board: BoardContext, id: string) {
			if (!allowed(board, 'strategy.read')) throw forbidden();
			return db.run(async (tx) => {
				const [indicator] = await repo.listIndicators(tx, { boardId: board.id, indicatorId: id });
				if (!indicator) throw notFound();
				return {
					indicator,
					goal: await repo.goalOf(tx, indicator.goalId),
					values: await repo.listValues(tx, board.id, id),
					canEdit: allowed(board, 'strategy.edit')
				};
			});
		},

		async create(board: BoardContext, input: IndicatorForm) {
			requireEdit(board);
			return db.run(async (tx) => {
				if (!(await repo.goalExists(tx, board.id, input.goalId))) throw notFound();
				return write.insertIndicator(tx, { ...input, boardId: board.id });
			});
		},

		async update(board: BoardContext, id: string, input: IndicatorUpdate) {
			requireEdit(board);
			await db.run(async (tx) => {
				if (!(await write.updateIndicator(tx, board.id, id, input))) throw notFound();
			});
		},

		/** One value entered by hand (replaces that day's value). */
		async addValue(board: BoardContext, id: string, value: IndicatorValue) {
			requireEdit(board);
			await db.run(async (tx) => {
				if ((await repo.listIndicators(tx, { boardId: board.id, indicatorId: id })).length === 0) throw notFound();
				await write.upsertValue(tx, board.id, id, value);
			});
		},

		/** What an import of `csv` would save, row by row with its errors; saves nothing. */
		async preview(board: BoardContext, id: string, csv: string): Promise<ParsedCsv> {
			requireEdit(board);
			return parse(board, id, csv);
		},

		/** Saves every row of `csv` in one statement, or nothing when a row is wrong (then 400 with the rows). */
		async import(board: BoardContext, id: string, csv: string): Promise<{ count: number }> {
			requireEdit(board);
			return db.run(async (tx) => {
				const [indicator] = await repo.listIndicators(tx, { boardId: board.id, indicatorId: id });
				if (!indicator) throw notFound();
				// Under the indicator's row lock a concurrent import cannot slip a value in between check and write.
				await tx.query(`select 1 from public.strategy_indicators where id = $1 for update`, [id]);
				const existing = new Set((await repo.listValues(tx, board.id, id)).map((v) => v.observedOn));
				const parsed = parseIndicatorCsv(csv, { unit: indicator.unit, existing });
				if (!importable(parsed)) throw new ServiceError(400, parsed.fileError ?? 'strategy.import.error.rows');
				const values = parsed.rows.map((r) => ({ observedOn: r.observedOn!, value: r.value! }));
				await write.insertValues(tx, board.id, id, values);
				return { count: values.length };
			});
		}
	};
}

export type IndicatorService = ReturnType<typeof createIndicatorService>;
