import { ServiceError } from '../errors';
import type { Tx } from './types';

/** Tables whose rows are made by a create form and carry its one-time `form_token` (unique). */
export type FormTokenTable = 'meetings' | 'papers' | 'agenda_items' | 'polls' | 'tasks' | 'votes' | 'comment_threads' | 'comments' | 'paper_versions';

/** The id of the row a form token created in `table`, or null. */
export async function rowOfFormToken(tx: Tx, table: FormTokenTable, formToken: string | null | undefined): Promise<string | null> {
	if (!formToken) return null;
	const [row] = await tx.query<{ id: string }>(`select id from public.${table} where form_token = $1`, [formToken]);
	return row?.id ?? null;
}

/**
 * Runs `insert`, which writes the row with the given `id` and `form_token` and ends in
 * `on conflict (form_token) do nothing`; then tells whether this call created it. A repeated token
 * (a double submit, also a concurrent one: the unique index makes it wait for the first) returns the
 * first row, so callers send their mails only when `created`. The id is made by the caller because
 * RETURNING would check select policies that cannot see the row of their own statement. Tables whose
 * select policy reads the table itself (meetings, papers) use `on conflict do nothing` without a target:
 * a conflict target makes Postgres check the select policy on the new row too, which fails the same way;
 * their only other unique key is the random id.
 */
export async function insertOnce(
	tx: Tx,
	input: {
		/** The table written (for reading back the earlier row). */
		table: FormTokenTable;
		/** The id for a new row. */
		id: string;
		/** The form's token; without one (code, seed) the row is always new. */
		formToken: string | null | undefined;
		/** The insert itself. */
		insert: () => Promise<unknown>;
	}
): Promise<{ id: string; created: boolean }> {
	await input.insert();
	if (!input.formToken) return { id: input.id, created: true };
	const id = await rowOfFormToken(tx, input.table, input.formToken);
	// The token's row exists but this person cannot see it: not a repeat of their own form.
	if (!id) throw new ServiceError(409, 'form.error.tokenUsed');
	return { id, created: id === input.id };
}
