import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { CollabAccess } from '../../collab/protocol';

/** How long a ticket opens the socket; the socket itself lives on until closed. */
export const TICKET_TTL_SECONDS = 60;
const ISSUER = 'beirat-collab';
const ALGORITHM = 'HS256';

/** What a ticket proves about the person at the other end of the socket. */
export interface TicketClaims {
	/** User id. */
	sub: string;
	/** Paper (document) id. */
	doc: string;
	/** Board of the paper, for board-wide access changes. */
	board: string;
	access: CollabAccess;
	/** Display name and colour shown to others (awareness). */
	name: string;
	color: string;
	/** The sign-in session that asked for the ticket ('' when unknown): ending it closes the socket. */
	sid: string;
	/** Issue time in milliseconds: tickets issued before an access change are refused. */
	ts: number;
	/** Ticket id: a ticket opens one socket, a second use is refused. */
	jti: string;
	/** Expiry in milliseconds (how long the ticket id must be remembered). */
	expiresAt: number;
}

export async function signTicket(
	secret: Uint8Array,
	claims: Omit<TicketClaims, 'ts' | 'jti' | 'expiresAt' | 'sid'> & { sid?: string },
	now = Date.now()
): Promise<string> {
	return new SignJWT({
		doc: claims.doc,
		board: claims.board,
		access: claims.access,
		name: claims.name,
		color: claims.color,
		sid: claims.sid ?? '',
		ts: now
	})
		.setProtectedHeader({ alg: ALGORITHM })
		.setSubject(claims.sub)
		.setJti(randomUUID())
		.setIssuer(ISSUER)
		.setIssuedAt(Math.floor(now / 1000))
		.setExpirationTime(Math.floor(now / 1000) + TICKET_TTL_SECONDS)
		.sign(secret);
}

export type TicketCheck = { ok: true; claims: TicketClaims } | { ok: false; status: 401 | 403; reason: string };

const ACCESS = new Set(['edit', 'comment', 'view']);

function shapeOf(payload: Record<string, unknown>): TicketClaims | null {
	const { sub, doc, board, access, name, color, sid, ts, jti, exp } = payload;
	if (typeof sub !== 'string' || typeof doc !== 'string' || typeof board !== 'string') return null;
	if (typeof access !== 'string' || !ACCESS.has(access) || typeof ts !== 'number') return null;
	if (typeof jti !== 'string' || jti === '' || typeof exp !== 'number') return null;
	return {
		sub,
		doc,
		board,
		access: access as CollabAccess,
		name: String(name ?? ''),
		color: String(color ?? ''),
		sid: typeof sid === 'string' ? sid : '',
		ts,
		jti,
		expiresAt: exp * 1000
	};
}

/** Checks signature, expiry and that the ticket is for `paperId`: 401 for a bad ticket, 403 for another paper. */
export async function verifyTicket(
	secret: Uint8Array,
	token: string | null,
	paperId: string,
	now = Date.now()
): Promise<TicketCheck> {
	if (!token) return { ok: false, status: 401, reason: 'missing ticket' };
	try {
		const { payload } = await jwtVerify(token, secret, {
			algorithms: [ALGORITHM],
			issuer: ISSUER,
			currentDate: new Date(now),
			requiredClaims: ['exp', 'sub', 'jti']
		});
		const claims = shapeOf(payload as Record<string, unknown>);
		if (!claims) return { ok: false, status: 401, reason: 'malformed claims' };
		if (claims.doc !== paperId) return { ok: false, status: 403, reason: 'ticket for another paper' };
		return { ok: true, claims };
	} catch (error) {
		const reason = error instanceof errors.JWTExpired ? 'expired' : 'invalid';
		return { ok: false, status: 401, reason };
	}
}

/** A stable colour per person from the editor's palette (hex only: the caret extension draws nothing else). */
export { colourFor } from '../../editor/colour';
