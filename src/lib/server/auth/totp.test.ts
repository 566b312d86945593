import { describe, expect, it } from 'vitest';
import {
	acceptedStep,
	codeAt,
	groupedKey,
	looksLikeRecoveryCode,
	newRecoveryCodes,
	newTotpSecret,
	qrSvg,
	recoveryCodeHash,
	totpUri
} from './totp';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
// 2026-12-06T03:00:00Z, at the start of a 30-second step.
const now = Date.UTC(2026, 11, 6, 3, 0, 0);
const step = now / 1000 / 30;

describe('TOTP', () => {
	it('matches the RFC 6238 SHA-1 test vector', () => {
		// RFC 6238 appendix B: secret "12345678901234567890", T = 59 s, 8 digits 94287082 -> 6 digits 287082.
		expect(codeAt('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
	});

	it('accepts the current code and one step either side, nothing further', () => {
		expect(acceptedStep({ secret, code: codeAt(secret, now), lastStep: null, now })).toBe(step);
		expect(acceptedStep({ secret, code: codeAt(secret, now - 30_000), lastStep: null, now })).toBe(step - 1);
		expect(acceptedStep({ secret, code: codeAt(secret, now + 30_000), lastStep: null, now })).toBe(step + 1);
		expect(acceptedStep({ secret, code: codeAt(secret, now - 60_000), lastStep: null, now })).toBeNull();
		expect(acceptedStep({ secret, code: codeAt(secret, now + 60_000), lastStep: null, now })).toBeNull();
	});

	it('refuses a replayed code and any code of an older step', () => {
		const code = codeAt(secret, now);
		expect(acceptedStep({ secret, code, lastStep: step, now })).toBeNull();
		expect(acceptedStep({ secret, code: codeAt(secret, now - 30_000), lastStep: step - 1, now })).toBeNull();
		expect(acceptedStep({ secret, code: codeAt(secret, now + 30_000), lastStep: step, now })).toBe(step + 1);
	});

	it('refuses what is not six digits and tolerates spaces', () => {
		const code = codeAt(secret, now);
		expect(acceptedStep({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, lastStep: null, now })).toBe(step);
		for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`])
			expect(acceptedStep({ secret, code: bad, lastStep: null, now })).toBeNull();
	});

	it('makes fresh 160-bit secrets, an otpauth address and an SVG QR code', async () => {
		const fresh = newTotpSecret();
		expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
		expect(fresh).not.toBe(newTotpSecret());
		const uri = totpUri({ secret: fresh, account: 'office@beirat.example', issuer: 'Beirat' });
		expect(uri).toMatch(/^otpauth:\/\/totp\/Beirat:office%40beirat\.example\?/);
		expect(new URL(uri).searchParams.get('secret')).toBe(fresh);
		const svg = await qrSvg(uri);
		expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		expect(svg).not.toMatch(/<script|href=/i);
		expect(groupedKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
	});
});

describe('recovery codes', () => {
	it('makes ten distinct codes that hash the same however they are typed', () => {
		const codes = newRecoveryCodes();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) {
			expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
			expect(looksLikeRecoveryCode(code)).toBe(true);
			expect(recoveryCodeHash(code.toUpperCase().replace('-', ' '))).toBe(recoveryCodeHash(code));
		}
		expect(looksLikeRecoveryCode('123456')).toBe(false);
	});
});
