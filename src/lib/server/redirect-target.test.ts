import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

describe('safeRedirectTarget', () => {
	it('keeps local paths', () => {
		expect(safeRedirectTarget('/b/x/members?tab=1')).toBe('/b/x/members?tab=1');
	});
	it('refuses other sites and odd values', () => {
		for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'members', '', null, undefined]) {
			expect(safeRedirectTarget(value)).toBe('/');
		}
	});
});
