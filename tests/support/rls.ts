import { withAnon, withUser, type Claims } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';

class Rollback extends Error {}

export type Outcome = 'allowed' | 'refused';

/**
 * Runs `fn` as the actor (claims, or null for a signed-out visitor) and always rolls back.
 * `fn` returns the number of rows it saw or changed: more than 0 is "allowed"; 0 rows or
 * SQLSTATE 42501 (insufficient privilege / RLS violation) is "refused". Anything else fails the test.
 */
export async function attempt(db: Database, claims: Claims | null, fn: (tx: Tx) => Promise<number>): Promise<Outcome> {
	let count = 0;
	const body = async (tx: Tx) => {
		count = await fn(tx);
		throw new Rollback();
	};
	try {
		await (claims ? withUser(db, claims, body) : withAnon(db, body));
	} catch (error) {
		if (error instanceof Rollback) return count > 0 ? 'allowed' : 'refused';
		if ((error as { code?: string }).code === '42501') return 'refused';
		throw error;
	}
	throw new Error('unreachable: the attempt always rolls back');
}

/** Row count of a statement (rows returned; use `returning 1` for writes). */
export async function rows(tx: Tx, text: string, params: unknown[] = []): Promise<number> {
	return (await tx.query(text, params)).length;
}

/**
 * One row of an RLS matrix: runs `fn` as every actor and returns what happened next to what the row
 * allows, so a test compares the two whole maps and a failure names every actor that differs.
 */
export async function matrixRow<A extends string>(input: {
	db: Database;
	actors: readonly A[];
	/** Claims of an actor, null for a signed-out visitor. */
	claims: (actor: A) => Claims | null;
	allowed: readonly A[];
	run: (tx: Tx) => Promise<number>;
}): Promise<{ outcomes: Record<string, Outcome>; expected: Record<string, Outcome> }> {
	const outcomes: Record<string, Outcome> = {};
	const expected: Record<string, Outcome> = {};
	for (const actor of input.actors) {
		outcomes[actor] = await attempt(input.db, input.claims(actor), input.run);
		expected[actor] = input.allowed.includes(actor) ? 'allowed' : 'refused';
	}
	return { outcomes, expected };
}
