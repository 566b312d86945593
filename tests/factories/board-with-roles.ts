import type { Database } from '$lib/server/db/types';
import type { BoardRole } from '$lib/roles';
import { addMember, createBoard, makeAdmin, type TestBoard, type TestUser } from './index';

/**
 * One seat of `boardWithRoles`: a role on the board, or a role on the other board (a member elsewhere),
 * an inactive membership, or a platform admin without a membership.
 */
export type Seat = BoardRole | { role: BoardRole; otherBoard?: boolean; active?: boolean } | 'admin';

/** A member (with their membership's id), or the platform admin of an `'admin'` seat. */
export type Person<S extends Seat> = S extends 'admin' ? TestUser : TestUser & { membershipId: string };

/**
 * A board with one person per seat, created in the order given (names are the test's own: `office`,
 * `m1`, `outsider` …). The other board exists when a seat is on it.
 */
export async function boardWithRoles<const S extends Record<string, Seat>>(
	db: Database,
	seats: S
): Promise<{ board: TestBoard; other: TestBoard; people: { [K in keyof S]: Person<S[K]> } }> {
	const board = await createBoard(db);
	const needsOther = Object.values(seats).some((seat) => typeof seat === 'object' && seat.otherBoard);
	const other = needsOther ? await createBoard(db) : (undefined as unknown as TestBoard);
	const people: Record<string, TestUser> = {};
	for (const [name, seat] of Object.entries(seats)) {
		if (seat === 'admin') people[name] = await makeAdmin(db);
		else if (typeof seat === 'string') people[name] = await addMember(db, { board, role: seat });
		else
			people[name] = await addMember(db, {
				board: seat.otherBoard ? other : board,
				role: seat.role,
				active: seat.active
			});
	}
	return { board, other, people: people as { [K in keyof S]: Person<S[K]> } };
}
