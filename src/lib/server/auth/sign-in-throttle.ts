import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import {
	countRecentFailures,
	deleteAttempt,
	lockAccountAttempts,
	markAttemptSucceeded,
	recordAttempt,
	type FailureCounts
} from './throttle.repository';

/**
 * Limits of password sign-in. Failures are counted per account *and* address, so someone guessing
 * from their address slows down only themselves: the owner signs in from theirs as usual. Per
 * account a far higher ceiling stops guessing spread over many addresses; per address a ceiling
 * stops trying many accounts. Sign-in by mailed link is never throttled here, so even an account
 * at its ceiling can always get in.
 */
export const THROTTLE = {
	/** Failures per account and address that cost no waiting (typing mistakes). */
	freePerPair: 3,
	/** The wait after the first failure beyond the free ones; it doubles with each further failure. */
	firstDelaySeconds: 10,
	/** Failures per account and address after which that address waits for the window to pass. */
	perPair: 10,
	/** Failures per account from all addresses together (guessing spread over many addresses). */
	perAccount: 100,
	/** Failures per address across all accounts (one address trying many accounts). */
	perIp: 30,
	/** How long a failure counts. */
	windowSeconds: 15 * 60
} as const;

export type ThrottleLimits = { [K in keyof typeof THROTTLE]: number };

/**
 * Seconds this address must wait before it may try this account's password again; 0 when it may
 * now. Doubling waits keep a person who mistypes a few times going, and hold a guesser from one
 * address to about `perPair` guesses per window.
 */
export function secondsToWait(counts: FailureCounts, limits: ThrottleLimits = THROTTLE): number {
	const untilWindowPasses = (oldestAgeSeconds: number) => Math.max(1, limits.windowSeconds - oldestAgeSeconds);
	const waits = [0];
	if (counts.ipFailures >= limits.perIp) waits.push(untilWindowPasses(counts.ipOldestAgeSeconds));
	if (counts.accountFailures >= limits.perAccount) waits.push(untilWindowPasses(counts.accountOldestAgeSeconds));
	if (counts.pairFailures >= limits.perPair) waits.push(untilWindowPasses(counts.pairOldestAgeSeconds));
	else if (counts.pairFailures >= limits.freePerPair) {
		const delay = limits.firstDelaySeconds * 2 ** (counts.pairFailures - limits.freePerPair);
		waits.push(delay - counts.pairLastAgeSeconds);
	}
	return Math.max(0, Math.ceil(Math.max(...waits)));
}

/**
 * The throttle around one password check. An attempt is recorded as failed *before* the password is
 * checked (under a per-account lock), so guesses sent in parallel count against each other; the
 * outcome is settled afterwards.
 */
export function createSignInThrottle(db: Database, limits: ThrottleLimits = THROTTLE) {
	const run = <T>(fn: Parameters<typeof withSystem<T>>[2]) => withSystem(db, 'throttle', fn);
	return {
		/** The attempt's id, or the seconds this address has to wait before trying this account again. */
		begin(input: { email: string; ip: string }): Promise<{ id: string } | { waitSeconds: number }> {
			return run(async (tx) => {
				await lockAccountAttempts(tx, input.email);
				const waitSeconds = secondsToWait(
					await countRecentFailures(tx, { ...input, windowSeconds: limits.windowSeconds }),
					limits
				);
				return waitSeconds > 0 ? { waitSeconds } : { id: await recordAttempt(tx, { ...input, succeeded: false }) };
			});
		},
		/** The password was right: the attempt no longer counts, and this address starts afresh. */
		succeeded: (id: string) => run((tx) => markAttemptSucceeded(tx, id)),
		/** Not a wrong password (an outage, a deactivated account): the attempt does not count at all. */
		discard: (id: string) => run((tx) => deleteAttempt(tx, id))
	};
}
