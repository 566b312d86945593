import type { Tx } from '../db/types';

// Single sign-on with local auth (#17); every function runs as the system task `local-auth`.

/** How long a sign-in may take at the provider; older used states are forgotten (they expired anyway). */
export const SSO_FLOW_SECONDS = 10 * 60;

/**
 * Marks a state as used; false when it was used before (a replayed callback). Forgets states older than a
 * flow may live, which the flow cookie's expiry refuses anyway.
 */
export async function useState(tx: Tx, stateHash: string): Promise<boolean> {
	await tx.query(`delete from public.sso_used_states where used_at < now() - make_interval(secs => $1)`, [
		SSO_FLOW_SECONDS * 2
	]);
	const rows = await tx.query(
		`insert into public.sso_used_states (state_hash) values ($1) on conflict do nothing returning state_hash`,
		[stateHash]
	);
	return rows.length > 0;
}

export interface SsoAccount {
	id: string;
	email: string;
}

const USABLE = `u.deleted_at is null and (u.banned_until is null or u.banned_until < now())`;

/** The account already linked to the provider identity. */
export async function findLinkedAccount(
	tx: Tx,
	identity: { issuer: string; subject: string }
): Promise<SsoAccount | null> {
	const [row] = await tx.query<SsoAccount>(
		`select u.id, u.email from public.sso_identities i join auth.users u on u.id = i.user_id
		 where i.issuer = $1 and i.subject = $2 and ${USABLE}`,
		[identity.issuer, identity.subject]
	);
	return row ?? null;
}

/** The account with this address (people get one by accepting an invitation, or as a platform admin). */
export async function findAccountByEmail(tx: Tx, email: string): Promise<SsoAccount | null> {
	const [row] = await tx.query<SsoAccount>(
		`select u.id, u.email from auth.users u where lower(u.email) = lower($1) and ${USABLE}`,
		[email]
	);
	return row ?? null;
}

/** Whether an invitation to this address is open (not accepted, revoked or expired). */
export async function hasOpenInvitation(tx: Tx, email: string): Promise<boolean> {
	const rows = await tx.query(
		`select 1 from public.invitations
		 where lower(email) = lower($1) and accepted_at is null and revoked_at is null and expires_at > now()`,
		[email]
	);
	return rows.length > 0;
}

/** Links the identity to the account (first sign-in) or notes the sign-in (later ones). */
export async function linkIdentity(tx: Tx, input: { issuer: string; subject: string; userId: string }): Promise<void> {
	await tx.query(
		`insert into public.sso_identities (issuer, subject, user_id) values ($1, $2, $3)
		 on conflict (issuer, subject) do update set last_sign_in_at = now()`,
		[input.issuer, input.subject, input.userId]
	);
}
