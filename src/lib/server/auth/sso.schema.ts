import { z } from 'zod';

// Single sign-on (#17): what comes in at the edge (the start's query, the provider's callback, the flow
// cookie Beirat wrote itself but reads back from the browser) and the outcomes the sign-in page explains.

/** Why a single sign-on did not sign the person in; the sign-in page shows `login.sso.error.<code>`. */
export const ssoFailureSchema = z.enum([
	'unavailable',
	'cancelled',
	'failed',
	'expired',
	'unverified',
	'noAccount',
	'invited',
	'invitationExpired',
	'deactivated'
]);
export type SsoFailure = z.infer<typeof ssoFailureSchema>;

/** GET /login/sso: where to go after signing in (checked as a same-origin path when used). */
export const ssoStartSchema = z.object({ redirectTo: z.string().max(2000).optional() });

/** GET /login/sso/callback: the authorization response (RFC 6749 4.1.2, 4.1.2.1). */
export const ssoCallbackSchema = z.object({
	code: z.string().min(1).max(4000).optional(),
	state: z.string().min(1).max(500).optional(),
	error: z.string().max(200).optional(),
	/** GoTrue's reason next to `error`, e.g. `signup_disabled` for an address without an account. */
	error_code: z.string().max(200).optional()
});

const token = z.string().min(16).max(200);

/**
 * The flow cookie: the target after sign-in and, with local auth, the flow's state, nonce and PKCE verifier
 * (with Supabase Auth, supabase-js keeps its verifier in a cookie of its own).
 */
export const ssoFlowCookieSchema = z.object({
	redirectTo: z.string().max(2000),
	oidc: z.object({ state: token, nonce: token, codeVerifier: token }).optional()
});
export type SsoFlowCookie = z.infer<typeof ssoFlowCookieSchema>;
