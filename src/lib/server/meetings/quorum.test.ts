import { describe, expect, it } from 'vitest';
import { quorum, quorumNeeded } from './quorum';

describe('quorum', () => {
	it.each([
		['more_than_half', 10, 6],
		['more_than_half', 9, 5],
		['at_least_half', 10, 5],
		['at_least_half', 9, 5],
		['two_thirds', 9, 6],
		['two_thirds', 10, 7]
	] as const)('%s of %i needs %i', (rule, total, needed) => {
		expect(quorumNeeded(rule, total)).toBe(needed);
		expect(quorum(rule, needed, total).reached).toBe(true);
		expect(quorum(rule, needed - 1, total).reached).toBe(false);
	});

	it('is never reached without voting members', () => {
		expect(quorum('at_least_half', 0, 0).reached).toBe(false);
	});
});
