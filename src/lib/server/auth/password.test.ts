import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const hash = await hashPassword('richtig-langes-passwort');
		expect(hash).toMatch(/^\$scrypt\$N=32768,r=8,p=1\$/);
		expect(await verifyPassword('richtig-langes-passwort', hash)).toBe(true);
		expect(await verifyPassword('falsches-passwort', hash)).toBe(false);
	});

	it('salts every hash', async () => {
		expect(await hashPassword('gleich-gleich')).not.toBe(await hashPassword('gleich-gleich'));
	});

	it('accepts bcrypt hashes as GoTrue stores them', async () => {
		const hash = bcrypt.hashSync('beirat-demo', 4).replace(/^\$2b\$/, '$2a$');
		expect(await verifyPassword('beirat-demo', hash)).toBe(true);
		expect(await verifyPassword('beirat-demo!', hash)).toBe(false);
	});

	it('refuses empty and malformed hashes', async () => {
		expect(await verifyPassword('x', null)).toBe(false);
		expect(await verifyPassword('x', '$scrypt$broken')).toBe(false);
	});
});
