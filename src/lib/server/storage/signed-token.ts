import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed download link carries: the object it is bound to and when it expires. */
export interface TokenPayload {
	/** Bucket. */
	b: string;
	/** Object name (includes the version). */
	n: string;
	/** Expiry, seconds since the epoch. */
	e: number;
	/** Original file name for the download. */
	f: string;
	/** Content type recorded at upload. */
	t: string;
}

export type TokenVerdict = { ok: true; payload: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (secret: Buffer, body: string) => createHmac('sha256', secret).update(body).digest();

/** `<payload>.<hmac>`, both base64url: the payload is readable but any change breaks the signature. */
export function signToken(secret: Buffer, payload: TokenPayload): string {
	const body = b64(JSON.stringify(payload));
	return `${body}.${b64(mac(secret, body))}`;
}

function parsePayload(body: string): TokenPayload | null {
	try {
		const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenPayload>;
		const strings = [value.b, value.n, value.f, value.t].every((v) => typeof v === 'string');
		return strings && typeof value.e === 'number' ? (value as TokenPayload) : null;
	} catch {
		return null;
	}
}

/** Checks signature first (constant time), then expiry; `now` in milliseconds. */
export function verifyToken(secret: Buffer, token: string, now = Date.now()): TokenVerdict {
	const [body, signature, extra] = token.split('.');
	if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
	const expected = mac(secret, body);
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
	const payload = parsePayload(body);
	if (!payload) return { ok: false, reason: 'invalid' };
	if (payload.e * 1000 < now) return { ok: false, reason: 'expired' };
	return { ok: true, payload };
}
