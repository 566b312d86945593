import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';

/** Office assigns an action item to `ownerName` on the demo board's tasks page (German UI). */
export async function assignTaskTo(page: Page, input: { title: string; ownerName: string }): Promise<void> {
	await page.goto(`/b/${MAIN_BOARD}/tasks`);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Aufgabe', { exact: true }).fill(input.title);
	await form.getByLabel('Zuständig').selectOption({ label: input.ownerName });
	await form.getByRole('button', { name: 'Aufgabe anlegen' }).click();
	await expect(page.getByText('Die Aufgabe wurde angelegt.')).toBeVisible();
}

/** The header's notifications link (its name carries the unread count). */
export const bell = (page: Page) => page.getByTestId('notification-bell');

/** Marks everything read so a test starts from a known count (specs share one database). */
export async function clearNotifications(page: Page): Promise<void> {
	await page.goto('/notifications');
	const all = page.locator('form[action="?/readAll"]');
	if (await all.count()) {
		await (await formReady(all)).getByRole('button', { name: 'Alle als gelesen markieren' }).click();
		await expect(page.getByRole('status')).toHaveText('Alle Benachrichtigungen sind als gelesen markiert.');
	}
	await expect(bell(page)).toHaveAccessibleName('Benachrichtigungen');
}
