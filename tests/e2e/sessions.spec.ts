import type { Browser, Page } from '@playwright/test';
import {
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	MAIN_BOARD,
	newMember,
	signIn,
	test
} from './support';

// Profile → sessions (#17): a person sees where they are signed in and ends another browser's session;
// that browser is signed out at its next request and its collaboration socket closes at once.

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
// Open to the whole board (supabase/seed.sql): any member gets an edit ticket.
const DEMO_PAPER = '00000000-0000-4000-8000-000000000a01';
// src/lib/collab/protocol.ts CLOSE_ACCESS_CHANGED.
const CLOSE_ACCESS_CHANGED = 4403;

/** A second browser (its own cookies and user agent) signed in as the same person. */
async function secondBrowser(browser: Browser, email: string, password: string) {
	const { context, page } = await freshPage(browser);
	await context.setExtraHTTPHeaders({ 'user-agent': FIREFOX_WINDOWS });
	await signIn(page, email, password);
	return { context, page };
}

/** Opens the paper's collaboration socket in the page and records its close code on `window`. */
async function openSocket(page: Page): Promise<void> {
	await page.evaluate(async (paperId) => {
		const response = await fetch('/api/collab/ticket', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ paperId })
		});
		const { url } = (await response.json()) as { url: string };
		const ws = new WebSocket(url);
		const record = window as unknown as { closeCode?: number };
		ws.onclose = (event) => (record.closeCode = event.code);
		await new Promise<void>((resolve, reject) => {
			ws.onmessage = () => resolve();
			ws.onerror = () => reject(new Error('socket failed'));
		});
	}, DEMO_PAPER);
}

const closeCode = (page: Page) => page.evaluate(() => (window as unknown as { closeCode?: number }).closeCode ?? null);

test('a member ends the session of another browser: it is signed out at its next request, its socket closes at once', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const member = await newMember(browser, MAIN_BOARD, 'sessions');
	const other = await secondBrowser(browser, member.email, member.password);
	try {
		await openSocket(other.page);
		const page = member.page;
		await page.goto('/profile');
		await page.getByRole('link', { name: 'Sitzungen: wo Sie angemeldet sind' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible();
		const sessions = page.getByRole('list', { name: 'Sitzungen' }).getByRole('listitem');
		await expect(sessions).toHaveCount(2);
		const current = sessions.filter({ hasText: 'Dieses Gerät' });
		await expect(current).toHaveCount(1);
		await expect(current).toContainText('Chrome auf Linux');
		await expect(current.getByRole('button', { name: /Sitzung beenden/ })).toHaveCount(0);
		const firefox = sessions.filter({ hasText: 'Firefox auf Windows' });
		await expect(firefox).toContainText('127.0.0.x');
		await expect(firefox).toContainText('Angemeldet seit');
		await expect(firefox).toContainText('Zuletzt genutzt');
		await expectNoSeriousA11yViolations(page);

		await firefox.getByRole('button', { name: 'Sitzung beenden: Firefox auf Windows' }).click();
		await expect(page.getByRole('status')).toContainText('Die Sitzung ist beendet.');
		await expect(sessions).toHaveCount(1);
		await expect(sessions).toContainText('Dieses Gerät');
		await expect.poll(() => closeCode(other.page), { timeout: 5_000 }).toBe(CLOSE_ACCESS_CHANGED);

		// The other browser's access token has not expired; the server's session check signs it out.
		await other.page.goto(`/b/${MAIN_BOARD}/meetings`);
		await expect(other.page).toHaveURL(/\/login\?redirectTo=/);
		const ticket = await other.page.evaluate(async (paperId) => {
			const response = await fetch('/api/collab/ticket', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ paperId })
			});
			return response.status;
		}, DEMO_PAPER);
		expect(ticket).toBe(401);
		// This browser carries on.
		await page.goto('/profile/sessions');
		await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible();
	} finally {
		await other.context.close();
		await member.context.close();
	}
});

test('in English: end all other sessions; a password change ends them too', async ({ browser }) => {
	test.setTimeout(150_000);
	const member = await newMember(browser, MAIN_BOARD, 'sessions-en');
	const page = member.page;
	const others = [
		await secondBrowser(browser, member.email, member.password),
		await secondBrowser(browser, member.email, member.password)
	];
	try {
		await page.goto('/profile/sessions');
		await page.getByRole('button', { name: 'Englisch' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
		const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
		await expect(sessions).toHaveCount(3);
		await expect(sessions.filter({ hasText: 'Firefox on Windows' })).toHaveCount(2);
		await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1);
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('button', { name: 'End all other sessions' }).click();
		await expect(page.getByRole('status')).toHaveText('All other sessions have ended.');
		await expect(sessions).toHaveCount(1);
		await expect(page.getByRole('button', { name: 'End all other sessions' })).toHaveCount(0);
		for (const other of others) {
			await other.page.goto('/');
			await expect(other.page).toHaveURL(/\/login$/);
		}

		// A password change ends the sessions started since.
		const again = await secondBrowser(browser, member.email, member.password);
		others.push(again);
		await page.goto('/profile');
		await formReady(page.locator('form', { has: page.locator('#field-currentPassword') }));
		await page.locator('#field-currentPassword').fill(member.password);
		await page.locator('#field-newPassword').fill(`${member.password}-neu`);
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByText('Your password has been changed.')).toBeVisible();
		await again.page.goto('/');
		await expect(again.page).toHaveURL(/\/login$/);
		await page.goto('/profile/sessions');
		await expect(sessions).toHaveCount(1);
	} finally {
		for (const other of others) await other.context.close();
		await member.context.close();
	}
});

test('the sessions page refuses bad input with a message, not an error page', async ({ browser }) => {
	const { context, page } = await freshPage(browser, 'member2@beirat.example');
	try {
		await page.goto('/profile/sessions');
		const status = await page.evaluate(async () => {
			const body = new FormData();
			body.set('sessionId', 'not-a-session');
			const response = await fetch('/profile/sessions?/end', {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true' }
			});
			return { status: response.status, body: (await response.json()) as { type: string; status: number } };
		});
		expect(status.body).toMatchObject({ type: 'failure', status: 400 });
	} finally {
		await context.close();
	}
});
