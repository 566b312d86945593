import type { Browser, Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import {
	ADMIN,
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	inviteOnPage,
	mailLink,
	submitCredentials,
	test,
	uniqueEmail
} from './support';

// Two-factor sign-in (#17), local auth: an office of a fresh board enrols by key (the test computes the
// codes from the secret like an authenticator app), requires the second factor for the board, and signs in
// with a code; a chair invited afterwards is held at enrolment. A fresh board keeps the demo's people free.

/** The app's code for `key` at `at` (RFC 6238, as the server checks it). */
function codeFor(key: string, at = Date.now()): string {
	const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(key.replace(/ /g, '')) });
	return totp.generate({ timestamp: at });
}

/** Accepts an invitation in a fresh browser; the caller checks where it lands. */
async function accept(browser: Browser, link: string, name: string, password: string) {
	const { context, page } = await freshPage(browser);
	await page.goto(link);
	await formReady(page.locator('form', { has: page.locator('#field-displayName') }));
	await page.locator('#field-displayName').fill(name);
	await page.locator('#field-password').fill(password);
	await page.getByRole('button', { name: 'Einladung annehmen' }).click();
	return { context, page };
}

async function enrol(page: Page): Promise<{ key: string; codes: string[] }> {
	await page.goto('/profile/2fa');
	await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
	await expect(page.getByRole('img', { name: 'QR-Code für die Authenticator-App' })).toBeVisible();
	const key = (await page.getByTestId('totp-key').textContent())!.trim();
	expect(key.replace(/ /g, '')).toMatch(/^[A-Z2-7]{32}$/);
	await expectNoSeriousA11yViolations(page);
	const form = await formReady(page.locator('form[action="?/confirm"]'));
	await form.getByLabel('Code').fill('000000');
	await form.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Der Code stimmt nicht oder wurde schon benutzt.');
	await form.getByLabel('Code').fill(codeFor(key));
	await form.getByRole('button', { name: 'Bestätigen' }).click();
	const list = page.getByRole('list', { name: 'Ihre Wiederherstellungscodes' });
	await expect(list.getByRole('listitem')).toHaveCount(10);
	const codes = (await list.getByRole('listitem').allTextContents()).map((code) => code.trim());
	await expectNoSeriousA11yViolations(page);
	return { key, codes };
}

test('an office enrols, requires two-factor sign-in for the board, signs in with a code; a chair is held at enrolment', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const slug = `zf-${Date.now().toString(36)}`;
	const admin = await freshPage(browser, ADMIN);
	const officeEmail = uniqueEmail('office-2fa');
	const chairEmail = uniqueEmail('chair-2fa');
	const password = `pw-${Date.now()}-lang-genug`;
	const contexts = [admin.context];
	try {
		await admin.page.goto('/admin');
		const create = await formReady(admin.page.locator('form[action="?/createBoard"]'));
		await create.getByLabel('Name', { exact: true }).fill(`Zwei-Faktor ${slug}`);
		await create.getByLabel('Kurzname (für Adressen)').fill(slug);
		await create.getByRole('button', { name: 'Anlegen' }).click();
		await expect(admin.page).toHaveURL(new RegExp(`/b/${slug}/members$`));
		await inviteOnPage(admin.page, slug, officeEmail, 'Geschäftsstelle');
		const office = await accept(browser, await mailLink(browser, officeEmail, '/invite/'), 'E2E Büro', password);
		contexts.push(office.context);
		await expect(office.page.getByRole('heading', { level: 1, name: 'Guten Tag, E2E Büro' })).toBeVisible();

		const { key, codes } = await enrol(office.page);

		// The board now requires it; the office has it, so nothing changes for them.
		await office.page.goto(`/b/${slug}/settings`);
		const requirement = office.page.getByRole('region', { name: 'Zwei-Faktor-Anmeldung vorschreiben' });
		await requirement.getByRole('button', { name: 'Vorschreiben' }).click();
		await expect(requirement.getByRole('status')).toHaveText('Die Zwei-Faktor-Anmeldung ist jetzt vorgeschrieben.');
		await inviteOnPage(office.page, slug, chairEmail, 'Vorsitz');

		// The chair can do nothing but enrol.
		const chair = await accept(browser, await mailLink(browser, chairEmail, '/invite/'), 'E2E Vorsitz', password);
		contexts.push(chair.context);
		await expect(chair.page).toHaveURL(/\/profile\/2fa$/);
		await expect(chair.page.getByRole('note')).toContainText('vorgeschrieben');
		await expectNoSeriousA11yViolations(chair.page);
		for (const address of [`/b/${slug}/meetings`, '/', '/profile', '/login/2fa']) {
			await chair.page.goto(address);
			await expect(chair.page).toHaveURL(/\/profile\/2fa$/);
		}
		const ticket = await chair.page.evaluate(
			async () => (await fetch('/api/collab/ticket', { method: 'POST' })).status
		);
		expect(ticket).toBe(403);

		// Signing in again asks for the code after the password; a code opens the workspace.
		await office.page.getByRole('button', { name: 'Abmelden' }).click();
		await office.page.goto(`/login?redirectTo=${encodeURIComponent(`/b/${slug}/members`)}`);
		await submitCredentials(office.page, officeEmail, password);
		await expect(office.page).toHaveURL(/\/login\/2fa\?redirectTo=/);
		await expect(office.page.getByRole('heading', { level: 1, name: 'Code eingeben' })).toBeVisible();
		await expectNoSeriousA11yViolations(office.page);
		await office.page.goto(`/b/${slug}/members`);
		await expect(office.page).toHaveURL(/\/login\/2fa/);
		const form = await formReady(office.page.locator('form', { has: office.page.locator('#field-code') }));
		// The code used at enrolment is spent: the next step's code (one step ahead is accepted).
		await form.getByLabel('Code').fill(codeFor(key, Date.now() + 30_000));
		await form.getByRole('button', { name: 'Anmelden' }).click();
		await expect(office.page).toHaveURL(new RegExp(`/b/${slug}/members$`));

		// A recovery code works once, in place of the app.
		await office.page.getByRole('button', { name: 'Abmelden' }).click();
		await office.page.goto('/login');
		await submitCredentials(office.page, officeEmail, password);
		await expect(office.page).toHaveURL(/\/login\/2fa/);
		const again = await formReady(office.page.locator('form', { has: office.page.locator('#field-code') }));
		await again.getByLabel('Code').fill(codes[0]!);
		await again.getByRole('button', { name: 'Anmelden' }).click();
		await expect(office.page.getByRole('heading', { level: 1, name: 'Guten Tag, E2E Büro' })).toBeVisible();
	} finally {
		for (const context of contexts) await context.close();
	}
});
