import type { Locale } from '$lib/i18n';
import { withSystem, type Claims } from '../db/scoped';
import type { Database } from '../db/types';
import { ServiceError } from '../errors';
import type { Mailer } from '../mail/port';
import { magicLinkMail, passwordResetMail } from '../mail/templates';
import { LINK_SECONDS } from './local';
import { AuthError, type AuthPort, type AuthSession } from './port';
import { createSignInThrottle } from './sign-in-throttle';
import { accountIsActive, findAccountByEmail } from './account.repository';
import { endOtherSessions, type SessionServiceDeps } from './session.service';

export interface AuthServiceDeps {
	db: Database;
	auth: AuthPort;
	mailer: Mailer;
	/** Public origin for links in mails. */
	origin: string;
	/** Closes the collaboration sockets of sessions a password change ends. */
	collab: SessionServiceDeps['collab'];
}

const authErrorMessages = {
	invalid_credentials: 'auth.error.invalidCredentials',
	invalid_link: 'auth.error.invalidLink',
	throttled: 'auth.error.throttled',
	deactivated: 'auth.error.deactivated',
	weak_password: 'auth.error.weakPassword',
	email_taken: 'auth.error.emailTaken',
	unavailable: 'auth.error.unavailable'
} as const;

/** Turns an adapter's AuthError into a ServiceError with a translated message key. */
export function toServiceError(error: unknown): unknown {
	if (!(error instanceof AuthError)) return error;
	const status = error.code === 'throttled' ? 429 : error.code === 'unavailable' ? 503 : 400;
	const seconds = error.retryAfterSeconds ?? 60;
	// A short wait after a few wrong passwords is said in seconds; "1 minute" would overstate it.
	if (error.code === 'throttled' && seconds < 60) return new ServiceError(429, 'auth.error.slowDown', { seconds });
	return new ServiceError(status, authErrorMessages[error.code], { minutes: Math.max(1, Math.ceil(seconds / 60)) });
}

export function createAuthService(deps: AuthServiceDeps) {
	const { db, auth, mailer, origin, collab } = deps;
	const system = <T>(task: 'local-auth' | 'mail', fn: Parameters<typeof withSystem<T>>[2]) => withSystem(db, task, fn);
	const throttle = createSignInThrottle(db);

	/** Refuses an account that no longer has an active membership, ending the session just made. */
	async function requireActive(session: AuthSession, claims: Claims): Promise<Claims> {
		if (await system('local-auth', (tx) => accountIsActive(tx, claims.sub))) return claims;
		await session.signOut();
		throw new AuthError('deactivated');
	}

	async function sendLink(input: { email: string; type: 'magiclink' | 'recovery'; fallbackLocale: Locale }) {
		const token = await auth.issueOneTimeToken({ email: input.email, type: input.type });
		if (!token) return; // Unknown address: say nothing different, send nothing.
		const account = await system('local-auth', (tx) => findAccountByEmail(tx, input.email));
		const locale = account?.locale ?? input.fallbackLocale;
		const minutes = LINK_SECONDS[input.type] / 60;
		const link =
			input.type === 'magiclink'
				? `${origin}/login/magic/${encodeURIComponent(token)}`
				: `${origin}/reset?token=${encodeURIComponent(token)}`;
		const mail =
			input.type === 'magiclink'
				? magicLinkMail({ locale, link, minutes })
				: passwordResetMail({ locale, link, minutes });
		await mailer.send({
			to: input.email,
			kind: input.type === 'magiclink' ? 'magic-link' : 'password-reset',
			secrets: [link],
			...mail
		});
	}

	return {
		/** Password sign-in, throttled per account and address (see sign-in-throttle.ts). */
		async signIn(input: { session: AuthSession; email: string; password: string; ip: string }): Promise<Claims> {
			const attempt = await throttle.begin({ email: input.email, ip: input.ip });
			if ('waitSeconds' in attempt) throw toServiceError(new AuthError('throttled', attempt.waitSeconds));
			try {
				const claims = await input.session.signInWithPassword(input.email, input.password);
				await throttle.succeeded(attempt.id);
				return await requireActive(input.session, claims);
			} catch (error) {
				// Only a wrong password counts as a failed attempt.
				if (!(error instanceof AuthError && error.code === 'invalid_credentials'))
					await throttle.discard(attempt.id).catch(() => undefined);
				throw toServiceError(error);
			}
		},

		/** Mails a sign-in link when the account exists; the answer is the same either way. */
		async requestMagicLink(input: { email: string; locale: Locale }): Promise<void> {
			await sendLink({ email: input.email, type: 'magiclink', fallbackLocale: input.locale }).catch((error) => {
				throw toServiceError(error);
			});
		},

		async redeemMagicLink(input: { session: AuthSession; token: string }): Promise<Claims> {
			try {
				return await requireActive(input.session, await input.session.verifyOneTimeToken(input.token, 'magiclink'));
			} catch (error) {
				throw toServiceError(error);
			}
		},

		async requestPasswordReset(input: { email: string; locale: Locale }): Promise<void> {
			await sendLink({ email: input.email, type: 'recovery', fallbackLocale: input.locale }).catch((error) => {
				throw toServiceError(error);
			});
		},

		/** Redeems a reset link, sets the new password and leaves the person signed in here only. */
		async resetPassword(input: { session: AuthSession; token: string; password: string }): Promise<Claims> {
			try {
				const claims = await requireActive(
					input.session,
					await input.session.verifyOneTimeToken(input.token, 'recovery')
				);
				await auth.setPassword(claims.sub, input.password);
				await endOtherSessions({ session: input.session, claims, collab });
				return claims;
			} catch (error) {
				throw toServiceError(error);
			}
		},

		/** A new password ends every other session of the person (another browser may know the old one). */
		async changePassword(input: {
			session: AuthSession;
			claims: Claims;
			currentPassword: string;
			newPassword: string;
		}): Promise<void> {
			const { session, claims } = input;
			const id = await auth.checkPassword(claims.email, input.currentPassword);
			if (id !== claims.sub) throw new ServiceError(400, 'profile.error.currentPassword');
			await auth.setPassword(claims.sub, input.newPassword);
			await endOtherSessions({ session, claims, collab }).catch((error: unknown) => {
				throw toServiceError(error);
			});
		},

		async signOut(session: AuthSession): Promise<void> {
			await session.signOut();
		}
	};
}

export type AuthService = ReturnType<typeof createAuthService>;
