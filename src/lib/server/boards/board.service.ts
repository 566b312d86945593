import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden } from '../errors';
import * as repo from './board.repository';
import type { FormTokenInput } from '../common.schema';
import type { BoardInput } from './board.schema';

/** Boards are managed by platform admins (IT operations); RLS enforces the same. */
export function createBoardService({ db, isAdmin }: { db: ScopedDb; isAdmin: boolean }) {
	return {
		async list() {
			if (!isAdmin) throw forbidden();
			return db.run(repo.listBoards);
		},
		/** A new board; the same form token again (a double click, a resent form) returns the board it made. */
		async create(input: BoardInput & FormTokenInput): Promise<repo.BoardRow & { created: boolean }> {
			if (!isAdmin) throw forbidden();
			return db.run(async (tx) => {
				const created = await repo.insertBoard(tx, input);
				if (created) return { ...created, created: true };
				const earlier = await repo.boardOfFormToken(tx, input.formToken);
				if (earlier) return { ...earlier, created: false };
				throw new ServiceError(409, 'admin.error.slugTaken');
			});
		}
	};
}
