import { expect, signIn, test } from './support';

// Demo papers (supabase/seed.sql): the first is open to the board (edit) and shared with the guest
// (view); the second is restricted to named people, the guest not among them.
const DEMO_PAPER = '00000000-0000-4000-8000-000000000a01';
const RESTRICTED_PAPER = '00000000-0000-4000-8000-000000000a02';

test('a member gets a ticket and the collaboration socket answers the sync handshake', async ({ page }) => {
	await signIn(page, 'member@beirat.example');
	const result = await page.evaluate(async (paperId) => {
		const response = await fetch('/api/collab/ticket', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ paperId })
		});
		const body = (await response.json()) as { url: string; access: string };
		const ws = new WebSocket(body.url);
		ws.binaryType = 'arraybuffer';
		const first = await new Promise<number[]>((resolve, reject) => {
			ws.onmessage = (event) => resolve([...new Uint8Array(event.data as ArrayBuffer).slice(0, 2)]);
			ws.onerror = () => reject(new Error('socket failed'));
		});
		ws.close();
		return { status: response.status, access: body.access, first, sameHost: new URL(body.url).host === location.host };
	}, DEMO_PAPER);
	// The server opens with its sync step 1 (message 0, step 0).
	expect(result).toEqual({ status: 200, access: 'edit', first: [0, 0], sameHost: true });
});

test('a guest gets a view ticket for a shared paper, none for another, and a bad ticket opens nothing', async ({
	page
}) => {
	await signIn(page, 'guest@beirat.example');
	const shared = await page.evaluate(async (paperId) => {
		const response = await fetch('/api/collab/ticket', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ paperId })
		});
		return ((await response.json()) as { access?: string }).access;
	}, DEMO_PAPER);
	expect(shared).toBe('view');
	const result = await page.evaluate(async (paperId) => {
		const response = await fetch('/api/collab/ticket', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ paperId })
		});
		const body = (await response.json()) as { message?: string };
		const opened = await new Promise<boolean>((resolve) => {
			const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/collab/${paperId}?ticket=forged`);
			ws.onopen = () => resolve(true);
			ws.onclose = () => resolve(false);
		});
		return { status: response.status, message: body.message, opened };
	}, RESTRICTED_PAPER);
	expect(result.status).toBe(404);
	// The guest's language is English (demo profile).
	expect(result.message).toMatch(/do not have access/);
	expect(result.opened).toBe(false);
});
