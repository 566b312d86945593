import type { Tx } from '../db/types';

export interface FailureCounts {
	byEmail: number;
	byIp: number;
	/** Seconds until the oldest counted failure leaves the window. */
	oldestAgeSeconds: number;
}

/** Failures in the window; per account only those after its last successful sign-in. */
export async function countRecentFailures(
	tx: Tx,
	input: { email: string; ip: string; windowSeconds: number }
): Promise<FailureCounts> {
	const [row] = await tx.query<FailureCounts>(
		`with recent as (
			select * from public.sign_in_attempts where created_at > now() - make_interval(secs => $3)
		), last_success as (
			select max(created_at) as at from recent where lower(email) = lower($1) and succeeded
		)
		select
			(select count(*)::int from recent, last_success
			 where lower(email) = lower($1) and not succeeded and (last_success.at is null or created_at > last_success.at)) as "byEmail",
			(select count(*)::int from recent where ip = $2 and not succeeded) as "byIp",
			coalesce((select extract(epoch from now() - min(created_at))::int from recent
			  where (lower(email) = lower($1) or ip = $2) and not succeeded), 0) as "oldestAgeSeconds"`,
		[input.email, input.ip, input.windowSeconds]
	);
	return row!;
}

export async function recordAttempt(tx: Tx, input: { email: string; ip: string; succeeded: boolean }): Promise<void> {
	await tx.query(`insert into public.sign_in_attempts (email, ip, succeeded) values ($1, $2, $3)`, [
		input.email.slice(0, 320),
		input.ip.slice(0, 100),
		input.succeeded
	]);
	// Keep the table small: attempts older than a day no longer matter.
	await tx.query(`delete from public.sign_in_attempts where created_at < now() - interval '1 day'`);
}
