import { z } from 'zod';
import type { Claims } from '../db/scoped';
import { ServiceError } from '../errors';
import { toServiceError } from './auth.service';
import type { AuthPort, ProviderFactor, ProviderFactors } from './port';
import { groupedKey, qrSvg } from './totp';
import type { TwoFactorStatus } from './two-factor.service';

// Two-factor with Supabase Auth: GoTrue keeps the factor and checks the code (its MFA API, through the
// adapter's `factors`); a right code gives this session aal2. GoTrue shows a new factor's secret only once,
// at enrolment, so the page keeps it in a short-lived httpOnly cookie until the first code confirms it.
// GoTrue has no recovery codes: the page says so (a backup is the same key in a second app).

/** Where the enrolment in progress waits for its first code (a cookie scoped to /profile/2fa). */
export interface PendingEnrolmentStore {
	get(): string | undefined;
	set(value: string): void;
	clear(): void;
}

export interface SupabaseTwoFactorDeps {
	auth: AuthPort;
	factors: ProviderFactors;
	claims: Claims;
	pending: PendingEnrolmentStore;
	/** Shown in the authenticator app beside the account. */
	issuer: string;
}

const pendingSchema = z.object({ id: z.string().min(1), secret: z.string().min(1), uri: z.string().min(1) });
const wrongCode = () => new ServiceError(400, 'twoFactor.error.wrongCode');

export function createSupabaseTwoFactorService(deps: SupabaseTwoFactorDeps) {
	const { factors, claims } = deps;
	const call = <T>(promise: Promise<T>) => promise.catch((error: unknown) => Promise.reject(toServiceError(error)));

	/** The enrolment in the cookie, if GoTrue still has it unverified. */
	function pendingOf(list: ProviderFactor[]) {
		let parsed: z.infer<typeof pendingSchema> | null = null;
		try {
			parsed = pendingSchema.parse(JSON.parse(deps.pending.get() ?? 'null'));
		} catch {
			return null;
		}
		return list.some((f) => f.id === parsed.id && !f.verified) ? parsed : null;
	}

	/** Tries the code against each verified factor (a person may keep two); true once one accepts it. */
	async function verifyAny(code: string): Promise<boolean> {
		for (const factor of (await call(factors.list())).filter((f) => f.verified)) {
			if (await call(factors.verify(factor.id, code))) return true;
		}
		return false;
	}

	return {
		async status(): Promise<TwoFactorStatus> {
			const list = await call(factors.list());
			const pending = pendingOf(list);
			return {
				enrolled: list.some((f) => f.verified),
				pending: pending && { key: groupedKey(pending.secret), qr: await qrSvg(pending.uri) },
				recoveryCodesLeft: 0
			};
		},

		/** Enrols a fresh unverified factor (dropping earlier unfinished ones; GoTrue caps their number). */
		async begin(): Promise<void> {
			const list = await call(factors.list());
			if (list.some((f) => f.verified)) throw new ServiceError(409, 'twoFactor.error.alreadyEnrolled');
			for (const stale of list) await call(factors.remove(stale.id));
			// GoTrue wants a friendly name unique per person.
			const made = await call(
				factors.enrol({ issuer: deps.issuer, name: `${deps.issuer} ${new Date().toISOString()}` })
			);
			deps.pending.set(JSON.stringify(made));
		},

		/** Confirms the enrolment with a first code: GoTrue verifies the factor and raises this session. */
		async confirm(code: string): Promise<string[]> {
			const pending = pendingOf(await call(factors.list()));
			if (!pending) throw new ServiceError(409, 'twoFactor.error.noEnrolment');
			if (!(await call(factors.verify(pending.id, code)))) throw wrongCode();
			deps.pending.clear();
			return [];
		},

		/** The second step of a sign-in: a code of a verified factor raises the session to aal2. */
		async verify(code: string): Promise<void> {
			if (!(await call(factors.list())).some((f) => f.verified))
				throw new ServiceError(409, 'twoFactor.error.noEnrolment');
			if (!(await verifyAny(code))) throw wrongCode();
		},

		/** Turns the second factor off with the password and a current code (GoTrue unenrols only at aal2). */
		/** GoTrue issues no recovery codes (the page says how to keep a backup instead). */
		async renewRecoveryCodes(): Promise<string[]> {
			throw new ServiceError(404, 'twoFactor.error.unavailable');
		},

		async disable(input: { password: string; code: string; required: boolean }): Promise<void> {
			if (input.required) throw new ServiceError(409, 'twoFactor.error.required');
			if ((await call(deps.auth.checkPassword(claims.email, input.password))) !== claims.sub)
				throw new ServiceError(400, 'profile.error.currentPassword');
			if (!(await verifyAny(input.code))) throw wrongCode();
			for (const factor of await call(factors.list())) await call(factors.remove(factor.id));
		}
	};
}
