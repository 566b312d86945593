// Operations (#17): /metrics is refused without credentials and shows the requests by route id to a
// platform admin; the server's log is JSON with request ids and holds no e-mail address of a sign-in.
import fs from 'node:fs';
import { ADMIN, OFFICE, expect, signIn, submitCredentials, test } from './support';
import { serverLogPath } from './server-log';

test('/metrics is refused signed out and with a wrong token, and carries a request id', async ({ request }) => {
	const signedOut = await request.get('/metrics');
	expect(signedOut.status()).toBe(403);
	expect(signedOut.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
	const wrong = await request.get('/metrics', { headers: { authorization: 'Bearer not-the-token' } });
	expect(wrong.status()).toBe(403);
	expect(await wrong.text()).not.toContain('beirat_');
	// The reverse proxy's id is kept, so its access log and ours can be matched.
	const proxied = await request.get('/healthz', { headers: { 'x-request-id': 'nginx-0123456789abcdef' } });
	expect(proxied.headers()['x-request-id']).toBe('nginx-0123456789abcdef');
});

test('/metrics is refused to signed-in people who are no platform admin: office, member, guest', async ({ page }) => {
	for (const account of [OFFICE, 'member@beirat.example', 'guest@beirat.example']) {
		await page.context().clearCookies();
		await signIn(page, account);
		const response = await page.request.get('/metrics');
		expect(response.status(), account).toBe(403);
		expect(await response.text(), account).not.toContain('beirat_');
	}
});

test('a platform admin reads the metrics by route id', async ({ page }) => {
	// The enhanced sign-in form posts the action and gets its redirect as data (status 200).
	await signIn(page, ADMIN);
	const response = await page.request.get('/metrics');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
	const body = await response.text();
	expect(body).toMatch(
		/beirat_http_request_duration_seconds_count\{method="POST",route="\/login",status="200"\} [1-9]/
	);
	expect(body).toMatch(/beirat_db_transaction_duration_seconds_count\{scope="authenticated",outcome="commit"\} [1-9]/);
	expect(body).toContain('beirat_collab_connections');
	expect(body).toMatch(/beirat_mail_outbox_unsent\{state="pending"\} \d+/);
	expect(body).not.toContain('@beirat.example');
});

test('signing in writes JSON request lines without the e-mail address', async ({ page, baseURL }) => {
	await page.goto('/login');
	const refused = page.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST');
	await submitCredentials(page, OFFICE, 'a-wrong-password');
	await refused;
	await expect(page).toHaveURL(/\/login/);
	await signIn(page, OFFICE);
	const log = fs.readFileSync(serverLogPath(Number(new URL(baseURL!).port)), 'utf8');
	const requests = log
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as { msg?: string; route?: string; method?: string; reqId?: string });
	const logins = requests.filter((line) => line.msg === 'request' && line.route === '/login' && line.method === 'POST');
	expect(logins.length).toBeGreaterThanOrEqual(2);
	expect(logins.every((line) => typeof line.reqId === 'string')).toBe(true);
	expect(log).not.toContain(OFFICE);
	expect(log).not.toContain('a-wrong-password');
});
