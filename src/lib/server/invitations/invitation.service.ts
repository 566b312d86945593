import type { Locale } from '$lib/i18n';
import { withSystem, type Claims } from '../db/scoped';
import type { Database } from '../db/types';
import { ServiceError } from '../errors';
import { AuthError, type AuthPort, type AuthSession } from '../auth/port';
import { toServiceError } from '../auth/auth.service';
import { findAccountByEmail } from '../auth/sso.repository';
import { randomSecret, sha256 } from '../auth/tokens';
import { DISPLAY_NAME_MAX } from '../profiles/profile.schema';
import {
	findOpenInvitation,
	findOpenInvitationsByEmail,
	acceptInvitation,
	acceptedRoundPage,
	type OpenInvitation
} from './invitation.repository';

export interface InvitationServiceDeps {
	db: Database;
	auth: AuthPort;
}

const gone = () => new ServiceError(410, 'invite.error.invalid');

/**
 * Accepting an invitation runs before anyone is signed in, so it is the named system task
 * `accept-invitation`; the token (only its hash is stored) is the proof.
 */
export function createInvitationService({ db, auth }: InvitationServiceDeps) {
	const system = <T>(fn: Parameters<typeof withSystem<T>>[2]) => withSystem(db, 'accept-invitation', fn);

	async function open(token: string): Promise<OpenInvitation> {
		const invitation = await system((tx) => findOpenInvitation(tx, { tokenHash: sha256(token) }));
		if (!invitation || invitation.expired) throw gone();
		return invitation;
	}

	/** An account left without a profile by an earlier, interrupted acceptance is reused with its password. */
	async function createOrReuseAccount(email: string, password: string): Promise<string> {
		try {
			return await auth.createUser({ email, password });
		} catch (error) {
			if (!(error instanceof AuthError && error.code === 'email_taken')) throw toServiceError(error);
			const id = await auth.checkPassword(email, password);
			if (!id) throw new ServiceError(400, 'invite.error.wrongPassword');
			return id;
		}
	}

	return {
		/** What the invitation page shows; refuses unknown, used, revoked and expired links alike. */
		async describe(token: string) {
			const { boardName, email, role, accountExists } = await open(token);
			return { boardName, email, role, accountExists };
		},

		/**
		 * New people choose a name and password; people with an account prove it with their password.
		 * Then the membership is created and the person is signed in.
		 */
		async accept(input: {
			token: string;
			displayName?: string;
			password: string;
			locale: Locale;
			session: AuthSession;
		}): Promise<Claims> {
			const invitation = await open(input.token);
			let userId: string;
			if (invitation.accountExists) {
				const id = await auth.checkPassword(invitation.email, input.password);
				if (!id) throw new ServiceError(400, 'invite.error.wrongPassword');
				userId = id;
			} else {
				if (!input.displayName) throw new ServiceError(400, 'invite.error.nameRequired');
				userId = await createOrReuseAccount(invitation.email, input.password);
			}
			await system(async (tx) => {
				// Re-read under a row lock: two tabs accepting at once make one membership.
				const locked = await findOpenInvitation(tx, { tokenHash: sha256(input.token), forUpdate: true });
				if (!locked || locked.expired) throw gone();
				await acceptInvitation(tx, {
					invitation: locked,
					userId,
					displayName: input.displayName ?? null,
					locale: input.locale
				});
			});
			try {
				return await input.session.signInWithPassword(invitation.email, input.password);
			} catch (error) {
				throw toServiceError(error);
			}
		},

		/** After `accept`: the round page a contributor's invitation leads to (#15), else null (the dashboard). */
		async landingAfterAccept(token: string): Promise<string | null> {
			return system((tx) => acceptedRoundPage(tx, sha256(token)));
		},

		/**
		 * Single sign-on (#17) by a person without an account: the provider confirmed the address, which
		 * stands in for the link in the invitation e-mail. Every open, unexpired invitation to it is accepted
		 * as `accept` would (same membership, role and guest/round access), the account gets no password of
		 * its own (a random one nobody knows; a reset sets one), and the name to show is the address's local
		 * part until the person changes it. The caller signs the person in. Two callbacks at once make one
		 * account and one membership: the second reuses the account and finds the invitations accepted.
		 */
		async acceptForVerifiedEmail(input: { email: string; locale: Locale }): Promise<VerifiedEmailAcceptance> {
			const found = await system((tx) => findOpenInvitationsByEmail(tx, { email: input.email }));
			const open = found.filter((invitation) => !invitation.expired);
			if (open.length === 0) return { ok: false, reason: found.length > 0 ? 'expired' : 'none' };
			const email = open[0]!.email;
			let userId: string;
			try {
				userId = await auth.createUser({ email, password: randomSecret() });
			} catch (error) {
				if (!(error instanceof AuthError && error.code === 'email_taken')) throw error;
				// Made a moment ago by a racing callback (a deleted or barred account is not reused).
				const existing = await system((tx) => findAccountByEmail(tx, email));
				if (!existing) throw error;
				userId = existing.id;
			}
			const displayName = email.slice(0, email.indexOf('@')).slice(0, DISPLAY_NAME_MAX) || email;
			await system(async (tx) => {
				// Re-read under row locks: what a racing callback accepted meanwhile is not accepted twice.
				const locked = await findOpenInvitationsByEmail(tx, { email, forUpdate: true });
				for (const invitation of locked.filter((candidate) => !candidate.expired)) {
					await acceptInvitation(tx, { invitation, userId, displayName, locale: input.locale });
				}
			});
			return { ok: true, userId, email };
		}
	};
}

/** Why single sign-on made no account: only expired invitations to the address, or none at all. */
export type VerifiedEmailAcceptance =
	{ ok: true; userId: string; email: string } | { ok: false; reason: 'expired' | 'none' };

export type InvitationService = ReturnType<typeof createInvitationService>;
