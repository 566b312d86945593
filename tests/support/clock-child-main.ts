// Entry of tests/support/clock-child.mjs. Env: CLOCK_CHILD_PGLITE_DIR (kept between runs),
// CLOCK_CHILD_WORLD (board and office of an earlier run, JSON), CLOCK_CHILD_DECISIONS (how many to record).
import { openPglite } from '$lib/server/db/pglite';
import { migrate } from '$lib/server/db/migrate';
import { addMember, createBoard, type TestBoard, type TestUser } from '../factories';
import { recordDecision } from '../factories/decisions';

/** What the shifted clock looks like from inside the process: JavaScript and the database. */
export interface ClockFacts {
	dateNow: number;
	newDate: number;
	dateCall: string;
	isDate: boolean;
	tag: string;
	epoch: string;
	utc: number;
	subclass: boolean;
	databaseNow: string;
}

export interface ClockChildResult {
	world: { board: TestBoard; office: TestUser };
	numbers: string[];
	recordedAt: string[];
	facts: ClockFacts;
}

class Stamp extends Date {}

export async function main(): Promise<ClockChildResult> {
	const db = await openPglite(process.env.CLOCK_CHILD_PGLITE_DIR!);
	try {
		await migrate(db);
		const given = process.env.CLOCK_CHILD_WORLD;
		let world: ClockChildResult['world'];
		if (given) world = JSON.parse(given) as ClockChildResult['world'];
		else {
			const board = await createBoard(db);
			world = { board, office: await addMember(db, { board, role: 'office' }) };
		}
		const numbers: string[] = [];
		const recordedAt: string[] = [];
		for (let i = 0; i < Number(process.env.CLOCK_CHILD_DECISIONS ?? 1); i++) {
			const { id, number } = await recordDecision(db, { board: world.board, by: world.office });
			const [row] = await db.ownerTransaction((tx) =>
				tx.query<{ at: string }>(
					`select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at from public.decision_entries where id = $1`,
					[id]
				)
			);
			numbers.push(number);
			recordedAt.push(row!.at);
		}
		const [now] = await db.ownerTransaction((tx) =>
			tx.query<{ at: string }>(`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`)
		);
		const facts: ClockFacts = {
			dateNow: Date.now(),
			newDate: new Date().getTime(),
			dateCall: Date(),
			isDate: new Date() instanceof Date,
			tag: Object.prototype.toString.call(new Date()),
			epoch: new Date(0).toISOString(),
			utc: Date.UTC(2027, 0, 1),
			subclass: new Stamp() instanceof Date && new Stamp().getTime() >= Date.now() - 60_000,
			databaseNow: now!.at
		};
		return { world, numbers, recordedAt, facts };
	} finally {
		await db.close();
	}
}
