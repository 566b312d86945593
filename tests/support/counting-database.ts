import type { Database } from '$lib/server/db/types';

/** The same database, counting the transactions opened through it as the app's role (not the owner's). */
export function countingTransactions(db: Database): { db: Database; transactions: () => number } {
	let count = 0;
	return {
		db: {
			...db,
			transaction: (fn) => {
				count += 1;
				return db.transaction(fn);
			}
		},
		transactions: () => count
	};
}
