// The OpenID provider beside the app in the e2e run (#17): the real oidc-provider from
// tests/support/oidc-provider.ts, loaded through Vite's module runner, on E2E_OIDC_PORT. It knows the demo
// accounts (verified addresses), one address without an account in Beirat and, verified on first login, any
// address @sso-invited.example (people invited during the run).
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.E2E_OIDC_PORT);
const redirectUri = process.env.E2E_OIDC_REDIRECT_URI;
if (!port || !redirectUri) {
	console.error('oidc-provider-server: E2E_OIDC_PORT and E2E_OIDC_REDIRECT_URI are required');
	process.exit(1);
}
const { module } = await runnerImport(path.join(root, 'tests/support/oidc-provider.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
const provider = await module.startTestProvider({
	port,
	redirectUri,
	clientId: 'beirat-e2e',
	clientSecret: 'beirat-e2e-secret',
	// People the office invites during the run (tests/e2e/sso.spec.ts) sign in with such an address.
	verifiedDomain: 'sso-invited.example'
});
for (const role of ['admin', 'office', 'chair', 'member', 'member2', 'advisor', 'guest'])
	provider.addAccount({ email: `${role}@beirat.example`, emailVerified: true });
provider.addAccount({ email: 'stranger@stadt.example', emailVerified: true });
// Playwright waits for this address before it starts the app.
http.get(`${provider.issuer}/.well-known/openid-configuration`, (response) => {
	console.log(`OpenID provider for the e2e run at ${provider.issuer} (${response.statusCode})`);
	response.resume();
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => provider.close().then(() => process.exit(0)));
