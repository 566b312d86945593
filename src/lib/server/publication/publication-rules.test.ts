import { describe, expect, it } from 'vitest';
import { DECISION_STATUSES } from '$lib/types/decision.types';
import { decisionPublicity, isPublicMeeting } from './publication-rules';

describe('decisionPublicity', () => {
	it('publishes only public decisions that were adopted or implemented', () => {
		const verdicts = Object.fromEntries(
			DECISION_STATUSES.map((status) => [status, decisionPublicity({ isPublic: true, status })])
		);
		expect(verdicts).toEqual({
			adopted: 'publishable',
			implemented: 'publishable',
			rejected: 'notAdopted',
			deferred: 'notAdopted',
			withdrawn: 'notAdopted',
			superseded: 'notAdopted'
		});
	});

	it('never publishes a decision taken in the non-public part, whatever its status', () => {
		for (const status of DECISION_STATUSES) expect(decisionPublicity({ isPublic: false, status })).toBe('notPublic');
	});
});

describe('isPublicMeeting', () => {
	it('needs a published agenda and no cancellation', () => {
		expect(isPublicMeeting({ agendaPublishedAt: '2026-12-01T10:00:00Z', status: 'invited' })).toBe(true);
		expect(isPublicMeeting({ agendaPublishedAt: '2026-12-01T10:00:00Z', status: 'held' })).toBe(true);
		expect(isPublicMeeting({ agendaPublishedAt: null, status: 'planned' })).toBe(false);
		expect(isPublicMeeting({ agendaPublishedAt: '2026-12-01T10:00:00Z', status: 'cancelled' })).toBe(false);
	});
});
