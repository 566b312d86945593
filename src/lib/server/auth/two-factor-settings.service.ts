import type { BoardContext } from '../boards/policy';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { forbidden } from '../errors';

// The requirement of a second factor: per board (the office) and for the whole platform (an admin). The
// database functions check role and assurance themselves; a refusal comes back as false.

async function boardRequired(tx: Tx, boardId: string): Promise<boolean> {
	const [row] = await tx.query<{ on: boolean }>(`select require_two_factor as on from public.boards where id = $1`, [
		boardId
	]);
	return row?.on ?? false;
}

async function platformRequired(tx: Tx): Promise<boolean> {
	const [row] = await tx.query<{ on: boolean }>(`select require_two_factor as on from public.platform_settings`);
	return row?.on ?? false;
}

export function createTwoFactorSettingsService(deps: { db: ScopedDb }) {
	const { db } = deps;
	return {
		boardRequired: (board: BoardContext) => db.run((tx) => boardRequired(tx, board.id)),
		platformRequired: () => db.run(platformRequired),

		async setBoard(board: BoardContext, required: boolean): Promise<void> {
			const [row] = await db.run((tx) =>
				tx.query<{ ok: boolean }>(`select public.set_board_two_factor($1, $2) as ok`, [board.id, required])
			);
			if (!row?.ok) throw forbidden();
		},

		async setPlatform(required: boolean): Promise<void> {
			const [row] = await db.run((tx) =>
				tx.query<{ ok: boolean }>(`select public.set_platform_two_factor($1) as ok`, [required])
			);
			if (!row?.ok) throw forbidden();
		}
	};
}
