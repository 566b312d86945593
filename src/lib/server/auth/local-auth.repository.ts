import type { Tx } from '../db/types';
import type { OneTimeTokenType } from './port';

export interface AuthUserRow {
	id: string;
	email: string;
	encrypted_password: string | null;
}

export async function findUserByEmail(tx: Tx, email: string): Promise<AuthUserRow | null> {
	const [row] = await tx.query<AuthUserRow>(
		`select id, email, encrypted_password from auth.users
		 where lower(email) = lower($1) and deleted_at is null and (banned_until is null or banned_until < now())`,
		[email]
	);
	return row ?? null;
}

export async function insertUser(tx: Tx, input: { email: string; passwordHash: string }): Promise<string> {
	const [row] = await tx.query<{ id: string }>(
		`insert into auth.users (aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data)
		 values ('authenticated', 'authenticated', $1, $2, now(), '{"provider":"email","providers":["email"]}')
		 returning id`,
		[input.email, input.passwordHash]
	);
	return row!.id;
}

export async function updatePassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
	await tx.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [
		userId,
		passwordHash
	]);
}

export async function deleteUser(tx: Tx, userId: string): Promise<void> {
	await tx.query(`delete from auth.users where id = $1`, [userId]);
}

export interface NewSession {
	/** Session id (also the JWT's session_id claim). */
	id: string;
	userId: string;
	/** sha256 of the refresh secret. */
	refreshTokenHash: string;
	/** Seconds the session may live without a new sign-in. */
	lifetimeSeconds: number;
	userAgent?: string;
	ip: string;
}

export async function insertSession(tx: Tx, session: NewSession): Promise<void> {
	await tx.query(
		`insert into auth.sessions (id, user_id, not_after, user_agent, ip)
		 values ($1, $2, now() + make_interval(secs => $3), $4, $5)`,
		[session.id, session.userId, session.lifetimeSeconds, session.userAgent ?? null, session.ip]
	);
	await tx.query(`insert into auth.refresh_tokens (token, user_id, session_id) values ($1, $2, $3)`, [
		session.refreshTokenHash,
		session.userId,
		session.id
	]);
	await tx.query(`update auth.users set last_sign_in_at = now() where id = $1`, [session.userId]);
}

const LIVE_SESSION = `s.not_after > now() and u.deleted_at is null and (u.banned_until is null or u.banned_until < now())`;

/** True while the session exists, has not expired and its account is usable. */
export async function sessionIsLive(tx: Tx, sessionId: string, userId: string): Promise<boolean> {
	const rows = await tx.query(
		`select 1 from auth.sessions s join auth.users u on u.id = s.user_id
		 where s.id = $1 and s.user_id = $2 and ${LIVE_SESSION}`,
		[sessionId, userId]
	);
	return rows.length > 0;
}

/**
 * The same check for the request's own session, run as `authenticated` inside the request's transaction
 * (security definer: auth.sessions stays closed to the role).
 */
export async function requestSessionIsLive(tx: Tx): Promise<boolean> {
	const [row] = await tx.query<{ live: boolean }>(`select public.request_session_is_live() as live`);
	return row?.live === true;
}

/** The account behind a live session's refresh token, marking the session refreshed. */
export async function refreshSession(
	tx: Tx,
	sessionId: string,
	refreshTokenHash: string
): Promise<{ id: string; email: string; aal: string | null } | null> {
	const [row] = await tx.query<{ id: string; email: string; aal: string | null }>(
		`select u.id, u.email, s.aal from auth.refresh_tokens rt
		 join auth.sessions s on s.id = rt.session_id
		 join auth.users u on u.id = s.user_id
		 where rt.session_id = $1 and rt.token = $2 and not rt.revoked and ${LIVE_SESSION}`,
		[sessionId, refreshTokenHash]
	);
	if (!row) return null;
	await tx.query(`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`, [sessionId]);
	return row;
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
	await tx.query(`delete from auth.sessions where id = $1`, [sessionId]);
}

export interface SessionRow {
	id: string;
	createdAt: Date;
	/** Sign-in, refresh or the recorded request use, whichever is newest (at most five minutes behind). */
	lastUsedAt: Date;
	userAgent: string | null;
	ip: string | null;
}

/** The account's live sessions, most recently used first. */
export async function listSessions(tx: Tx, userId: string): Promise<SessionRow[]> {
	return tx.query<SessionRow>(
		`select id, created_at as "createdAt",
			greatest(created_at, updated_at) as "lastUsedAt",
			user_agent as "userAgent", ip
		 from auth.sessions where user_id = $1 and not_after > now()
		 order by 3 desc, created_at desc`,
		[userId]
	);
}

/** Ends one of the account's sessions; false when the account has no such session. */
export async function deleteSessionOf(tx: Tx, userId: string, sessionId: string): Promise<boolean> {
	const rows = await tx.query(`delete from auth.sessions where id = $1 and user_id = $2 returning id`, [
		sessionId,
		userId
	]);
	return rows.length > 0;
}

/** Ends every session of the account but `keepSessionId`; the ids of the ended ones. */
export async function deleteOtherSessions(tx: Tx, userId: string, keepSessionId: string): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`delete from auth.sessions where user_id = $1 and id <> $2 returning id`,
		[userId, keepSessionId]
	);
	return rows.map((row) => row.id);
}

/** Stores a one-time token, replacing earlier ones of the same kind (only the newest link works). */
export async function insertOneTimeToken(
	tx: Tx,
	input: { userId: string; type: OneTimeTokenType; tokenHash: string; email: string }
): Promise<void> {
	await tx.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = $2`, [input.userId, input.type]);
	await tx.query(
		`insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to) values ($1, $2, $3, $4)`,
		[input.userId, input.type, input.tokenHash, input.email]
	);
}

/** Redeems a one-time token exactly once: the row is deleted in the same statement that reads it. */
export async function consumeOneTimeToken(
	tx: Tx,
	input: { tokenHash: string; type: OneTimeTokenType; maxAgeSeconds: number }
): Promise<{ id: string; email: string } | null> {
	const [row] = await tx.query<{ id: string; email: string }>(
		`with used as (
			delete from auth.one_time_tokens
			where token_hash = $1 and token_type = $2
			returning user_id, created_at
		)
		select u.id, u.email from used join auth.users u on u.id = used.user_id
		where used.created_at > localtimestamp - make_interval(secs => $3)
		  and u.deleted_at is null and (u.banned_until is null or u.banned_until < now())`,
		[input.tokenHash, input.type, input.maxAgeSeconds]
	);
	return row ?? null;
}
