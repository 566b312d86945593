import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import bcrypt from 'bcryptjs';

// scrypt parameters per OWASP's password storage guidance (N=2^17 needs 128 MiB; 2^15 keeps
// sign-in fast on a 2-core machine while staying above the minimum recommendation).
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

/** Hashes a new password as `$scrypt$N=…,r=…,p=…$<salt>$<key>` (base64). */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS);
	return `$scrypt$N=${PARAMS.N},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Checks a password against a stored hash: our scrypt format, or bcrypt as GoTrue stores it
 * (the demo seed and accounts moved over from Supabase).
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
	if (!stored) return false;
	if (stored.startsWith('$2')) return bcrypt.compare(password, stored);
	const match = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(stored);
	if (!match) return false;
	const [, n, r, p, salt, key] = match;
	const expected = Buffer.from(key!, 'base64');
	const actual = await derive(password, Buffer.from(salt!, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A real hash to compare against when an account does not exist, so timing does not reveal it.
let decoy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	await verifyPassword(password, await decoy);
}
