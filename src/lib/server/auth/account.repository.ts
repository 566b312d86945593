import type { Locale } from '$lib/i18n';
import type { Tx } from '../db/types';

/** Runs as a system task: is the account allowed into Beirat at all (admin or an active membership)? */
export async function accountIsActive(tx: Tx, userId: string): Promise<boolean> {
	const [row] = await tx.query<{ active: boolean }>(`select public.account_is_active($1) as active`, [userId]);
	return row?.active ?? false;
}

/** The profile behind an address (system task: used before anyone is signed in). */
export async function findAccountByEmail(tx: Tx, email: string): Promise<{ userId: string; locale: Locale } | null> {
	const [row] = await tx.query<{ userId: string; locale: Locale }>(
		`select user_id as "userId", locale from public.profiles where lower(email) = lower($1)`,
		[email]
	);
	return row ?? null;
}
