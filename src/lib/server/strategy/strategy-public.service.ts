import type { ScopedDb } from '../db/scoped';
import { requireBoard } from '../citizens/citizens.service';
import { listValues } from './strategy.repository';
import { readMap } from './strategy.service';

// The published fields of the strategy map on the citizens' pages (#16). `db` is the anon handle: the
// policies `to anon` serve a published field of a public board and what hangs below it, nothing else.

export function createPublicStrategyService({ db }: { db: ScopedDb }) {
	return {
		async map(slug: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const fields = await readMap(tx, { boardId: board.id, public: true });
				const series = new Map<string, Awaited<ReturnType<typeof listValues>>>();
				for (const indicator of fields.flatMap((f) => f.goals.flatMap((g) => g.indicators)))
					series.set(indicator.id, await listValues(tx, board.id, indicator.id));
				return { board, fields, series: Object.fromEntries(series) };
			});
		}
	};
}
