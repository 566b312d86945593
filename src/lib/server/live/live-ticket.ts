import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

// Tickets for the meeting's live socket (/collab/live/<meeting>): signed with the collaboration secret,
// but with their own issuer, so a paper ticket never opens a meeting and the other way round.

export const LIVE_TICKET_TTL_SECONDS = 60;
const ISSUER = 'beirat-live';
const ALGORITHM = 'HS256';

/** What a socket may receive: everything of the meeting, or (guests) its public part only. */
export type LiveScope = 'full' | 'public';

export interface LiveTicketClaims {
	/** User id. */
	sub: string;
	/** Meeting id (the socket's path). */
	meeting: string;
	board: string;
	scope: LiveScope;
	/** Sign-in session ('' when unknown): ending it closes the socket. */
	sid: string;
	/** Issue time in ms: tickets from before an access change are refused. */
	ts: number;
	jti: string;
	expiresAt: number;
}

export async function signLiveTicket(
	secret: Uint8Array,
	claims: Pick<LiveTicketClaims, 'sub' | 'meeting' | 'board' | 'scope' | 'sid'>,
	now = Date.now()
): Promise<string> {
	return new SignJWT({ meeting: claims.meeting, board: claims.board, scope: claims.scope, sid: claims.sid, ts: now })
		.setProtectedHeader({ alg: ALGORITHM })
		.setSubject(claims.sub)
		.setJti(randomUUID())
		.setIssuer(ISSUER)
		.setIssuedAt(Math.floor(now / 1000))
		.setExpirationTime(Math.floor(now / 1000) + LIVE_TICKET_TTL_SECONDS)
		.sign(secret);
}

export type LiveTicketCheck = { ok: true; claims: LiveTicketClaims } | { ok: false; status: 401 | 403 };

/** Signature, expiry, issuer and that the ticket is for `meetingId`. */
export async function verifyLiveTicket(
	secret: Uint8Array,
	token: string | null,
	meetingId: string,
	now = Date.now()
): Promise<LiveTicketCheck> {
	if (!token) return { ok: false, status: 401 };
	try {
		const { payload } = await jwtVerify(token, secret, {
			algorithms: [ALGORITHM],
			issuer: ISSUER,
			currentDate: new Date(now),
			requiredClaims: ['exp', 'sub', 'jti']
		});
		const { sub, meeting, board, scope, sid, ts, jti, exp } = payload as Record<string, unknown>;
		if (typeof sub !== 'string' || typeof meeting !== 'string' || typeof board !== 'string')
			return { ok: false, status: 401 };
		if ((scope !== 'full' && scope !== 'public') || typeof ts !== 'number' || typeof jti !== 'string')
			return { ok: false, status: 401 };
		if (meeting !== meetingId) return { ok: false, status: 403 };
		const claims = { sub, meeting, board, scope, sid: typeof sid === 'string' ? sid : '', ts, jti } as const;
		return { ok: true, claims: { ...claims, expiresAt: Number(exp) * 1000 } };
	} catch (error) {
		void (error instanceof errors.JWTExpired);
		return { ok: false, status: 401 };
	}
}
