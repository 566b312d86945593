import { createHash } from 'node:crypto';
import { ServiceError } from '../errors';
import { isUuid } from '../common.schema';
import type { Tx } from './types';

/** Tables whose rows are made by a create form and carry its one-time `form_token` (unique). */
export type FormTokenTable =
	| 'meetings'
	| 'papers'
	| 'agenda_items'
	| 'agenda_proposals'
	| 'polls'
	| 'tasks'
	| 'votes'
	| 'comment_threads'
	| 'comments'
	| 'paper_versions'
	| 'files'
	| 'invitations'
	| 'boards'
	| 'minutes';

/** The id of the row a form token created in `table`, or null. */
export async function rowOfFormToken(
	tx: Tx,
	table: FormTokenTable,
	formToken: string | null | undefined
): Promise<string | null> {
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

// Creates that are more than one plain insert (uploads of several files, invitations that renew an open
// one, boards, minutes, a poll's meeting) use these as well.

/**
 * Makes a repeat of the same form wait for the first: a transaction-scoped advisory lock on the token.
 * The transaction's next statement then sees what a finished twin wrote (read committed).
 */
export async function lockFormToken(tx: Tx, formToken: string | null | undefined): Promise<void> {
	if (!formToken) return;
	await tx.query(`select pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [`form-token:${formToken}`]);
}

/**
 * The token of the `index`-th row one form makes (an upload form with several files): the form's
 * token for the first, a UUID derived from it for the others, so a repeated form finds every row again.
 * A `scope` (the agenda item of an attachment form: one page renders one token for all of them) gives
 * each scope its own tokens.
 */
export function partToken(formToken: string | null | undefined, index: number, scope?: string | null): string | null {
	if (!formToken) return null;
	if (index === 0 && !scope) return formToken;
	const hex = createHash('sha256')
		.update(`${formToken.toLowerCase()}:${scope ?? ''}:${index}`)
		.digest('hex');
	const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A form token from a form field: none when absent or empty; anything else must be a UUID. */
export function formTokenOf(value: FormDataEntryValue | null): string | null {
	if (value === null || value === '') return null;
	if (typeof value !== 'string' || !isUuid(value)) {
		throw new ServiceError(400, 'form.error.tokenUsed');
	}
	return value;
}

/**
 * A unique violation on a form token index (a token of a row this person cannot see, e.g. another
 * board's) becomes the clean refusal; anything else is rethrown.
 */
export function refuseUsedToken(error: unknown): never {
	const failure = error as { code?: string; constraint?: string; message?: string } | null;
	if (failure?.code === '23505' && `${failure.constraint ?? ''} ${failure.message ?? ''}`.includes('form_token')) {
		throw new ServiceError(409, 'form.error.tokenUsed');
	}
	throw error;
}
