import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/*
 * A real OpenID provider (panva's oidc-provider, the certified implementation) for the single sign-on
 * tests (#17): discovery, PKCE-required authorization code flow, signed ID tokens, userinfo. Only the
 * provider's login screen is ours: a one-field form (the e-mail of a known person) that a browser fills in,
 * or, for integration tests, `nextLogin` answers the login prompt without a form. Consent is implied
 * (loadExistingGrant), as a city's provider does for its own applications.
 */

export interface ProviderAccount {
	email: string;
	emailVerified: boolean;
	/** RFC 8176 methods the provider reports, e.g. ['pwd', 'mfa']. */
	amr?: string[];
}

export interface TestProviderOptions {
	/** Where the app expects the person back, e.g. `${ORIGIN}/login/sso/callback`. */
	redirectUri: string;
	clientId?: string;
	clientSecret?: string;
	/** Fixed port (e2e); 0 picks a free one. */
	port?: number;
	/** e2e: an unknown address of this domain is known on first login, verified (people invited during the run). */
	verifiedDomain?: string;
}

export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>;

export async function startTestProvider(options: TestProviderOptions) {
	const clientId = options.clientId ?? 'beirat';
	const clientSecret = options.clientSecret ?? 'beirat-test-secret';
	const keys = await generateKeyPair('RS256', { extractable: true });
	const privateJwk: JWK = { ...(await exportJWK(keys.privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
	/** Accounts by subject (the provider's own id, not the e-mail). */
	const accounts = new Map<string, ProviderAccount>();
	const state: { nextLogin: string | null } = { nextLogin: null };

	const server = createServer();
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: [options.redirectUri],
				response_types: ['code'],
				grant_types: ['authorization_code'],
				token_endpoint_auth_method: 'client_secret_post'
			}
		],
		jwks: { keys: [privateJwk] },
		cookies: { keys: ['oidc-test-cookie-key'] },
		// amr: the methods of the login (RFC 8176), as Entra ID reports them ('pwd', 'mfa').
		claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
		ttl: { Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, Interaction: 600, AuthorizationCode: 60 },
		pkce: { required: () => true },
		features: { devInteractions: { enabled: false } },
		interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
		async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
			const account = accounts.get(sub);
			if (!account) return undefined;
			return {
				accountId: sub,
				claims: () => ({ sub, email: account.email, email_verified: account.emailVerified })
			};
		},
		async loadExistingGrant(ctx: KoaContextWithOIDC) {
			const accountId = ctx.oidc.session?.accountId;
			const clientId = ctx.oidc.client?.clientId;
			if (!accountId || !clientId) return undefined;
			const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
			grant.addOIDCScope('openid email');
			await grant.save();
			return grant;
		}
	});
	/** Adds a person the provider knows; returns their subject. */
	function addAccount(account: ProviderAccount): string {
		const sub = `sub-${accounts.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
		accounts.set(sub, { ...account, email: account.email.toLowerCase() });
		return sub;
	}
	const callback = provider.callback();

	/** Finishes the login prompt as the account with this e-mail (its subject), or shows the form again. */
	async function login(req: IncomingMessage, res: ServerResponse, email: string): Promise<void> {
		const address = email.trim().toLowerCase();
		if (options.verifiedDomain && address.endsWith(`@${options.verifiedDomain}`)) {
			if (![...accounts.values()].some((account) => account.email === address)) {
				addAccount({ email: address, emailVerified: true });
			}
		}
		const entry = [...accounts].find(([, account]) => account.email === address);
		if (!entry) return page(res, 'Unbekannte E-Mail-Adresse / unknown e-mail address');
		const [sub, account] = entry;
		await provider.interactionFinished(
			req,
			res,
			{ login: { accountId: sub, amr: account.amr } },
			{
				mergeWithLastSubmission: false
			}
		);
	}

	server.on('request', (req, res) => {
		const url = new URL(req.url ?? '/', issuer);
		if (!url.pathname.startsWith('/interaction/')) return void callback(req, res);
		void (async () => {
			await provider.interactionDetails(req, res);
			if (req.method === 'POST') return login(req, res, new URLSearchParams(await body(req)).get('email') ?? '');
			if (state.nextLogin) return login(req, res, state.nextLogin);
			page(res);
		})().catch((error: unknown) => {
			res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
		});
	});

	return {
		issuer,
		clientId,
		clientSecret,
		/** Signing key of the provider (tests forge tokens with it: a valid signature, a wrong claim). */
		privateKey: keys.privateKey,
		/** Adds a person the provider knows; returns their subject. */
		addAccount,
		accounts,
		/** Integration tests: the next login prompt is answered as this e-mail, without a form. */
		loginAs(email: string | null) {
			state.nextLogin = email;
		},
		close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))
	};
}

function page(res: ServerResponse, message = ''): void {
	const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Test-Anmeldedienst</title></head>
<body><main><h1>Test-Anmeldedienst</h1>${message ? `<p role="alert">${message}</p>` : ''}
<form method="post"><label for="email">E-Mail</label> <input id="email" name="email" type="email" required>
<button type="submit">Weiter</button></form></main></body></html>`;
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

async function body(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
