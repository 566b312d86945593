import { isAuthError, type SupabaseClient } from '@supabase/supabase-js';
import type { Claims } from '../db/scoped';
import { AuthError, type ProviderFactors } from './port';

// Supabase Auth's MFA API for TOTP (GoTrue: POST /factors, /factors/{id}/challenge, /factors/{id}/verify,
// DELETE /factors/{id}). GoTrue keeps the secret and checks the code; a successful verify returns an aal2
// session for the same session id, which auth-js writes to the request's cookies (@supabase/ssr).

interface MfaDeps {
	/** The request's cookie-bound client. */
	auth: SupabaseClient['auth'];
	/** Verifies the access token GoTrue issued after the code (JWKS). */
	verifyAccessToken: (token: string) => Promise<Claims>;
	isUnavailable: (error: unknown) => boolean;
}

/** GoTrue's answer to a wrong or stale code: not a fault, a refusal. */
const WRONG_CODE = new Set(['mfa_verification_failed', 'mfa_challenge_expired', 'mfa_verification_rejected']);

export function supabaseFactors(deps: MfaDeps): ProviderFactors {
	const { mfa } = deps.auth;

	function fail(error: unknown): never {
		if (deps.isUnavailable(error)) throw new AuthError('unavailable');
		if (isAuthError(error) && error.status === 429) throw new AuthError('throttled');
		throw new Error(`Supabase Auth MFA call failed: ${error instanceof Error ? error.message : String(error)}`, {
			cause: error
		});
	}

	return {
		async list() {
			const { data, error } = await mfa.listFactors();
			if (error) fail(error);
			return data.all
				.filter((factor) => factor.factor_type === 'totp')
				.map((factor) => ({ id: factor.id, verified: factor.status === 'verified' }));
		},

		async enrol({ issuer, name }) {
			const { data, error } = await mfa.enroll({ factorType: 'totp', issuer, friendlyName: name });
			if (error) fail(error);
			return { id: data.id, secret: data.totp.secret, uri: data.totp.uri };
		},

		async verify(factorId, code) {
			const { data, error } = await mfa.challengeAndVerify({ factorId, code });
			if (error) {
				if (isAuthError(error) && error.code && WRONG_CODE.has(error.code)) return null;
				fail(error);
			}
			return deps.verifyAccessToken(data.access_token);
		},

		async remove(factorId) {
			const { error } = await mfa.unenroll({ factorId });
			if (error) fail(error);
		}
	};
}
