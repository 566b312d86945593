import { withSystem, type Claims } from '../db/scoped';
import type { Database, Tx } from '../db/types';
import { ServiceError } from '../errors';
import { toServiceError } from './auth.service';
import { AuthError, type AuthPort, type AuthSession } from './port';
import { createSignInThrottle } from './sign-in-throttle';
import {
	acceptedStep,
	groupedKey,
	looksLikeRecoveryCode,
	newRecoveryCodes,
	newTotpSecret,
	qrSvg,
	recoveryCodeHash,
	totpUri
} from './totp';
import * as repo from './two-factor.repository';

export interface TwoFactorDeps {
	db: Database;
	auth: AuthPort;
	/** Auth bound to the request's cookies (its session is raised to aal2 after a right code). */
	session: AuthSession;
	claims: Claims;
	/** The client's address (the code check is throttled like the password). */
	ip: string;
	/** Shown in the authenticator app beside the account. */
	issuer: string;
}

/** What the two-factor page shows. */
export interface TwoFactorStatus {
	enrolled: boolean;
	/** An enrolment begun and not yet confirmed: the key and QR code to scan. */
	pending: { key: string; qr: string } | null;
	recoveryCodesLeft: number;
}

const wrongCode = () => new ServiceError(400, 'twoFactor.error.wrongCode');

/** Local TOTP: enrol by QR code or key, confirm with a code (ten recovery codes), verify at sign-in, disable. */
export function createTwoFactorService(deps: TwoFactorDeps) {
	const { claims, session } = deps;
	const userId = claims.sub;
	const system = <T>(fn: (tx: Tx) => Promise<T>) => withSystem(deps.db, 'local-auth', fn);
	const throttle = createSignInThrottle(deps.db);
	if (deps.auth.kind !== 'local' || !session.raiseAssurance) throw new ServiceError(404, 'twoFactor.error.unavailable');
	const raise = session.raiseAssurance.bind(session);

	/** Checks a TOTP code (each step once) or, where allowed, spends a recovery code. */
	async function checkCode(code: string, recovery: boolean): Promise<boolean> {
		if (recovery && looksLikeRecoveryCode(code))
			return system((tx) => repo.useRecoveryCode(tx, userId, recoveryCodeHash(code)));
		return system(async (tx) => {
			const factor = await repo.findFactor(tx, userId);
			const step = factor && acceptedStep({ secret: factor.secret, code, lastStep: factor.lastStep });
			return step !== null && step !== undefined && (await repo.useStep(tx, userId, step));
		});
	}

	/** A code check counted like a password attempt: a guesser waits as they would at the sign-in form. */
	async function throttled(code: string, recovery: boolean): Promise<void> {
		const attempt = await throttle.begin({ email: claims.email, ip: deps.ip });
		if ('waitSeconds' in attempt) throw toServiceError(new AuthError('throttled', attempt.waitSeconds));
		if (!(await checkCode(code, recovery))) throw wrongCode();
		await throttle.succeeded(attempt.id);
	}

	return {
		async status(): Promise<TwoFactorStatus> {
			const [factor, left] = await system((tx) =>
				Promise.all([repo.findFactor(tx, userId), repo.unusedRecoveryCodes(tx, userId)])
			);
			const pending =
				factor && !factor.confirmed
					? {
							key: groupedKey(factor.secret),
							qr: await qrSvg(totpUri({ secret: factor.secret, account: claims.email, issuer: deps.issuer }))
						}
					: null;
			return { enrolled: factor?.confirmed ?? false, pending, recoveryCodesLeft: left };
		},

		/** Starts an enrolment with a fresh secret (the page then shows its QR code and key). */
		async begin(): Promise<void> {
			if (!(await system((tx) => repo.putPendingFactor(tx, userId, newTotpSecret()))))
				throw new ServiceError(409, 'twoFactor.error.alreadyEnrolled');
		},

		/** Confirms the enrolment with a first code; the ten recovery codes, shown once. Raises this session. */
		async confirm(code: string): Promise<string[]> {
			const factor = await system((tx) => repo.findFactor(tx, userId));
			if (!factor || factor.confirmed) throw new ServiceError(409, 'twoFactor.error.noEnrolment');
			await throttled(code, false);
			const codes = newRecoveryCodes();
			await system((tx) => repo.replaceRecoveryCodes(tx, userId, codes.map(recoveryCodeHash)));
			await raise(claims);
			return codes;
		},

		/** The second step of a sign-in: a TOTP code or a recovery code raises the session to aal2. */
		async verify(code: string): Promise<void> {
			const factor = await system((tx) => repo.findFactor(tx, userId));
			if (!factor?.confirmed) throw new ServiceError(409, 'twoFactor.error.noEnrolment');
			await throttled(code, true);
			await raise(claims);
		},

		/**
		 * Ten new recovery codes without enrolling again, with the password and a current code from the app
		 * (not a recovery code: new ones are for someone who still has the app). The old codes stop working.
		 */
		async renewRecoveryCodes(input: { password: string; code: string }): Promise<string[]> {
			const factor = await system((tx) => repo.findFactor(tx, userId));
			if (!factor?.confirmed) throw new ServiceError(409, 'twoFactor.error.noEnrolment');
			if ((await deps.auth.checkPassword(claims.email, input.password)) !== userId)
				throw new ServiceError(400, 'profile.error.currentPassword');
			await throttled(input.code, false);
			const codes = newRecoveryCodes();
			await system((tx) => repo.replaceRecoveryCodes(tx, userId, codes.map(recoveryCodeHash)));
			return codes;
		},

		/** Turns the second factor off with the password and a current code; refused where it is required. */
		async disable(input: { password: string; code: string; required: boolean }): Promise<void> {
			if (input.required) throw new ServiceError(409, 'twoFactor.error.required');
			if ((await deps.auth.checkPassword(claims.email, input.password)) !== userId)
				throw new ServiceError(400, 'profile.error.currentPassword');
			await throttled(input.code, true);
			await system((tx) => repo.deleteFactor(tx, userId));
		}
	};
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
