import { describe, expect, it } from 'vitest';
import { secondsToWait, THROTTLE } from './sign-in-throttle';
import type { FailureCounts } from './throttle.repository';

const none: FailureCounts = {
	pairFailures: 0,
	pairLastAgeSeconds: 0,
	pairOldestAgeSeconds: 0,
	accountFailures: 0,
	accountOldestAgeSeconds: 0,
	ipFailures: 0,
	ipOldestAgeSeconds: 0
};

describe('secondsToWait', () => {
	it('lets a few typing mistakes pass without waiting', () => {
		expect(secondsToWait(none)).toBe(0);
		expect(
			secondsToWait({ ...none, pairFailures: THROTTLE.freePerPair - 1, accountFailures: THROTTLE.freePerPair - 1 })
		).toBe(0);
	});

	it('doubles the wait with each further failure from the same address', () => {
		const after = (failures: number, lastAgeSeconds = 0) =>
			secondsToWait({ ...none, pairFailures: failures, pairLastAgeSeconds: lastAgeSeconds, accountFailures: failures });
		expect(after(THROTTLE.freePerPair)).toBe(THROTTLE.firstDelaySeconds);
		expect(after(THROTTLE.freePerPair + 1)).toBe(2 * THROTTLE.firstDelaySeconds);
		expect(after(THROTTLE.freePerPair + 2)).toBe(4 * THROTTLE.firstDelaySeconds);
		expect(after(THROTTLE.freePerPair + 1, 5)).toBe(2 * THROTTLE.firstDelaySeconds - 5);
		expect(after(THROTTLE.freePerPair + 1, 2 * THROTTLE.firstDelaySeconds)).toBe(0);
	});

	it('holds one address to about perPair guesses per window', () => {
		const wait = secondsToWait({
			...none,
			pairFailures: THROTTLE.perPair,
			pairLastAgeSeconds: 3600,
			pairOldestAgeSeconds: 300,
			accountFailures: THROTTLE.perPair
		});
		expect(wait).toBe(THROTTLE.windowSeconds - 300);
	});

	it('does not slow the owner down for failures from other addresses below the account ceiling', () => {
		expect(secondsToWait({ ...none, accountFailures: THROTTLE.perAccount - 1, accountOldestAgeSeconds: 60 })).toBe(0);
		expect(secondsToWait({ ...none, accountFailures: THROTTLE.perAccount, accountOldestAgeSeconds: 60 })).toBe(
			THROTTLE.windowSeconds - 60
		);
	});

	it('stops an address that tries many accounts', () => {
		expect(secondsToWait({ ...none, ipFailures: THROTTLE.perIp, ipOldestAgeSeconds: 100 })).toBe(
			THROTTLE.windowSeconds - 100
		);
	});
});
