import { describe, expect, it } from 'vitest';
import { gateRedirect, twoFactorGate } from './two-factor-gate';

describe('two-factor gate', () => {
	it('holds an enrolled aal1 session at the code, a required unenrolled person at enrolment', () => {
		expect(twoFactorGate({ enrolled: true, required: false }, 'aal1')).toBe('verify');
		expect(twoFactorGate({ enrolled: true, required: true }, 'aal1')).toBe('verify');
		expect(twoFactorGate({ enrolled: false, required: true }, 'aal1')).toBe('enrol');
		expect(twoFactorGate({ enrolled: false, required: false }, 'aal1')).toBeNull();
		expect(twoFactorGate({ enrolled: true, required: true }, 'aal2')).toBeNull();
		expect(twoFactorGate(null, undefined)).toBeNull();
	});

	it('opens only its own page, sign-out and the language switch', () => {
		expect(gateRedirect('verify', '/login/2fa', '')).toBeNull();
		expect(gateRedirect('verify', '/logout', '')).toBeNull();
		expect(gateRedirect('verify', '/', '')).toBe('/login/2fa');
		expect(gateRedirect('verify', '/b/x/members', '?q=1')).toBe('/login/2fa?redirectTo=%2Fb%2Fx%2Fmembers%3Fq%3D1');
		expect(gateRedirect('enrol', '/profile/2fa', '')).toBeNull();
		expect(gateRedirect('enrol', '/b/x/members', '')).toBe('/profile/2fa');
		expect(gateRedirect('enrol', '/login/2fa', '')).toBe('/profile/2fa');
		expect(gateRedirect('verify', '/profile/2fa', '')).toBe('/login/2fa?redirectTo=%2Fprofile%2F2fa');
	});
});
