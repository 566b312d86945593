import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random secret (256 bits). */
export function randomSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their SHA-256, so a database leak does not leak live links or sessions. */
export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}
