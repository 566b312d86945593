import { describe, expect, it } from 'vitest';
import { areasFor } from './board-areas';

const person = { isAdmin: false };
const admin = { isAdmin: true };
const paths = (actor: typeof person, role: Parameters<typeof areasFor>[1]['role']) =>
	areasFor(actor, { role }).map((area) => area.path);

describe('board areas', () => {
	it('shows office-only areas to the office alone', () => {
		expect(paths(person, 'office')).toEqual(expect.arrayContaining(['settings', 'audit']));
		expect(paths(person, 'member')).not.toContain('settings');
		expect(paths(person, 'chair')).not.toContain('audit');
	});

	it('keeps polls, votes, files, decisions and tasks out of a guest’s navigation', () => {
		expect(paths(person, 'guest')).toEqual(['meetings', 'members', 'papers', 'decisions']);
	});

	it('shows a platform admin without a role only what their RLS lets them read', () => {
		expect(paths(admin, null)).toEqual(['meetings', 'members', 'audit']);
	});

	it('shows nothing to a signed-in person without a role', () => {
		expect(paths(person, null)).toEqual([]);
	});
});
