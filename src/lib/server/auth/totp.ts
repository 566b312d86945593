import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { sha256 } from './tokens';

// TOTP as RFC 6238 and every authenticator app expect it: SHA-1, six digits, 30-second steps. A code is
// accepted one step early or late (clock drift), and each step only once (the caller stores the newest).

const PERIOD = 30;
const DIGITS = 6;
/** Steps accepted before and after the current one. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A fresh secret (160 bits, base32) for a new factor. */
export function newTotpSecret(): string {
	return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = '', issuer = 'Beirat'): TOTP {
	return new TOTP({
		issuer,
		label,
		algorithm: 'SHA1',
		digits: DIGITS,
		period: PERIOD,
		secret: Secret.fromBase32(secret)
	});
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(input: { secret: string; account: string; issuer: string }): string {
	return totp(input.secret, input.account, input.issuer).toString();
}

/** The QR code of `uri` as an SVG document (no script, no external reference). */
export function qrSvg(uri: string): Promise<string> {
	return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The base32 key in groups of four, as people type it into an app. */
export function groupedKey(secret: string): string {
	return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * The time step a code belongs to when it is right within the window and newer than `lastStep`; null
 * otherwise (wrong, too old, or a step already used: a replayed code).
 */
export function acceptedStep(input: {
	secret: string;
	code: string;
	lastStep: number | null;
	now?: number;
}): number | null {
	const code = input.code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(code)) return null;
	const now = input.now ?? Date.now();
	const delta = totp(input.secret).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
	if (delta === null) return null;
	const step = Math.floor(now / 1000 / PERIOD) + delta;
	return input.lastStep !== null && step <= input.lastStep ? null : step;
}

/** The code of a secret at `now` (tests, and nothing else: the server never shows codes). */
export function codeAt(secret: string, now: number): string {
	return totp(secret).generate({ timestamp: now });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten fresh recovery codes, `xxxxx-xxxxx` (about 49 bits each), shown once and stored hashed. */
export function newRecoveryCodes(): string[] {
	return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
		return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
	});
}

/** A recovery code as typed (any case, spaces or dashes) to its stored hash. */
export function recoveryCodeHash(code: string): string {
	return sha256(code.toLowerCase().replace(/[\s-]+/g, ''));
}

/** Whether input looks like a recovery code rather than a six-digit TOTP code. */
export function looksLikeRecoveryCode(code: string): boolean {
	return /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim().replace(/\s+/g, ''));
}
