import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeRedirectTarget', () => {
	it('keeps local paths with their query and fragment', () => {
		expect(safeRedirectTarget('/b/x/members?tab=1', ORIGIN)).toBe('/b/x/members?tab=1');
		expect(safeRedirectTarget('/b/x/papers/1#abschnitt', ORIGIN)).toBe('/b/x/papers/1#abschnitt');
	});

	it('refuses other sites and odd values', () => {
		for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'members', '', null, undefined]) {
			expect(safeRedirectTarget(value, ORIGIN)).toBe('/');
		}
	});

	it('refuses addresses that browsers turn into another site (tab, newline, backslash tricks)', () => {
		// What `redirectTo=/%09/evil.example/phish` and friends decode to.
		for (const value of [
			'/\t/evil.example/phish',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'\\/evil.example',
			'/\\/evil.example',
			'/\t\\evil.example'
		]) {
			expect(safeRedirectTarget(value, ORIGIN)).toBe('/');
		}
	});

	it('never returns a value that is not a valid Location header', () => {
		// A newline inside a same-site path is dropped by the URL parser, as browsers do.
		expect(safeRedirectTarget('/b/x\n/members', ORIGIN)).toBe('/b/x/members');
		expect(safeRedirectTarget('/suche?q=a b', ORIGIN)).toBe('/suche?q=a%20b');
	});

	it('accepts only the app origin itself', () => {
		expect(safeRedirectTarget('/profile', 'https://beirat.example')).toBe('/profile');
		expect(safeRedirectTarget('/profile', 'https://beirat.example', '/login')).toBe('/profile');
		expect(safeRedirectTarget('https://beirat.example/profile', 'https://beirat.example')).toBe('/');
	});
});
