import path from 'node:path';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import { chainEntries } from './decision.repository';
import { verifyChain } from './decision-verify';

/**
 * `npm run decisions:verify`: checks every board's decision chain. Uses DATABASE_URL, else the
 * embedded database in DATA_DIR (default ./data) — PGlite allows ONE process per directory, so
 * the app must be stopped first. Exit code 0 = all chains intact, 1 = a broken entry, 2 = error.
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
	const db: Database = env.DATABASE_URL
		? openPostgres(env.DATABASE_URL, { max: 1 })
		: await openPglite(path.join(path.resolve(env.DATA_DIR ?? './data'), 'db'));
	try {
		return await withSystem(db, 'decision-verify', async (tx) => {
			const boards = await tx.query<{ id: string; slug: string }>(
				`select b.id, b.slug from public.boards b where exists (select 1 from public.decision_entries e where e.board_id = b.id) order by b.slug`
			);
			let broken = 0;
			for (const board of boards) {
				const verdict = verifyChain(await chainEntries(tx, board.id));
				if (verdict.ok) console.log(`OK      ${board.slug}: ${verdict.count} entries`);
				else {
					broken++;
					console.log(
						`BROKEN  ${board.slug}: first broken entry ${verdict.brokenNumber} (revision ${verdict.brokenRevision}, position ${verdict.brokenSeq}, ${verdict.reason})`
					);
				}
			}
			if (boards.length === 0) console.log('No decisions recorded.');
			return broken > 0 ? 1 : 0;
		});
	} finally {
		await db.close();
	}
}
