import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, freshPage, invite, mailLink, MAIN_BOARD, test } from './support';

// Single sign-on (#17): the app is configured with a real OpenID provider that runs beside it
// (tests/e2e/oidc-provider-server.mjs, oidc-provider). A person signs in through the provider's page and comes
// back signed in to the page asked for; an address without an account comes back with the reason; a
// callback address used once does not sign anyone in again.

/** From the sign-in page through the provider's page as `email`; resolves with the callback address used. */
async function throughProvider(page: Page, email: string): Promise<string> {
	await page.getByRole('link', { name: 'Mit Stadt Hamm anmelden' }).click();
	await expect(page.getByRole('heading', { name: 'Test-Anmeldedienst' })).toBeVisible();
	await page.getByLabel('E-Mail').fill(email);
	const callback = page.waitForRequest((request) => request.url().includes('/login/sso/callback'));
	await page.getByRole('button', { name: 'Weiter' }).click();
	return (await callback).url();
}

test('a member signs in through the city’s provider and lands on the page asked for', async ({ browser }) => {
	const { context, page } = await freshPage(browser);
	await page.goto('/notifications');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fnotifications/);
	await expect(page.getByRole('heading', { name: 'Anmeldung über Ihre Organisation' })).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	const callback = await throughProvider(page, 'member@beirat.example');
	await expect(page).toHaveURL(/\/notifications$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();

	// The same callback address in another browser (an attacker who saw it): refused, nobody signed in.
	const other = await freshPage(browser);
	await other.page.goto(callback);
	await expect(other.page).toHaveURL(/\/login\?sso=expired$/);
	await expect(other.page.getByRole('alert')).toContainText('abgelaufen oder wurde schon verwendet');
	await other.context.close();
	await context.close();
});

test('an address without an account comes back to the sign-in page with the reason', async ({ browser }) => {
	const { context, page } = await freshPage(browser);
	await page.goto('/login');
	await throughProvider(page, 'stranger@stadt.example');
	await expect(page).toHaveURL(/\/login\?sso=noAccount$/);
	await expect(page.getByRole('alert')).toHaveText(
		'Zu dieser E-Mail-Adresse gibt es hier kein Konto. Ein Konto erhalten Sie mit einer Einladung der Geschäftsstelle.'
	);
	await expectNoSeriousA11yViolations(page);
	await context.close();
});

test('an invited person without an account signs in through the provider and lands in the board', async ({
	browser
}) => {
	const email = `sso-${Date.now()}@sso-invited.example`;
	await invite(browser, MAIN_BOARD, email, 'Mitglied');
	const { context, page } = await freshPage(browser);
	await page.goto(`/b/${MAIN_BOARD}/meetings`);
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await throughProvider(page, email);
	// The invitation is accepted on the way: the person is a member and sees the board's meetings.
	await expect(page).toHaveURL(new RegExp(`/b/${MAIN_BOARD}/meetings$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible();
	await context.close();
});

test('the invitation page offers to accept with the provider', async ({ browser }) => {
	const email = `sso-link-${Date.now()}@sso-invited.example`;
	await invite(browser, MAIN_BOARD, email, 'Mitglied');
	const link = await mailLink(browser, email, '/invite/');
	const { context, page } = await freshPage(browser);
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1, name: 'Einladung annehmen' })).toBeVisible();
	await expectNoSeriousA11yViolations(page);
	await page.getByRole('link', { name: 'Mit Stadt Hamm annehmen' }).click();
	await expect(page.getByRole('heading', { name: 'Test-Anmeldedienst' })).toBeVisible();
	await page.getByLabel('E-Mail').fill(email);
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByRole('status')).toHaveText('Willkommen! Ihre Einladung ist angenommen.');
	await context.close();
});
