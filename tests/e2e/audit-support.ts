import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';
import { berlinLocal, MEETINGS } from './meetings-support';

export const AUDIT = `/b/${MAIN_BOARD}/audit`;

/** Office creates a meeting through the meetings page and lands on it; returns its address. */
export async function createMeetingOnPage(page: Page, title: string): Promise<string> {
	await page.goto(MEETINGS);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Titel').fill(title);
	await form.getByLabel('Beginn').fill(berlinLocal(60, 10));
	await form.getByLabel('Ende').fill(berlinLocal(60, 12));
	await form.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return page.url();
}

/** Office renames the meeting whose page is open, through "Sitzung bearbeiten". */
export async function renameMeetingOnPage(page: Page, title: string): Promise<void> {
	const form = await formReady(page.locator('form[action="?/update"]'));
	await form.getByLabel('Titel').fill(title);
	await form.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText(/Die Änderungen sind gespeichert/)).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}
