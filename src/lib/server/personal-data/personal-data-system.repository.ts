import type { Tx } from '../db/types';

// The export's queries that run as the named system task 'personal-data-export', because RLS gives
// the person no read access to these rows even though they are about them: auth.users (account
// dates), invitations and the mail outbox (office/admin only), the collaboration log (collab server
// only) and the audit trail (office/admin only). Every query is restricted to the one user id (or
// that person's address) passed in by the service, which takes it from the verified session.

type Row = Record<string, unknown>;

export async function authAccount(tx: Tx, userId: string): Promise<Row | null> {
	const [row] = await tx.query<Row>(
		`select email, created_at as "createdAt", last_sign_in_at as "lastSignInAt", email_confirmed_at as "emailConfirmedAt"
		 from auth.users where id = $1`,
		[userId]
	);
	return row ?? null;
}

export const invitations = (tx: Tx, email: string) =>
	tx.query<Row>(
		`select b.name as board, i.role, i.organisation, i."function", i.created_at as "createdAt", i.expires_at as "expiresAt",
			i.accepted_at as "acceptedAt", i.revoked_at as "revokedAt"
		 from public.invitations i left join public.boards b on b.id = i.board_id
		 where lower(i.email) = lower($1) order by i.created_at`,
		[email]
	);

export const outbox = (tx: Tx, email: string) =>
	tx.query<Row>(
		`select subject, kind, body_text as body, created_at as "createdAt", sent_at as "sentAt"
		 from public.mail_outbox where lower(to_email) = lower($1) order by created_at`,
		[email]
	);

/** How often the person changed each paper (counts only: the Yjs updates themselves are not personal data to hand out). */
export const collabEdits = (tx: Tx, userId: string) =>
	tx.query<Row>(
		`select p.title as paper, count(*)::int as updates, min(u.created_at) as "firstEditAt", max(u.created_at) as "lastEditAt"
		 from public.collab_updates u join public.papers p on p.id = u.doc_id
		 where u.user_id = $1 group by p.id, p.title order by p.title`,
		[userId]
	);

export const auditEvents = (tx: Tx, userId: string) =>
	tx.query<Row>(
		`select e.occurred_at as "occurredAt", b.name as board, e.table_name as "table", e.operation, e.object_label as object,
			e.actor_id = $1 as "byThisPerson", e.subject_user_id = $1 as "aboutThisPerson", e.before, e.after
		 from public.audit_events e left join public.boards b on b.id = e.board_id
		 where e.actor_id = $1 or e.subject_user_id = $1 order by e.id`,
		[userId]
	);

/** Accounts of a city's identity provider linked to the person (single sign-on, #17). */
export const signInIdentities = (tx: Tx, userId: string) =>
	tx.query<Row>(
		`select issuer, subject, created_at as "linkedAt", last_sign_in_at as "lastSignInAt"
		 from public.sso_identities where user_id = $1 order by created_at`,
		[userId]
	);
