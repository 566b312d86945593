import type { Page } from '@playwright/test';
import {
	ADMIN,
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	invite,
	MAIN_BOARD,
	mailLink,
	OFFICE,
	signIn,
	submitCredentials,
	test,
	uniqueEmail
} from './support';

test.describe('no serious or critical axe violations', () => {
	test('sign-in page', async ({ page }) => {
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('sign-in page with an error message', async ({ page }) => {
		await page.goto('/login');
		await submitCredentials(page, 'member@beirat.example', 'x');
		await expect(page.getByRole('alert')).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('password reset page', async ({ page }) => {
		await page.goto('/reset');
		await expect(page.getByRole('heading', { level: 1, name: 'Passwort zurücksetzen' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('invitation page', async ({ browser, page }) => {
		const email = uniqueEmail('a11y-invite');
		await invite(browser, MAIN_BOARD, email);
		await page.goto(await mailLink(browser, email, '/invite/'));
		await expect(page.getByRole('button', { name: 'Einladung annehmen' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('dashboard', async ({ page }) => {
		await signIn(page, 'member@beirat.example');
		await expect(page.getByRole('heading', { level: 1, name: 'Guten Tag, Jonas Albers' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('members page as office', async ({ page }) => {
		await signIn(page, OFFICE);
		await page.goto(`/b/${MAIN_BOARD}/members`);
		await expect(page.getByRole('heading', { level: 2, name: 'Person einladen' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('members page as member', async ({ page }) => {
		await signIn(page, 'member@beirat.example');
		await page.goto(`/b/${MAIN_BOARD}/members`);
		await expect(page.getByRole('heading', { level: 1, name: 'Mitglieder' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('profile', async ({ page }) => {
		await signIn(page, 'member@beirat.example');
		await page.goto('/profile');
		await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('administration', async ({ page }) => {
		await signIn(page, ADMIN);
		await page.goto('/admin');
		await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});

	test('outbox', async ({ page }) => {
		await signIn(page, ADMIN);
		await page.goto('/admin/outbox');
		await expect(page.getByRole('heading', { level: 1, name: 'Postausgang' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});
});

/** The id (or, without one, the tag and text) of the focused element. */
function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const element = document.activeElement;
		if (!element || element === document.body) return 'body';
		return element.id ? `#${element.id}` : `${element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ''}`;
	});
}

test.describe('keyboard', () => {
	test('the first Tab reaches the skip link, Enter moves focus to the main content', async ({ page }) => {
		await page.goto('/login');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
		await expect(skip).toBeFocused();
		await expect(skip).toBeInViewport();
		await page.keyboard.press('Enter');
		await expect(page.locator('main#main')).toBeFocused();
		// The next Tab continues inside the main content, not in the header.
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
	});

	test('signing in works with the keyboard alone', async ({ browser }) => {
		const { context, page } = await freshPage(browser);
		await page.goto('/login');
		await formReady(page.locator('form', { has: page.locator('#field-password') }));
		// Tab through skip link and header until the e-mail field has focus (a short, bounded walk).
		const visited: string[] = [];
		for (let step = 0; step < 15 && (await focused(page)) !== '#field-email'; step += 1) {
			await page.keyboard.press('Tab');
			visited.push(await focused(page));
		}
		expect(visited.at(-1), `focus order: ${visited.join(' → ')}`).toBe('#field-email');
		await page.keyboard.type('member@beirat.example');
		await page.keyboard.press('Tab');
		await expect(page.locator('#field-password')).toBeFocused();
		await page.keyboard.type('beirat-demo');
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Anmelden' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1, name: 'Guten Tag, Jonas Albers' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
		await context.close();
	});
});
