import { z } from 'zod';
import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden } from '../errors';
import * as repo from './board.repository';

export const boardSchema = z.object({
	name: z.string().trim().min(1).max(200),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
});

/** Boards are managed by platform admins (IT operations); RLS enforces the same. */
export function createBoardService({ db, isAdmin }: { db: ScopedDb; isAdmin: boolean }) {
	return {
		async list() {
			if (!isAdmin) throw forbidden();
			return db.run(repo.listBoards);
		},
		async create(input: z.infer<typeof boardSchema>) {
			if (!isAdmin) throw forbidden();
			try {
				return await db.run((tx) => repo.insertBoard(tx, input));
			} catch (error) {
				if ((error as { code?: string }).code === '23505') throw new ServiceError(409, 'admin.error.slugTaken');
				throw error;
			}
		}
	};
}
