import type { Locale } from '$lib/i18n';
import { withSystem, type Claims } from '../db/scoped';
import type { Database } from '../db/types';
import { ServiceError } from '../errors';
import { AuthError, type AuthPort, type AuthSession } from '../auth/port';
import { toServiceError } from '../auth/auth.service';
import { sha256 } from '../auth/tokens';
import { findOpenInvitation, acceptInvitation, type OpenInvitation } from './invitation.repository';

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
		}
	};
}

export type InvitationService = ReturnType<typeof createInvitationService>;
