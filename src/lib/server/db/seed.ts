import seedSql from '../../../../supabase/seed.sql?raw';
import type { Database } from './types';

/** Seeds the demo board (supabase/seed.sql) once; the SQL itself is idempotent too. */
export async function seedDemoData(db: Database): Promise<boolean> {
	return db.ownerTransaction(async (tx) => {
		const [row] = await tx.query<{ seeded: boolean }>(
			`select exists (select 1 from public.boards where slug = 'wirtschaft-hamm-2030') as seeded`
		);
		if (row?.seeded) return false;
		await tx.exec(seedSql);
		return true;
	});
}
