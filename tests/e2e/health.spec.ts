import http from 'node:http';
import { expect, test } from '@playwright/test';

/** Status the server answers to a WebSocket handshake on `path` (no WebSocket client needed). */
function upgradeStatus(baseURL: string, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.request(new URL(path, baseURL), {
			headers: {
				connection: 'Upgrade',
				upgrade: 'websocket',
				'sec-websocket-version': '13',
				'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ=='
			}
		});
		request.on('response', (response) => {
			response.resume();
			resolve(response.statusCode ?? 0);
		});
		// An accepted upgrade is a failure here: none of these requests carries a valid ticket.
		request.on('upgrade', (_response, socket) => {
			socket.destroy();
			resolve(101);
		});
		request.on('error', reject);
		request.end();
	});
}

test('GET /healthz reports ok and is never cached', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toBe('no-store');
	expect(await response.json()).toEqual({ status: 'ok' });
});

test('a signed-out visitor is sent from / to /login', async ({ request }) => {
	const response = await request.get('/', { maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/login');
});

test('the browser lands on the sign-in page', async ({ page }) => {
	const response = await page.goto('/');
	expect(page.url()).toMatch(/\/login$/);
	expect(response?.ok()).toBe(true);
});

test('WebSocket upgrades without a ticket, or outside /collab/, are refused', async ({ baseURL }) => {
	expect(await upgradeStatus(baseURL!, '/collab/00000000-0000-0000-0000-000000000000')).toBe(401);
	expect(await upgradeStatus(baseURL!, '/collab/00000000-0000-0000-0000-000000000000?ticket=forged')).toBe(401);
	expect(await upgradeStatus(baseURL!, '/somewhere-else')).toBe(404);
	// The refused sockets must not take the server down.
	const health = await fetch(new URL('/healthz', baseURL));
	expect(health.status).toBe(200);
});
