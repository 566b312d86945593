import type { Tx } from '../db/types';

/** Failed password sign-ins within the window, as the throttle (sign-in-throttle.ts) weighs them. */
export interface FailureCounts {
	/** This account from this address, after this address last signed in to it successfully. */
	pairFailures: number;
	/** Seconds since the newest of those failures. */
	pairLastAgeSeconds: number;
	/** Seconds since the oldest of those failures. */
	pairOldestAgeSeconds: number;
	/** This account from any address. */
	accountFailures: number;
	accountOldestAgeSeconds: number;
	/** This address for any account. */
	ipFailures: number;
	ipOldestAgeSeconds: number;
}

export async function countRecentFailures(
	tx: Tx,
	input: { email: string; ip: string; windowSeconds: number }
): Promise<FailureCounts> {
	const [row] = await tx.query<FailureCounts>(
		`with account as (
			select ip, succeeded, created_at from public.sign_in_attempts
			where lower(email) = lower($1) and created_at > now() - make_interval(secs => $3)
		), pair as (
			select created_at from account
			where ip = $2 and not succeeded
			  and created_at > coalesce((select max(created_at) from account where ip = $2 and succeeded), '-infinity')
		), address as (
			select created_at from public.sign_in_attempts
			where ip = $2 and not succeeded and created_at > now() - make_interval(secs => $3)
		)
		select
			(select count(*)::int from pair) as "pairFailures",
			coalesce((select extract(epoch from now() - max(created_at))::float8 from pair), 0) as "pairLastAgeSeconds",
			coalesce((select extract(epoch from now() - min(created_at))::float8 from pair), 0) as "pairOldestAgeSeconds",
			(select count(*)::int from account where not succeeded) as "accountFailures",
			coalesce((select extract(epoch from now() - min(created_at))::float8 from account where not succeeded), 0) as "accountOldestAgeSeconds",
			(select count(*)::int from address) as "ipFailures",
			coalesce((select extract(epoch from now() - min(created_at))::float8 from address), 0) as "ipOldestAgeSeconds"`,
		[input.email, input.ip, input.windowSeconds]
	);
	return row!;
}

/** Serialises the throttle's check-and-record per account, so parallel guesses cannot all pass the check. */
export async function lockAccountAttempts(tx: Tx, email: string): Promise<void> {
	await tx.query(`select pg_advisory_xact_lock(hashtextextended('sign-in:' || lower($1), 0))`, [email]);
}

/** Records an attempt; returns its id so that its outcome can be settled once the password is checked. */
export async function recordAttempt(tx: Tx, input: { email: string; ip: string; succeeded: boolean }): Promise<string> {
	const [row] = await tx.query<{ id: string }>(
		`insert into public.sign_in_attempts (email, ip, succeeded) values ($1, $2, $3) returning id::text as id`,
		[input.email.slice(0, 320), input.ip.slice(0, 100), input.succeeded]
	);
	// Keep the table small: attempts older than a day no longer matter.
	await tx.query(`delete from public.sign_in_attempts where created_at < now() - interval '1 day'`);
	return row!.id;
}

export async function markAttemptSucceeded(tx: Tx, id: string): Promise<void> {
	await tx.query(`update public.sign_in_attempts set succeeded = true where id = $1`, [id]);
}

export async function deleteAttempt(tx: Tx, id: string): Promise<void> {
	await tx.query(`delete from public.sign_in_attempts where id = $1`, [id]);
}
