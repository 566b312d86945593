import type { Tx } from '../db/types';

// Local TOTP factors and recovery codes (public.totp_factors, public.mfa_recovery_codes), system task
// 'local-auth' only: no request role can read a secret or a code hash.

export interface FactorRow {
	secret: string;
	confirmed: boolean;
	lastStep: number | null;
}

export async function findFactor(tx: Tx, userId: string): Promise<FactorRow | null> {
	const [row] = await tx.query<FactorRow>(
		`select secret, confirmed_at is not null as confirmed, last_step::float8 as "lastStep"
		 from public.totp_factors where user_id = $1`,
		[userId]
	);
	return row ?? null;
}

/** Starts (or restarts) an enrolment with a new secret; false when a confirmed factor exists. */
export async function putPendingFactor(tx: Tx, userId: string, secret: string): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.totp_factors (user_id, secret) values ($1, $2)
		 on conflict (user_id) do update set secret = excluded.secret, created_at = now(), last_step = null
		 where public.totp_factors.confirmed_at is null
		 returning user_id`,
		[userId, secret]
	);
	return rows.length > 0;
}

/**
 * Records `step` as used when it is newer than the last used one, confirming a pending factor on the way;
 * false when another request used this or a newer step first (a replayed code).
 */
export async function useStep(tx: Tx, userId: string, step: number): Promise<boolean> {
	const rows = await tx.query(
		`update public.totp_factors set last_step = $2, confirmed_at = coalesce(confirmed_at, now())
		 where user_id = $1 and (last_step is null or last_step < $2) returning user_id`,
		[userId, step]
	);
	return rows.length > 0;
}

export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]): Promise<void> {
	await tx.query(`delete from public.mfa_recovery_codes where user_id = $1`, [userId]);
	await tx.query(`insert into public.mfa_recovery_codes (user_id, code_hash) select $1, unnest($2::text[])`, [
		userId,
		hashes
	]);
}

/** Uses a recovery code once: true for an unused code of the person, which is then spent. */
export async function useRecoveryCode(tx: Tx, userId: string, hash: string): Promise<boolean> {
	const rows = await tx.query(
		`update public.mfa_recovery_codes set used_at = now()
		 where user_id = $1 and code_hash = $2 and used_at is null returning id`,
		[userId, hash]
	);
	return rows.length > 0;
}

export async function unusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
	const [row] = await tx.query<{ n: number }>(
		`select count(*)::int as n from public.mfa_recovery_codes where user_id = $1 and used_at is null`,
		[userId]
	);
	return row?.n ?? 0;
}

export async function deleteFactor(tx: Tx, userId: string): Promise<void> {
	await tx.query(`delete from public.totp_factors where user_id = $1`, [userId]);
	await tx.query(`delete from public.mfa_recovery_codes where user_id = $1`, [userId]);
}

/** The caller's gate state, in the request's transaction (security definer, answers for auth.uid() only). */
export async function twoFactorState(tx: Tx): Promise<{ enrolled: boolean; required: boolean }> {
	const [row] = await tx.query<{ enrolled: boolean; required: boolean }>(
		`select enrolled, required from public.two_factor_state()`
	);
	return row ?? { enrolled: false, required: false };
}

/** Marks the session as passed the second factor (local auth's auth.sessions.aal). */
export async function raiseSession(tx: Tx, sessionId: string, userId: string): Promise<boolean> {
	const rows = await tx.query(
		`update auth.sessions set aal = 'aal2', updated_at = now() where id = $1 and user_id = $2 returning id`,
		[sessionId, userId]
	);
	return rows.length > 0;
}
