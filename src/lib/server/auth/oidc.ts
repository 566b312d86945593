import * as client from 'openid-client';

// The OpenID Connect relying party of local auth (#17), on openid-client: discovery, authorization code
// with PKCE (S256), state and nonce, and the ID token's signature, issuer, audience, expiry and nonce
// checked by the library. What Beirat adds (single-use state, account linking) is in sso.service.ts.

export interface OidcSettings {
	/** The issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
	issuer: string;
	clientId: string;
	/** Confidential clients (Keycloak, Entra ID) authenticate with client_secret_post; none: a public client. */
	clientSecret?: string;
	/** Where the provider sends the person back: `<ORIGIN>/login/sso/callback`. */
	redirectUri: string;
	/** Replaces fetch for every call to the provider (tests). */
	fetch?: typeof fetch;
}

/** What Beirat keeps in the browser between the start and the callback (an httpOnly cookie). */
export interface OidcFlow {
	state: string;
	nonce: string;
	codeVerifier: string;
}

/** The person as the provider vouches for them, after every check of the ID token passed. */
export interface OidcIdentity {
	issuer: string;
	subject: string;
	email: string | null;
	emailVerified: boolean;
	/** Authentication methods (RFC 8176), e.g. ['pwd', 'mfa']; empty when the provider does not say. */
	amr: string[];
}

export type OidcFailure = 'unavailable' | 'cancelled' | 'failed';

/** A failed step at the provider, classified for the person; `detail` is for the log only. */
export class OidcError extends Error {
	constructor(
		readonly failure: OidcFailure,
		readonly detail: string
	) {
		super(`${failure}: ${detail}`);
	}
}

export interface OidcClient {
	/** A new flow and the provider's authorization address for it. */
	start(): Promise<{ url: string; flow: OidcFlow }>;
	/** Redeems the callback address (code, state) of `flow`; OidcError when anything does not check out. */
	finish(callback: URL, flow: OidcFlow): Promise<OidcIdentity>;
}

export function createOidcClient(settings: OidcSettings): OidcClient {
	let discovered: Promise<client.Configuration> | null = null;

	function configuration(): Promise<client.Configuration> {
		// Discovered once per process, at first use: the app starts even while the provider is down.
		discovered ??= client
			.discovery(
				new URL(settings.issuer),
				settings.clientId,
				undefined,
				settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
				{
					execute: settings.issuer.startsWith('http://') ? [client.allowInsecureRequests] : [],
					// Bodies openid-client sends (strings, URLSearchParams) are all fetch's own types.
					...(settings.fetch ? { [client.customFetch]: settings.fetch as unknown as client.CustomFetch } : {})
				}
			)
			.catch((error: unknown) => {
				discovered = null;
				throw new OidcError('unavailable', describe(error));
			});
		return discovered;
	}

	return {
		async start() {
			const config = await configuration();
			const flow: OidcFlow = {
				state: client.randomState(),
				nonce: client.randomNonce(),
				codeVerifier: client.randomPKCECodeVerifier()
			};
			const url = client.buildAuthorizationUrl(config, {
				redirect_uri: settings.redirectUri,
				scope: 'openid email profile',
				response_type: 'code',
				code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
				code_challenge_method: 'S256',
				state: flow.state,
				nonce: flow.nonce
			});
			return { url: url.href, flow };
		},

		async finish(callback, flow) {
			const config = await configuration();
			try {
				const tokens = await client.authorizationCodeGrant(config, callback, {
					pkceCodeVerifier: flow.codeVerifier,
					expectedState: flow.state,
					expectedNonce: flow.nonce,
					idTokenExpected: true
				});
				const idToken = tokens.claims();
				if (!idToken) throw new OidcError('failed', 'no ID token');
				// Providers put e-mail claims either in the ID token (Keycloak, Entra ID) or only in userinfo
				// (oidc-provider's default); userinfo is checked to be about the same subject.
				let profile: Record<string, unknown> = idToken;
				if (typeof idToken.email !== 'string' || typeof idToken.email_verified !== 'boolean') {
					const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
					profile = { ...info, ...idToken, email: info.email, email_verified: info.email_verified };
				}
				return {
					issuer: idToken.iss,
					subject: idToken.sub,
					email: typeof profile.email === 'string' ? profile.email.trim() : null,
					emailVerified: profile.email_verified === true,
					amr: Array.isArray(idToken.amr) ? idToken.amr.filter((m): m is string => typeof m === 'string') : []
				};
			} catch (error) {
				if (error instanceof OidcError) throw error;
				if (error instanceof client.AuthorizationResponseError && error.error === 'access_denied') {
					throw new OidcError('cancelled', describe(error));
				}
				throw new OidcError(isNetworkError(error) ? 'unavailable' : 'failed', describe(error));
			}
		}
	};
}

function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const code = (error as { code?: unknown }).code;
	return `${typeof code === 'string' ? `${code} ` : ''}${error.message}`.slice(0, 300);
}

function isNetworkError(error: unknown): boolean {
	return error instanceof TypeError && /fetch failed/i.test(error.message);
}
