import { randomUUID } from 'node:crypto';
import type { Claims } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { BoardRole } from '$lib/roles';
import { hashPassword } from '$lib/server/auth/password';

// Factories create what they need (parents included) as the database owner, like a migration would.

export interface TestUser {
	id: string;
	email: string;
	password: string;
	displayName: string;
}

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** An account with a profile; the password is hashed like the local adapter does. */
export async function createUser(
	db: Database,
	input: { email?: string; password?: string; displayName?: string; locale?: 'de' | 'en' } = {}
): Promise<TestUser> {
	const n = next();
	const user = {
		id: randomUUID(),
		email: input.email ?? `person-${n}@test.example`,
		password: input.password ?? 'ein-sicheres-passwort',
		displayName: input.displayName ?? `Person ${n}`
	};
	const hash = await hashPassword(user.password);
	await db.ownerTransaction(async (tx) => {
		await tx.query(
			`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at) values ($1, 'authenticated', 'authenticated', $2, $3, now())`,
			[user.id, user.email, hash]
		);
		await tx.query(`insert into public.profiles (user_id, email, display_name, locale) values ($1, $2, $3, $4)`, [
			user.id,
			user.email,
			user.displayName,
			input.locale ?? 'de'
		]);
	});
	return user;
}

export interface TestBoard {
	id: string;
	slug: string;
	name: string;
}

export async function createBoard(db: Database, input: { name?: string } = {}): Promise<TestBoard> {
	const n = next();
	const board = { id: randomUUID(), slug: `board-${n}`, name: input.name ?? `Gremium ${n}` };
	await db.ownerTransaction((tx) =>
		tx.query(`insert into public.boards (id, slug, name) values ($1, $2, $3)`, [board.id, board.slug, board.name])
	);
	return board;
}

/** Adds a person to a board (creating the person when not given). */
export async function addMember(
	db: Database,
	input: { board: TestBoard; role: BoardRole; user?: TestUser; active?: boolean }
): Promise<TestUser & { membershipId: string }> {
	const user = input.user ?? (await createUser(db));
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ id: string }>(
			`insert into public.memberships (board_id, user_id, role, active, invited_at, joined_at) values ($1, $2, $3, $4, now(), now()) returning id`,
			[input.board.id, user.id, input.role, input.active ?? true]
		)
	);
	return { ...user, membershipId: row!.id };
}

export async function makeAdmin(db: Database, user?: TestUser): Promise<TestUser> {
	const admin = user ?? (await createUser(db));
	await db.ownerTransaction((tx) => tx.query(`insert into public.platform_admins (user_id) values ($1)`, [admin.id]));
	return admin;
}

/** Claims as the auth adapters produce them. */
export function claimsFor(user: { id: string; email: string }): Claims {
	const now = Math.floor(Date.now() / 1000);
	return {
		sub: user.id,
		email: user.email,
		role: 'authenticated',
		aud: 'authenticated',
		session_id: randomUUID(),
		iat: now,
		exp: now + 3600
	};
}

export async function createInvitation(
	db: Database,
	input: { board: TestBoard; email?: string; role?: BoardRole }
): Promise<{ id: string }> {
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ id: string }>(
			`insert into public.invitations (board_id, email, role, token_hash, expires_at) values ($1, $2, $3, $4, now() + interval '14 days') returning id`,
			[input.board.id, input.email ?? `invitee-${next()}@test.example`, input.role ?? 'member', randomUUID()]
		)
	);
	return row!;
}

export async function createOutboxMail(db: Database): Promise<{ id: string }> {
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ id: string }>(
			`insert into public.mail_outbox (to_email, subject, body_text, kind) values ('x@test.example', 'Betreff', 'Text', 'test') returning id`
		)
	);
	return row!;
}
