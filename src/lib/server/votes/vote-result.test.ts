import { describe, expect, it } from 'vitest';
import { voteOutcome } from './vote-result';

describe('voteOutcome', () => {
	const cast = { majority: 'cast' as const, minParticipation: 50 };
	const members = { majority: 'members' as const, minParticipation: 50 };
	it('adopts with more yes than no among votes cast', () => {
		expect(voteOutcome(cast, { yes: 2, no: 1, voted: 5, eligible: 10 })).toBe('adopted');
		expect(voteOutcome(cast, { yes: 2, no: 2, voted: 5, eligible: 10 })).toBe('rejected');
	});
	it('needs more than half of all voting members for the members rule', () => {
		expect(voteOutcome(members, { yes: 3, no: 0, voted: 5, eligible: 6 })).toBe('rejected');
		expect(voteOutcome(members, { yes: 4, no: 0, voted: 5, eligible: 6 })).toBe('adopted');
	});
	it('is not valid below the minimum participation', () => {
		expect(voteOutcome(cast, { yes: 2, no: 0, voted: 2, eligible: 5 })).toBe('failed');
		expect(voteOutcome(cast, { yes: 2, no: 1, voted: 3, eligible: 6 })).toBe('adopted');
	});
});
