import type { Browser, Page } from '@playwright/test';
import { expect, DEMO_PASSWORD, formReady, freshPage, MAIN_BOARD, OFFICE, signIn, test } from './support';
import { addItem, uniqueTitle } from './agenda-support';
import { UPCOMING_MEETING } from './meetings-support';
import { castVote, openCircular } from './votes-support';

// Irreversible actions ask first: the first button only opens the question, the second does it.
// Both steps work without JavaScript (a native disclosure and a plain form post).

const AGENDA = `/b/${MAIN_BOARD}/meetings/${UPCOMING_MEETING}/agenda`;

async function noJsOffice(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#field-email').fill(OFFICE);
	await page.locator('#field-password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).not.toHaveURL(/\/login(\?|$)/);
	return { page, close: () => context.close() };
}

test('deleting an agenda item asks first, with and without JavaScript', async ({ page, browser }) => {
	test.setTimeout(90_000);
	await signIn(page, OFFICE);
	await page.goto(AGENDA);
	const title = uniqueTitle('Zu löschen');
	await addItem(page, { title });
	const row = page.locator('ol.agenda-list > li', { hasText: title });
	await row.locator('details.confirm-step > summary').click();
	await expect(row).toContainText(`Der Punkt „${title}“ wird von der Tagesordnung entfernt`);
	// Nothing happened yet: after a reload the item is still there.
	await page.reload();
	await expect(page.locator('ol.agenda-list > li', { hasText: title })).toHaveCount(1);
	await row.locator('details.confirm-step > summary').click();
	await (
		await formReady(row.locator('form[action="?/delete"]'))
	)
		.getByRole('button', { name: 'Ja, endgültig löschen' })
		.click();
	await expect(page.locator('ol.agenda-list > li', { hasText: title })).toHaveCount(0);

	const other = uniqueTitle('Ohne Skript löschen');
	await page.goto(AGENDA);
	await addItem(page, { title: other });
	const noJs = await noJsOffice(browser);
	try {
		await noJs.page.goto(AGENDA);
		const item = noJs.page.locator('ol.agenda-list > li', { hasText: other });
		await expect(item.getByRole('button', { name: 'Ja, endgültig löschen' })).toBeHidden();
		await item.locator('details.confirm-step > summary').click();
		await item.getByRole('button', { name: 'Ja, endgültig löschen' }).click();
		await noJs.page.goto(AGENDA);
		await expect(noJs.page.locator('ol.agenda-list > li', { hasText: other })).toHaveCount(0);
	} finally {
		await noJs.close();
	}
});

test('ending a circular vote early asks first, with and without JavaScript', async ({ page, browser }) => {
	test.setTimeout(90_000);
	await signIn(page, OFFICE);
	const url = await openCircular(page, `Vorzeitig beenden ${Date.now()}`);
	const member = await freshPage(browser, 'member@beirat.example');
	await castVote(member.page, url, 'Ja');
	await member.context.close();

	await page.goto(url);
	await expect(page.getByTestId('vote-status')).toHaveText('offen');
	await page.getByText('Abstimmung jetzt beenden', { exact: true }).click();
	await expect(page.getByText('Die Abstimmung wird sofort beendet und ausgezählt.', { exact: false })).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('vote-status')).toHaveText('offen');

	// Without JavaScript: open the question, confirm, and the vote is closed.
	const noJs = await noJsOffice(browser);
	try {
		await noJs.page.goto(url);
		await expect(noJs.page.getByRole('button', { name: 'Ja, Abstimmung jetzt beenden' })).toBeHidden();
		await noJs.page.getByText('Abstimmung jetzt beenden', { exact: true }).click();
		await noJs.page.getByRole('button', { name: 'Ja, Abstimmung jetzt beenden' }).click();
		await noJs.page.goto(url);
		await expect(noJs.page.getByTestId('vote-status')).toHaveText('angenommen');
	} finally {
		await noJs.close();
	}
});

test('ending a circular vote with JavaScript: the confirmation closes it', async ({ page, browser }) => {
	await signIn(page, OFFICE);
	const url = await openCircular(page, `Mit Bestätigung beenden ${Date.now()}`);
	const member = await freshPage(browser, 'member@beirat.example');
	await castVote(member.page, url, 'Nein');
	await member.context.close();
	await page.goto(url);
	await page.getByText('Abstimmung jetzt beenden', { exact: true }).click();
	await (
		await formReady(page.locator('form[action="?/close"]'))
	)
		.getByRole('button', { name: 'Ja, Abstimmung jetzt beenden' })
		.click();
	await expect(page.getByTestId('vote-status')).toHaveText('abgelehnt');
});
