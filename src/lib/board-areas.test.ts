import { describe, expect, it } from 'vitest';
import { areasFor } from './board-areas';

describe('board areas', () => {
	it('shows office-only areas to the office alone', () => {
		expect(areasFor('office').map((a) => a.path)).toContain('settings');
		expect(areasFor('member').map((a) => a.path)).not.toContain('settings');
	});

	it('keeps polls from guests', () => {
		expect(areasFor('guest').map((a) => a.path)).toEqual(['meetings', 'members', 'papers']);
	});

	it('shows a platform admin without a role only what their RLS lets them read', () => {
		expect(areasFor(null).map((a) => a.path)).toEqual(['meetings', 'members']);
	});
});
