import fs from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface SigningKeys {
	kid: string;
	privateKey: CryptoKey;
	publicKey: CryptoKey;
}

/**
 * The local adapter's ES256 signing key, generated once into DATA_DIR/keys so sessions survive
 * a restart. Written with mode 0600 to an exclusive temp file first: two processes starting at
 * once end up with the same key.
 */
export async function loadOrCreateSigningKeys(dataDir: string): Promise<SigningKeys> {
	const dir = path.join(dataDir, 'keys');
	const file = path.join(dir, 'auth-es256.jwk.json');
	await fs.mkdir(dir, { recursive: true, mode: 0o700 });
	let jwk: JWK;
	try {
		jwk = JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
	} catch {
		const { privateKey } = await generateKeyPair('ES256', { extractable: true });
		const fresh = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), alg: 'ES256' };
		const temp = `${file}.${process.pid}.tmp`;
		await fs.writeFile(temp, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
		try {
			await fs.link(temp, file);
		} catch {
			// Another process won the race; use its key.
		}
		await fs.unlink(temp);
		jwk = JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
	}
	const { d: _private, ...publicJwk } = jwk;
	return {
		kid: jwk.kid!,
		privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey,
		publicKey: (await importJWK(publicJwk, 'ES256')) as CryptoKey
	};
}
